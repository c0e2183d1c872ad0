package io.promo.domain.serving.share;

import io.promo.domain.serving.index.ServingIndex;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The auctions counted with one serving index in one hour of a budget day: per campaign (by its
 * {@code ServingCampaign.position} in that index), one cell per {@link LostReason} and one for impressions, in one
 * int array. Decisions add with an atomic increment, no lock and nothing allocated; the {@link ImpressionShareCounter}
 * takes the counts out with an atomic swap per non-zero cell, so an increment is counted by exactly one drain.
 */
public final class ShareTally {

    /** The impressions' cell of a campaign. */
    public static final int SHOWN = ShareCounts.SHOWN;
    /** Cells per campaign: the reasons, the impressions, and padding to a power of two. */
    static final int STRIDE = 8;
    private static final VarHandle CELL = MethodHandles.arrayElementVarHandle(int[].class);

    final ServingIndex index;
    final long dayEpoch;
    final int hour;
    final int[] cells;
    /** Consecutive drains that found nothing since a newer tally replaced this one (the counter's lock guards it). */
    int quietDrains;
    /** Set when the counter let go of it: a decision that still holds it asks for a new one. */
    volatile boolean retired;

    ShareTally(ServingIndex index, long dayEpoch, int hour) {
        this.index = index;
        this.dayEpoch = dayEpoch;
        this.hour = hour;
        this.cells = new int[index.campaignCount() * STRIDE];
    }

    /** Whether a decision with {@code index} in this hour counts here. */
    public boolean isFor(ServingIndex index, long dayEpoch, int hour) {
        return this.index == index && this.hour == hour && this.dayEpoch == dayEpoch && !retired;
    }

    /**
     * {@code weight} auctions of the campaign at {@code position}: {@link #SHOWN}, or the ordinal of the
     * {@link LostReason}. The weight is 1 when every decision is counted, more for a sampled one
     * ({@link ImpressionShareCounter#sampleEvery}).
     */
    public void count(int position, int outcome, int weight) {
        CELL.getAndAdd(cells, position * STRIDE + outcome, weight);
    }

    /** Takes the cell's count out, leaving 0 (a decision's increment lands before or after, never lost). */
    int take(int cell) {
        return (int) CELL.getAndSet(cells, cell, 0);
    }

    /** A plain read, to skip empty cells without a write. */
    int peek(int cell) {
        return (int) CELL.getOpaque(cells, cell);
    }
}
