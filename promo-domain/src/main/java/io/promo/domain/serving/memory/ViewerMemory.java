package io.promo.domain.serving.memory;

import io.promo.domain.campaign.FrequencyCap;
import java.util.Arrays;

/**
 * What a viewer's memory token says they were shown: per capped campaign (by its keyed hash, never its id), the
 * minutes of its most recent impressions and the cap period they were recorded under. Immutable; an impression
 * is added by {@link #after}, which also forgets what no cap can count any more.
 *
 * <p>Bounded: at most {@value #MAX_ENTRIES} campaigns and {@value FrequencyCap#MAX_IMPRESSIONS} minutes each (a cap
 * of N needs only the N newest impressions: N of them fall within the period exactly when the N-th newest does). A
 * viewer shown more than {@value #MAX_ENTRIES} capped campaigns within their periods loses the one last shown
 * longest ago, which may then be shown again: the only way a cap is not exact (ADR 0034).
 */
public final class ViewerMemory {

    public static final int MAX_ENTRIES = 32;
    /** Timestamps are stored as minutes before the token's minute in 16 bits: anything older is of no period. */
    static final int MAX_AGE_MINUTES = 0xFFFF;
    public static final ViewerMemory EMPTY = new ViewerMemory(new int[0], new int[0], new long[0][]);

    private final int[] hashes;
    private final int[] periodHours;
    /** Per entry, its impressions' epoch minutes, newest first. */
    private final long[][] minutes;

    ViewerMemory(int[] hashes, int[] periodHours, long[][] minutes) {
        this.hashes = hashes;
        this.periodHours = periodHours;
        this.minutes = minutes;
    }

    /** How many campaigns it remembers. */
    public int size() {
        return hashes.length;
    }

    /** The impressions of the campaign hashed {@code campaignHash} within the last {@code periodMinutes} before {@code nowMinute}. */
    public int count(int campaignHash, long nowMinute, int periodMinutes) {
        for (int i = 0; i < hashes.length; i++) {
            if (hashes[i] == campaignHash) {
                int n = 0;
                for (long minute : minutes[i]) {
                    if (nowMinute - minute < periodMinutes) {
                        n++;
                    }
                }
                return n;
            }
        }
        return 0;
    }

    /** Whether one more impression keeps the campaign within {@code impressions} per {@code periodMinutes}. */
    public boolean allows(int campaignHash, int impressions, int periodMinutes, long nowMinute) {
        return count(campaignHash, nowMinute, periodMinutes) < impressions;
    }

    /**
     * This memory with one impression of each campaign {@code hashes[i]} (capped over {@code periods[i]} hours) at
     * {@code nowMinute}, and without what no period counts any more.
     */
    public ViewerMemory after(long nowMinute, int[] newHashes, int[] newPeriodHours, int count) {
        nowMinute = notBeforeNewest(nowMinute);
        int n = hashes.length;
        int[] keys = Arrays.copyOf(hashes, n + count);
        int[] periods = Arrays.copyOf(periodHours, n + count);
        long[][] times = Arrays.copyOf(minutes, n + count);
        int size = n;
        for (int k = 0; k < count; k++) {
            int found = -1;
            for (int i = 0; i < size && found < 0; i++) {
                if (keys[i] == newHashes[k]) {
                    found = i;
                }
            }
            if (found < 0) {
                keys[size] = newHashes[k];
                periods[size] = newPeriodHours[k];
                times[size++] = new long[] {nowMinute};
            } else {
                periods[found] = newPeriodHours[k];
                long[] before = times[found];
                long[] now = new long[Math.min(before.length + 1, FrequencyCap.MAX_IMPRESSIONS)];
                now[0] = nowMinute;
                System.arraycopy(before, 0, now, 1, now.length - 1);
                times[found] = now;
            }
        }
        return pruned(nowMinute, keys, periods, times, size);
    }

    /** This memory without what no period counts at {@code nowMinute}; itself when nothing is to go. */
    public ViewerMemory prunedAt(long nowMinute) {
        return pruned(notBeforeNewest(nowMinute), hashes, periodHours, minutes, hashes.length);
    }

    private ViewerMemory pruned(long nowMinute, int[] keys, int[] periods, long[][] times, int size) {
        long[][] kept = new long[size][];
        int live = 0;
        boolean changed = size != hashes.length || keys != hashes;
        for (int i = 0; i < size; i++) {
            int periodMinutes = periods[i] * 60;
            long[] all = times[i];
            int n = 0;
            while (n < all.length && n < FrequencyCap.MAX_IMPRESSIONS && nowMinute - all[n] < periodMinutes
                    && nowMinute - all[n] <= MAX_AGE_MINUTES) {
                n++;
            }
            if (n > 0) {
                kept[i] = n == all.length ? all : Arrays.copyOf(all, n);
                live++;
            }
            changed |= n != all.length;
        }
        if (!changed) {
            return this;
        }
        int[] order = new int[live];
        int j = 0;
        for (int i = 0; i < size; i++) {
            if (kept[i] != null) {
                order[j++] = i;
            }
        }
        if (live > MAX_ENTRIES) {
            // Forget the campaigns whose newest impression is the oldest (on a tie, the later entry stays).
            Integer[] boxed = new Integer[live];
            for (int i = 0; i < live; i++) {
                boxed[i] = order[i];
            }
            Arrays.sort(boxed, (a, b) -> kept[a][0] != kept[b][0] ? Long.compare(kept[b][0], kept[a][0])
                    : Integer.compare(b, a));
            order = new int[MAX_ENTRIES];
            for (int i = 0; i < MAX_ENTRIES; i++) {
                order[i] = boxed[i];
            }
            Arrays.sort(order);
        }
        int[] outHashes = new int[order.length];
        int[] outPeriods = new int[order.length];
        long[][] outMinutes = new long[order.length][];
        for (int k = 0; k < order.length; k++) {
            outHashes[k] = keys[order[k]];
            outPeriods[k] = periods[order[k]];
            outMinutes[k] = kept[order[k]];
        }
        return new ViewerMemory(outHashes, outPeriods, outMinutes);
    }

