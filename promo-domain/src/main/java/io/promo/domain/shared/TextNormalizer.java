package io.promo.domain.shared;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The one normalization of free text that authoring and serving share, so that a keyword typed by an
 * advertiser matches the query typed by a searcher: accents folded, lower case, trimmed, inner
 * whitespace collapsed to one space.
 */
public final class TextNormalizer {

    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    // Unicode white space, so that a non-breaking space typed in a keyword counts as a space.
    private static final Pattern SPACES = Pattern.compile("\\s+", Pattern.UNICODE_CHARACTER_CLASS);
    private static final Pattern NOT_WORD = Pattern.compile("[^\\p{L}\\p{N}]+", Pattern.UNICODE_CHARACTER_CLASS);

    private TextNormalizer() {
    }

    public static String normalize(String text) {
        String folded = MARKS.matcher(Normalizer.normalize(text, Normalizer.Form.NFD)).replaceAll("");
        return SPACES.matcher(folded.toLowerCase(Locale.ROOT)).replaceAll(" ").trim();
    }

    /**
     * The words of a query or of a keyword target, as they are matched (docs/design.md "Keyword matching"):
     * {@link #normalize} and, besides, every run of characters that are neither letters nor digits (punctuation,
     * symbols, white space) one space, so that "Wedding-Photographer!" and "wedding photographer" are the same
     * two words. Marks are folded after lower-casing too ("İ" lower-cases to an i and a combining dot).
     */
    public static String words(String text) {
        String lower = Normalizer.normalize(text, Normalizer.Form.NFD).toLowerCase(Locale.ROOT);
        String folded = MARKS.matcher(Normalizer.normalize(lower, Normalizer.Form.NFD)).replaceAll("");
        return NOT_WORD.matcher(folded).replaceAll(" ").trim();
    }
}
