package io.promo.domain.campaign;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * Keyword targets as stored and matched: each in the {@link KeywordTarget#syntax} of its match type, its words
 * normalized; blanks dropped, duplicates removed, order kept. A malformed target is kept as typed (trimmed), so that
 * {@link CampaignSettings#violations()} can name it; a campaign never holds one.
 */
public final class Keywords {

    public static final int MAX_COUNT = 50;
    public static final int MAX_LENGTH = 80;

    private Keywords() {
    }

    public static List<String> normalize(Collection<String> raw) {
        LinkedHashSet<String> unique = new LinkedHashSet<>();
        for (String keyword : raw) {
            if (keyword != null && !keyword.isBlank()) {
                KeywordTarget.Parsed parsed = KeywordTarget.parse(keyword);
                unique.add(parsed instanceof KeywordTarget.Valid valid ? valid.target().syntax() : keyword.strip());
            }
        }
        return List.copyOf(new ArrayList<>(unique));
    }

    public static boolean isNormalized(List<String> keywords) {
        return normalize(keywords).equals(keywords);
    }

    /**
     * Keywords as read from storage. One stored before match types existed that their syntax refuses (a stray
     * bracket or quote, which authoring refuses now) is read as the broad target of its words, which matches what it
     * matched before up to word order, so that its campaign still loads; one without letters or digits is dropped.
     */
    public static List<String> fromStorage(List<String> stored) {
        List<String> read = new ArrayList<>(stored.size());
        for (String keyword : stored) {
            if (KeywordTarget.parse(keyword) instanceof KeywordTarget.Valid) {
                read.add(keyword);
            } else {
                String words = io.promo.domain.shared.TextNormalizer.words(keyword);
                if (!words.isEmpty()) {
                    read.add(words);
                }
            }
        }
        return read;
    }

    /** The targets of normalized keywords; malformed ones are left out. */
    public static List<KeywordTarget> targets(List<String> keywords) {
        List<KeywordTarget> targets = new ArrayList<>(keywords.size());
        for (String keyword : keywords) {
            if (KeywordTarget.parse(keyword) instanceof KeywordTarget.Valid valid) {
                targets.add(valid.target());
            }
        }
        return targets;
    }

    /** For each malformed or overlong keyword, what is wrong with it, naming it by its position (1-based) and text. */
    public static List<String> problems(List<String> keywords) {
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < keywords.size(); i++) {
            String keyword = keywords.get(i);
            String shown = keyword.length() > 40 ? keyword.substring(0, 40) + "…" : keyword;
            if (keyword.length() > MAX_LENGTH) {
                problems.add("keyword " + (i + 1) + " ('" + shown + "') must be at most " + MAX_LENGTH + " characters");
            } else if (KeywordTarget.parse(keyword) instanceof KeywordTarget.Malformed malformed) {
                problems.add("keyword " + (i + 1) + " ('" + shown + "'): " + malformed.reason());
            }
        }
        return problems;
    }
}
