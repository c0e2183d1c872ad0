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
        String printable = normalizePrintableAscii(text);
        return printable != null ? printable : normalizeByRules(text);
    }

    /** {@link #normalize} by its rules: decomposed, marks removed, lower case, white space collapsed, trimmed. */
    static String normalizeByRules(String text) {
        String folded = MARKS.matcher(Normalizer.normalize(text, Normalizer.Form.NFD)).replaceAll("");
        return SPACES.matcher(folded.toLowerCase(Locale.ROOT)).replaceAll(" ").trim();
    }

    /**
     * {@link #normalize} of a text of printable ASCII characters (space to tilde), or null for any other text: every
     * search normalizes its city, role and query, almost always such text, and the rules' regular expressions and
     * Unicode decomposition cost more than the rest of reading the request. In that range decomposition changes
     * nothing, there are no marks, lower case is A to Z only, and the one white space character is the space.
     */
    private static String normalizePrintableAscii(String text) {
        int length = text.length();
        boolean unchanged = length == 0 || text.charAt(0) != ' ' && text.charAt(length - 1) != ' ';
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (c < ' ' || c > '~') {
                return null;
            }
            if (c >= 'A' && c <= 'Z' || c == ' ' && i > 0 && text.charAt(i - 1) == ' ') {
                unchanged = false;
            }
        }
        if (unchanged) {
            return text;
        }
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (c != ' ') {
                out.append(c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c);
            } else if (out.length() > 0 && out.charAt(out.length() - 1) != ' ') {
                out.append(' ');
            }
        }
        int end = out.length();
        return end > 0 && out.charAt(end - 1) == ' ' ? out.substring(0, end - 1) : out.toString();
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
