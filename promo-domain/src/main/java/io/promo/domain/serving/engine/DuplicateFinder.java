package io.promo.domain.serving.engine;

import io.promo.domain.serving.index.EntityTable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Finds the null and the repeated ids of a search's organic matches, which the engine requires distinct (one
 * position per entity) and non-null. A request's validation is a measurable part of a decision's cost, so instead
 * of a new hash set per request this is a thread's reusable open-addressing table: slots are "cleared" by bumping a
 * generation, so a check allocates nothing unless it finds a repeat.
 */
public final class DuplicateFinder {

    private static final ThreadLocal<DuplicateFinder> OF_THREAD = ThreadLocal.withInitial(DuplicateFinder::new);
    private static final int CAPACITY = Integer.highestOneBit(Search.MAX_ORGANIC_MATCHES) << 2;
    private static final int SHIFT = 64 - Integer.numberOfTrailingZeros(CAPACITY);

    /** Per slot: the generation that filled it in the high half, the id's hash code in the low half. */
    private final long[] entries = new long[CAPACITY];
    private int generation;
    private int nulls;
    private List<String> repeated;

    private DuplicateFinder() {
    }

    /** The calling thread's finder: its answers are valid until that thread's next {@link #check}. */
    public static DuplicateFinder ofThisThread() {
        return OF_THREAD.get();
    }

    /** Of the last check: how many ids were null. */
    public int nulls() {
        return nulls;
    }

    /** Of the last check: the ids that occur more than once, each once, in order of their first repeat. */
    public List<String> repeated() {
        return repeated;
    }

    /** Checks at most {@link Search#MAX_ORGANIC_MATCHES} ids. */
    public void check(String[] ids) {
        if (++generation == 0) {
            Arrays.fill(entries, 0);
            generation = 1;
        }
        long stamp = (long) generation << 32;
        nulls = 0;
        repeated = List.of();
        for (int i = 0; i < ids.length; i++) {
            String id = ids[i];
            if (id == null) {
                nulls++;
                continue;
            }
            int hash = id.hashCode();
            long entry = stamp | (hash & 0xFFFF_FFFFL);
            int slot = EntityTable.slot(hash, SHIFT);
            long stored;
            boolean sameHash = false;
            while (((stored = entries[slot]) & 0xFFFF_FFFF_0000_0000L) == stamp) {
                if (stored == entry) {
                    sameHash = true;
                    break;
                }
                slot = (slot + 1) & (CAPACITY - 1);
            }
            if (!sameHash) {
                entries[slot] = entry;
            } else if (occursBefore(ids, i)) {
                if (repeated.isEmpty()) {
                    repeated = new ArrayList<>();
                }
                if (!repeated.contains(id)) {
                    repeated.add(id);
                }
            }
            // else: a distinct id whose hash code an earlier one has (about one search in 200,000 at 200 ids); the
            // entry already stands for both.
        }
    }

    /** Whether ids[i] equals an id before it: asked only when an earlier id has its hash code. */
    private static boolean occursBefore(String[] ids, int i) {
        String id = ids[i];
        for (int j = 0; j < i; j++) {
            if (id.equals(ids[j])) {
                return true;
            }
        }
        return false;
    }
}
