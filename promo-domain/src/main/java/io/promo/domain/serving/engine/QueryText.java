package io.promo.domain.serving.engine;

import io.promo.domain.campaign.Keywords;
import io.promo.domain.serving.index.KeywordDictionary;
import io.promo.domain.shared.TextNormalizer;

/** The search query on the decision path: normalized as keywords are, and matched against the index's keywords. */
final class QueryText {

    private QueryText() {
    }

    /**
     * {@link TextNormalizer#words}, with a fast path for printable ASCII (the common case), where folding accents
     * does nothing, so only case and what separates words need work. Returns the very same string when it is
     * already normalized.
     */
    static String normalize(String raw) {
        int length = raw.length();
        boolean normalized = true;
        char previous = ' ';
        for (int i = 0; i < length; i++) {
            char c = raw.charAt(i);
            if (c < 0x20 || c > 0x7E) {
                return TextNormalizer.words(raw);
            }
            if (!(isLowerOrDigit(c) || (c == ' ' && previous != ' '))) {
                normalized = false;
            }
            previous = c;
        }
        if (normalized && (length == 0 || raw.charAt(length - 1) != ' ')) {
            return raw;
        }
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            char c = raw.charAt(i);
            if (isLowerOrDigit(c)) {
                out.append(c);
            } else if (c >= 'A' && c <= 'Z') {
                out.append((char) (c + ('a' - 'A')));
            } else if (out.length() > 0 && out.charAt(out.length() - 1) != ' ') {
                out.append(' ');
            }
        }
        int end = out.length();
        if (end > 0 && out.charAt(end - 1) == ' ') {
            out.setLength(end - 1);
        }
        return out.toString();
    }

    private static boolean isLowerOrDigit(char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    }

    /**
     * Adds to {@code matches} the id of every keyword of {@code dictionary} that occurs in the normalized
     * {@code query} as a run of whole words ("wedding photographer" occurs in "best wedding photographer
     * berlin", "wed" does not).
     */
    static void matchKeywords(String query, KeywordDictionary dictionary, IntBuffer matches) {
        int length = query.length();
        if (dictionary.size() == 0 || length == 0) {
            return;
        }
        int start = 0;
        while (true) {
            int end = query.indexOf(' ', start);
            if (end < 0) {
                end = length;
            }
            for (int words = 1; end - start <= Keywords.MAX_LENGTH; words++) {
                int id = dictionary.idOf(query, start, end);
                if (id >= 0 && !matches.contains(id)) {
                    matches.add(id);
                }
                if (end == length || words == dictionary.maxWords) {
                    break;
                }
                int next = query.indexOf(' ', end + 1);
                end = next < 0 ? length : next;
            }
            int nextStart = query.indexOf(' ', start);
            if (nextStart < 0) {
                return;
            }
            start = nextStart + 1;
        }
    }

    /** A growable list of ints, reused across decisions. */
    static final class IntBuffer {
        private int[] values = new int[16];
        private int size;

        void clear() {
            size = 0;
        }

        void add(int value) {
            if (size == values.length) {
                values = java.util.Arrays.copyOf(values, size * 2);
            }
            values[size++] = value;
        }

        boolean contains(int value) {
            for (int i = 0; i < size; i++) {
                if (values[i] == value) {
                    return true;
                }
            }
            return false;
        }

        int size() {
            return size;
        }

        int get(int index) {
            return values[index];
        }
    }
}
