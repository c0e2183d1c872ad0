package io.promo.domain.campaign;

import io.promo.domain.shared.Violation;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * Keyword targets as stored and matched: each in the {@link KeywordTarget#syntax} of its match type, its words
 * normalized; duplicates removed, order kept. A malformed target is kept as typed (trimmed), a blank or null one as
 * {@code ""}, so that {@link CampaignSettings#violations()} can name it; a campaign never holds one.
 */
public final class Keywords {

    public static final int MAX_COUNT = 50;
    public static final int MAX_LENGTH = 80;

    private Keywords() {
    }

    public static List<String> normalize(Collection<String> raw) {
        LinkedHashSet<String> unique = new LinkedHashSet<>();
        for (String keyword : raw) {
            if (keyword == null) {
                unique.add(""); // refused as blank, like an empty string
            } else {
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
            if (keyword == null) {
                continue;
            }
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

    /**
     * The {@link #contradictions} as violations of {@code keyword_targets} (a rule across targets: HTTP 422), refused when
     * keywords are authored. Not a rule of {@link CampaignSettings#violations()}: a campaign stored before it existed
     * must still load, and serves as before (its contradicted positive never matches).
     */
    public static List<Violation> refusals(List<String> keywords) {
        return contradictions(keywords).stream()
                .map(contradiction -> new Violation("keyword_targets", contradiction)).toList();
    }

    /**
     * For each positive target that can never match because a negative excludes every query it matches
     * ({@link KeywordTarget#excludesEveryMatchOf}), what to say: a campaign with {@code portrait} and {@code -portrait}
     * was meant otherwise. Malformed targets are left to {@link #problems}.
     */
    public static List<String> contradictions(List<String> keywords) {
        List<KeywordTarget> targets = targets(keywords);
        List<String> contradictions = new ArrayList<>();
        for (KeywordTarget positive : targets) {
            if (positive.negative()) {
                continue;
            }
            for (KeywordTarget negative : targets) {
                if (negative.excludesEveryMatchOf(positive)) {
                    contradictions.add("keyword '" + positive.syntax() + "' can never match: keyword '" + negative.syntax()
                            + "' excludes every query it matches");
                    break;
                }
            }
        }
        return contradictions;
    }

    /**
     * For each malformed, blank or overlong keyword, what is wrong with it, naming it by its text (as typed, trimmed:
     * positions would not be the typed ones once duplicates are dropped).
     */
    public static List<String> problems(List<String> keywords) {
        List<String> problems = new ArrayList<>();
        for (String keyword : keywords) {
            String shown = keyword.length() > 40 ? keyword.substring(0, 40) + "…" : keyword;
            if (keyword.isBlank()) {
                problems.add("a keyword is blank");
            } else if (keyword.length() > MAX_LENGTH) {
                problems.add("keyword '" + shown + "' must be at most " + MAX_LENGTH + " characters");
            } else if (KeywordTarget.parse(keyword) instanceof KeywordTarget.Malformed malformed) {
                problems.add("keyword '" + shown + "': " + malformed.reason());
            }
        }
        return problems;
    }
}
