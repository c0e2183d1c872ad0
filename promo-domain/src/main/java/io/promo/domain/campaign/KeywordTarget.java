package io.promo.domain.campaign;

import io.promo.domain.shared.TextNormalizer;
import java.util.List;
import java.util.Objects;

/**
 * One keyword target as an advertiser writes it (docs/design.md "Keyword matching"): {@code portrait} broad (every
 * word of the target is a word of the query, in any order), {@code "portrait photographer"} phrase (its words occur
 * in the query in order and contiguous), {@code [wedding photographer]} exact (the query is the target), each of them
 * a negative with a leading {@code -} ({@code -cheap}, {@code -"free shoot"}, {@code -[nude]}): a query a negative
 * matches excludes the campaign whatever else matches. The text holds {@link TextNormalizer#words} of what was typed.
 */
public record KeywordTarget(String text, MatchType match, boolean negative) {

    /** How a target's words must occur in the query. */
    public enum MatchType {
        BROAD, PHRASE, EXACT;

        /** The name in the API: {@code broad}, {@code phrase}, {@code exact}. */
        public String code() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public KeywordTarget {
        Objects.requireNonNull(match, "match");
        if (text == null || text.isEmpty() || !TextNormalizer.words(text).equals(text)) {
            throw new IllegalArgumentException("a keyword target's text must be non-empty normalized words: '" + text + "'");
        }
    }

    /** The target as stored and shown: the normalized words in the syntax of its match type, negatives with a {@code -}. */
    public String syntax() {
        String body = switch (match) {
            case BROAD -> text;
            case PHRASE -> '"' + text + '"';
            case EXACT -> '[' + text + ']';
        };
        return negative ? "-" + body : body;
    }

    /** The target's words, in order. */
    public List<String> words() {
        return List.of(text.split(" "));
    }

    /**
     * Whether this negative excludes every query {@code positive} matches, so that the positive can never match: a
     * broad negative whose words are all the positive's (every query the positive matches has them); a phrase negative
     * whose words occur in order and contiguous in a phrase or exact positive, or a one-word phrase negative whose
     * word is a broad positive's (a query may part or reorder a broad positive's words, but never loses one); an exact
     * negative equal to an exact positive (any other positive also matches longer queries the negative does not).
     */
    public boolean excludesEveryMatchOf(KeywordTarget positive) {
        if (!negative || positive.negative) {
            return false;
        }
        List<String> excluded = words();
        List<String> matched = positive.words();
        return switch (match) {
            case BROAD -> matched.containsAll(excluded);
            case PHRASE -> positive.match == MatchType.BROAD
                    ? excluded.size() == 1 && matched.contains(excluded.get(0))
                    : java.util.Collections.indexOfSubList(matched, excluded) >= 0;
            case EXACT -> positive.match == MatchType.EXACT && matched.equals(excluded);
        };
    }

    /** What {@link #parse} makes of a typed target: a target, or why it is malformed. */
    public sealed interface Parsed permits Valid, Malformed {
    }

    public record Valid(KeywordTarget target) implements Parsed {
    }

    public record Malformed(String reason) implements Parsed {
    }

    /** Parses one typed target; surrounding white space is ignored. */
    public static Parsed parse(String raw) {
        String typed = raw.strip();
        boolean negative = typed.startsWith("-");
        String body = negative ? typed.substring(1).strip() : typed;
        if (body.isEmpty()) {
            return new Malformed(negative ? "a '-' must be followed by the keyword it excludes" : "is blank");
        }
        MatchType match;
        String inner;
        char first = body.charAt(0);
        char last = body.charAt(body.length() - 1);
        if (first == '"') {
            if (body.length() < 2 || last != '"') {
                return new Malformed("a phrase opened with '\"' must end with '\"'");
            }
            match = MatchType.PHRASE;
            inner = body.substring(1, body.length() - 1);
        } else if (first == '[') {
            if (last != ']') {
                return new Malformed("an exact target opened with '[' must end with ']'");
            }
            match = MatchType.EXACT;
            inner = body.substring(1, body.length() - 1);
        } else {
            match = MatchType.BROAD;
            inner = body;
        }
        for (int i = 0; i < inner.length(); i++) {
            char c = inner.charAt(i);
            if (c == '"' || c == '[' || c == ']') {
                return new Malformed("quotes and brackets may only enclose the whole keyword (\"phrase\", [exact])");
            }
        }
        String text = TextNormalizer.words(inner);
        if (text.isEmpty()) {
            return new Malformed(match == MatchType.BROAD ? "has no letters or digits"
                    : "the " + match.code() + " target has no letters or digits between its "
                            + (match == MatchType.PHRASE ? "quotes" : "brackets"));
        }
        return new Valid(new KeywordTarget(text, match, negative));
    }
}
