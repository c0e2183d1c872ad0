package io.promo.domain.serving.pacing;

import java.util.Arrays;

/** Searches per hour of the budget day (24 buckets), summed over however many days were asked for. */
public final class HourlyCounts {

    public static final int HOURS = 24;

    private final long[] counts;

    private HourlyCounts(long[] counts) {
        this.counts = counts;
    }

    public static HourlyCounts of(long... counts) {
        if (counts.length != HOURS) {
            throw new IllegalArgumentException("need " + HOURS + " hourly counts, got " + counts.length);
        }
        for (long count : counts) {
            if (count < 0) {
                throw new IllegalArgumentException("negative count in " + Arrays.toString(counts));
            }
        }
        return new HourlyCounts(counts.clone());
    }

    public long count(int hour) {
        return counts[hour];
    }

    public long total() {
        long total = 0;
        for (long count : counts) {
            total = Math.addExact(total, count);
        }
        return total;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof HourlyCounts that && Arrays.equals(counts, that.counts);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(counts);
    }

    @Override
    public String toString() {
        return Arrays.toString(counts);
    }
}