    /**
     * {@code nowMinute}, or the newest impression remembered if that is later: another node's clock may run up to a
     * minute ahead of ours (the codec refuses more), and ages are never negative.
     */
    long notBeforeNewest(long nowMinute) {
        long newest = nowMinute;
        for (long[] entry : minutes) {
            newest = Math.max(newest, entry[0]);
        }
        return newest;
    }

    /** The most bytes {@link #bytes} writes: a header, then per entry its hash, period, count and 16-bit ages. */
    static final int MAX_BYTES = 5 + MAX_ENTRIES * (4 + 1 + 1 + 2 * FrequencyCap.MAX_IMPRESSIONS);

    /**
     * The payload: the minute written (4 bytes), the entry count (1), then per entry the campaign hash (4), the period
     * in hours (1), the impression count (1) and each impression's age in minutes before the minute written (2 each,
     * newest first). Call on a memory {@link #prunedAt} {@code nowMinute}.
     */
    byte[] bytes(long nowMinute) {
        nowMinute = notBeforeNewest(nowMinute);
        int length = 5;
        for (long[] entry : minutes) {
            length += 6 + 2 * entry.length;
        }
        byte[] out = new byte[length];
        int at = putInt(out, 0, (int) nowMinute);
        out[at++] = (byte) hashes.length;
        for (int i = 0; i < hashes.length; i++) {
            at = putInt(out, at, hashes[i]);
            out[at++] = (byte) periodHours[i];
            out[at++] = (byte) minutes[i].length;
            for (long minute : minutes[i]) {
                int age = (int) (nowMinute - minute);
                out[at++] = (byte) (age >>> 8);
                out[at++] = (byte) age;
            }
        }
        return out;
    }

    /** The minute a payload was written, or -1 when it is too short to say. */
    static long writtenAt(byte[] in) {
        return in.length < 5 ? -1 : getInt(in, 0) & 0xFFFFFFFFL;
    }

    /** The memory a payload holds, or null when it is not one {@link #bytes} writes (sizes, order, bounds). */
    static ViewerMemory parse(byte[] in) {
        if (in.length < 5 || in.length > MAX_BYTES) {
            return null;
        }
        long written = writtenAt(in);
        int count = in[4] & 0xFF;
        if (count > MAX_ENTRIES) {
            return null;
        }
        int[] hashes = new int[count];
        int[] periods = new int[count];
        long[][] minutes = new long[count][];
        int at = 5;
        for (int i = 0; i < count; i++) {
            if (at + 6 > in.length) {
                return null;
            }
            hashes[i] = getInt(in, at);
            periods[i] = in[at + 4] & 0xFF;
            int n = in[at + 5] & 0xFF;
            at += 6;
            if (periods[i] < 1 || periods[i] > FrequencyCap.MAX_PERIOD_HOURS || n < 1 || n > FrequencyCap.MAX_IMPRESSIONS
                    || at + 2 * n > in.length) {
                return null;
            }
            minutes[i] = new long[n];
            int previousAge = -1;
            for (int k = 0; k < n; k++) {
                int age = (in[at] & 0xFF) << 8 | in[at + 1] & 0xFF;
                at += 2;
                if (age < previousAge) {
                    return null;
                }
                previousAge = age;
                minutes[i][k] = written - age;
            }
            for (int j = 0; j < i; j++) {
                if (hashes[j] == hashes[i]) {
                    return null;
                }
            }
        }
        return at == in.length ? new ViewerMemory(hashes, periods, minutes) : null;
    }

    private static int putInt(byte[] out, int at, int value) {
        out[at] = (byte) (value >>> 24);
        out[at + 1] = (byte) (value >>> 16);
        out[at + 2] = (byte) (value >>> 8);
        out[at + 3] = (byte) value;
        return at + 4;
    }

    private static int getInt(byte[] in, int at) {
        return (in[at] & 0xFF) << 24 | (in[at + 1] & 0xFF) << 16 | (in[at + 2] & 0xFF) << 8 | in[at + 3] & 0xFF;
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("ViewerMemory[");
        for (int i = 0; i < hashes.length; i++) {
            text.append(i == 0 ? "" : ", ").append(Integer.toHexString(hashes[i])).append('/').append(periodHours[i])
                    .append("h=").append(Arrays.toString(minutes[i]));
        }
        return text.append(']').toString();
    }
}
