package io.promo.domain.serving.index;

import io.promo.domain.campaign.KeywordTarget;
import java.util.List;

/**
 * A campaign's keyword targets (its positive ones, or its negative ones) compiled when the index is built into one
 * int array of {@link KeywordDictionary} ids that a decision walks without allocating: for each target in order,
 * its match type, the number of ids that follow, then the ids: every word of a broad target, the whole text of a
 * phrase or exact one. A phrase matches when its text is a run of whole words of the query, an exact target when it
 * is the whole query (both found by the query's one pass over the dictionary), a broad one when each of its words is.
 */
public final class KeywordProgram {

    public static final int BROAD = 0;
    public static final int PHRASE = 1;
    public static final int EXACT = 2;
    static final int[] NONE = {};

    private KeywordProgram() {
    }

    /** The program of those of {@code targets} whose negativity is {@code negative}, numbering their terms in {@code dictionary}. */
    static int[] compile(List<KeywordTarget> targets, boolean negative, KeywordDictionary.Builder dictionary) {
        int length = 0;
        for (KeywordTarget target : targets) {
            if (target.negative() == negative) {
                length += 2 + (target.match() == KeywordTarget.MatchType.BROAD ? target.words().size() : 1);
            }
        }
        if (length == 0) {
            return NONE;
        }
        int[] program = new int[length];
        int at = 0;
        for (KeywordTarget target : targets) {
            if (target.negative() != negative) {
                continue;
            }
            switch (target.match()) {
                case BROAD -> {
                    List<String> words = target.words();
                    program[at++] = BROAD;
                    program[at++] = words.size();
                    for (String word : words) {
                        program[at++] = dictionary.add(word);
                    }
                }
                case PHRASE, EXACT -> {
                    program[at++] = target.match() == KeywordTarget.MatchType.PHRASE ? PHRASE : EXACT;
                    program[at++] = 1;
                    program[at++] = dictionary.add(target.text());
                }
            }
        }
        return program;
    }

    /**
     * Bit {@code id % 64} of every id in {@code program}: no target of the program can match a query none of whose
     * matched ids sets one of these bits (a broad target needs all its words, a phrase or an exact one its text as
     * a run of the query's words).
     */
    static long bits(int[] program) {
        long bits = 0;
        for (int at = 0; at < program.length; at += 2 + program[at + 1]) {
            for (int i = at + 2; i < at + 2 + program[at + 1]; i++) {
                bits |= 1L << program[i];
            }
        }
        return bits;
    }
}
