package io.promo.domain.serving.index;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Every keyword target of the index, numbered, in an open-addressing table that is queried with a range of
 * the query string, so that matching a query allocates nothing (no substrings).
 */
public final class KeywordDictionary {

    static final KeywordDictionary EMPTY = new Builder().build();

    private final String[] keys;
    private final int[] ids;
    private final String[] byId;
    private final int mask;
    private final int shift;
    /** The most words any keyword has: longer ranges of the query need not be looked up. */
    public final int maxWords;

    private KeywordDictionary(Map<String, Integer> numbered, int maxWords) {
        int capacity = Integer.highestOneBit(Math.max(4, numbered.size() * 2 + 1)) << 1;
        this.keys = new String[capacity];
        this.ids = new int[capacity];
        this.byId = new String[numbered.size()];
        this.mask = capacity - 1;
        this.shift = 64 - Integer.numberOfTrailingZeros(capacity);
        this.maxWords = maxWords;
        numbered.forEach((keyword, id) -> {
            byId[id] = keyword;
            int slot = EntityTable.slot(keyword.hashCode(), shift);
            while (keys[slot] != null) {
                slot = (slot + 1) & mask;
            }
            keys[slot] = keyword;
            ids[slot] = id;
        });
    }

    public int size() {
        return byId.length;
    }

    public String keyword(int id) {
        return byId[id];
    }

    /** The id of {@code text[from, to)} as a keyword, or -1. */
    public int idOf(String text, int from, int to) {
        int h = 0;
        for (int i = from; i < to; i++) {
            h = 31 * h + text.charAt(i);
        }
        int length = to - from;
        int slot = EntityTable.slot(h, shift);
        String key;
        while ((key = keys[slot]) != null) {
            if (key.length() == length && key.regionMatches(0, text, from, length)) {
                return ids[slot];
            }
            slot = (slot + 1) & mask;
        }
        return -1;
    }

    static final class Builder {
        private final Map<String, Integer> numbered = new LinkedHashMap<>();
        private int maxWords;

        /** The keyword's id, numbering it if it is new. */
        int add(String keyword) {
            Integer id = numbered.get(keyword);
            if (id == null) {
                id = numbered.size();
                numbered.put(keyword, id);
                int words = 1;
                for (int i = 0; i < keyword.length(); i++) {
                    if (keyword.charAt(i) == ' ') {
                        words++;
                    }
                }
                maxWords = Math.max(maxWords, words);
            }
            return id;
        }

        KeywordDictionary build() {
            return new KeywordDictionary(numbered, maxWords);
        }
    }
}
