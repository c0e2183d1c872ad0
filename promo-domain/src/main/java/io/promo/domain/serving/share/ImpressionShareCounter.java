package io.promo.domain.serving.share;

import io.promo.domain.serving.index.ServingIndex;
import io.promo.domain.shared.CampaignId;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * Counts impression share in memory on the decision path and hands the counts to an {@link ImpressionShareLog} per
 * campaign, budget day and hour when {@link #flushTo flushed} (every few seconds and at shutdown, by the wiring).
 *
 * <p>Decisions count into a {@link ShareTally} per serving index and hour, an int array indexed by the campaign's
 * position in that index: an index rebuild replaces the campaigns, so the next decision asks for a new tally, and the
 * old one is drained until it is quiet, then dropped (ADR 0031). A decision thread keeps its tally and asks here only
 * when the index or the hour changed, about once a second; that call takes the lock, the increments never do.
 *
 * <p>Counts a flush could not write stay here, added to the next flush, so an outage of the database delays them
 * rather than losing them (up to a process crash, as the traffic counts pacing learns from).
 */
public final class ImpressionShareCounter {

    /** A tally replaced by a newer one is dropped after this many drains in a row found it empty. */
    static final int QUIET_DRAINS_BEFORE_DROP = 2;
    /**
     * What a deployment samples: a decision thread counts up to {@link #DEPLOYMENT_BURST} decisions in a row, and
     * beyond, one per this interval on average. At the traffic of most nodes that is every decision (exact counts).
     */
    public static final Duration DEPLOYMENT_SAMPLING = Duration.ofMillis(2);
    /** How many decisions a thread counts in a row before sampling starts: a second's worth at the sampling rate. */
    public static final int DEPLOYMENT_BURST = 500;
    /**
     * The least time between two counted decisions of a thread that decides faster than {@link #DEPLOYMENT_SAMPLING}
     * allows (its allowance refused it a decision in the last second). Each counted decision costs several decisions and
     * lands in the decisions' tail: one per 2 ms (one decision in about 300 at full speed) lifted DecisionBenchmark's
     * p99 by a third, one per 8 ms still by a fifth at 100 candidates, one per 32 ms (31 counted decisions a second)
     * by 0–4 % (ADR 0031's addenda, docs/benchmarks.md "Eighth pass", "Tenth pass").
     */
    public static final Duration DEPLOYMENT_SAMPLING_UNDER_LOAD = Duration.ofMillis(32);

    private final long sampleEveryNanos;
    private final long burstNanos;
    private final long underLoadNanos;
    private final LongSupplier nanoTime;

    private final Object lock = new Object();
    private final List<ShareTally> tallies = new ArrayList<>();
    /** Drained but not yet written, by (campaign, day, hour), in order of first appearance. */
    private final Map<Key, long[]> pending = new LinkedHashMap<>();

    private record Key(CampaignId campaignId, long dayEpoch, int hour) {
    }

    /** Counts every decision: exact counts, at about twice the cost of a decision (ADR 0031). */
    public ImpressionShareCounter() {
        this(Duration.ZERO, 1);
    }

    /**
     * A counter that samples: a decision thread counts a decision when its allowance (a generic cell rate: up to
     * {@code burst} in a row, then one per {@code sampleEvery} of the JVM's monotonic clock, not the business clock)
     * allows, and then counts it for itself and for every decision it skipped since; {@link Duration#ZERO} counts
     * every decision.
     */
    public ImpressionShareCounter(Duration sampleEvery, int burst) {
        this(sampleEvery, burst, sampleEvery, System::nanoTime);
    }

    /** The deployment's: {@link #DEPLOYMENT_SAMPLING}, {@link #DEPLOYMENT_BURST}, {@link #DEPLOYMENT_SAMPLING_UNDER_LOAD}. */
    public static ImpressionShareCounter sampling() {
        return new ImpressionShareCounter(DEPLOYMENT_SAMPLING, DEPLOYMENT_BURST, DEPLOYMENT_SAMPLING_UNDER_LOAD,
                System::nanoTime);
    }

    /** @param nanoTime the monotonic clock sampling reads ({@link System#nanoTime}; a test's ticker) */
    public ImpressionShareCounter(Duration sampleEvery, int burst, LongSupplier nanoTime) {
        this(sampleEvery, burst, sampleEvery, nanoTime);
    }

    /**
     * @param underLoad the least time between two counted decisions of a busy thread, one its allowance refused a
     *                  decision within the time the allowance takes to fill ({@link #countsUnderLoad}): at least
     *                  {@code sampleEvery}. A thread within its allowance counts every decision as before, so counts
     *                  stay exact where they were
     */
    public ImpressionShareCounter(Duration sampleEvery, int burst, Duration underLoad, LongSupplier nanoTime) {
        if (sampleEvery.isNegative() || burst < 1 || underLoad.compareTo(sampleEvery) < 0) {
            throw new IllegalArgumentException("sampleEvery must not be negative, burst at least 1 and underLoad at least"
                    + " sampleEvery: " + sampleEvery + ", " + burst + ", " + underLoad);
        }
        this.sampleEveryNanos = sampleEvery.toNanos();
        this.burstNanos = sampleEveryNanos * (burst - 1);
        this.underLoadNanos = underLoad.toNanos();
        this.nanoTime = nanoTime;
    }

    /** The monotonic clock's reading, for sampling. */
    public long nanoTime() {
        return nanoTime.getAsLong();
    }

    /** The least time between two counted decisions of one thread; 0 when every decision is counted. */
    public Duration sampleEvery() {
        return Duration.ofNanos(sampleEveryNanos);
    }

    public boolean countsEveryDecision() {
        return sampleEveryNanos == 0;
    }

    /**
     * The thread's next allowance time if it counts the decision it makes at {@code nowNanos}, given its allowance
     * time so far ({@code allowedAt}, 0 at first), or {@link Long#MIN_VALUE} when it skips it: the generic cell rate
     * algorithm, which lets {@code burst} decisions in a row be counted and then one per interval.
     */
    public long allow(long allowedAt, long nowNanos) {
        if (allowedAt != 0 && nowNanos - (allowedAt - burstNanos) < 0) {
            return Long.MIN_VALUE;
        }
        return (allowedAt == 0 || nowNanos - allowedAt > 0 ? nowNanos : allowedAt) + sampleEveryNanos;
    }

    /**
     * Whether a thread that its allowance lets count at {@code nowNanos} does count it: yes while it is within its
     * allowance (refused none for as long as the allowance takes to fill, {@code burst} intervals); a busy thread (it
     * was refused since) only once the under-load interval has passed since it last counted, at
     * {@code lastCountedNanos}. The allowance is spent either way, so it keeps measuring the thread's rate.
     *
     * @param lastRefusedNanos when the allowance last refused this thread a decision (0: never)
     */
    public boolean countsUnderLoad(long lastRefusedNanos, long lastCountedNanos, long nowNanos) {
        boolean busy = lastRefusedNanos != 0 && nowNanos - lastRefusedNanos <= burstNanos + sampleEveryNanos;
        return !busy || nowNanos - lastCountedNanos >= underLoadNanos;
    }

    /** The tally of decisions with {@code index} in {@code hour} (0–23) of the budget day {@code dayEpoch}. */
    public ShareTally tallyFor(ServingIndex index, long dayEpoch, int hour) {
        Objects.requireNonNull(index, "index");
        synchronized (lock) {
            for (ShareTally tally : tallies) {
                if (tally.isFor(index, dayEpoch, hour)) {
                    return tally;
                }
            }
            ShareTally tally = new ShareTally(index, dayEpoch, hour);
            tallies.add(tally);
            return tally;
        }
    }

    /**
     * Takes every count out of the tallies and adds it to what is pending; drops tallies that a newer one replaced
     * and that have stayed empty for {@value #QUIET_DRAINS_BEFORE_DROP} drains.
     */
    private void drain() {
        ShareTally newest = tallies.isEmpty() ? null : tallies.get(tallies.size() - 1);
        for (Iterator<ShareTally> it = tallies.iterator(); it.hasNext(); ) {
            ShareTally tally = it.next();
            boolean any = false;
            int[] cells = tally.cells;
            for (int campaign = 0; campaign < cells.length / ShareTally.STRIDE; campaign++) {
                long[] sums = null;
                for (int outcome = 0; outcome <= ShareTally.SHOWN; outcome++) {
                    int cell = campaign * ShareTally.STRIDE + outcome;
                    if (tally.peek(cell) != 0) {
                        int taken = tally.take(cell);
                        if (taken != 0) {
                            if (sums == null) {
                                sums = pending.computeIfAbsent(new Key(tally.index.campaignAt(campaign), tally.dayEpoch,
                                        tally.hour), key -> new long[ShareTally.SHOWN + 1]);
                            }
                            sums[outcome] += taken;
                            any = true;
                        }
                    }
                }
            }
            if (tally == newest || any) {
                tally.quietDrains = 0;
            } else if (++tally.quietDrains == QUIET_DRAINS_BEFORE_DROP) {
                // Retired first and drained once more before it goes: a decision that held it a moment longer lands
                // in that last drain.
                tally.retired = true;
            } else if (tally.quietDrains > QUIET_DRAINS_BEFORE_DROP) {
                it.remove();
            }
        }
    }

    /**
     * Drains the tallies and writes what is pending to {@code log} in one call. When the write fails, the counts stay
     * pending for the next flush and the failure is thrown.
     *
     * @return how many (campaign, day, hour) rows were written
     */
    public int flushTo(ImpressionShareLog log) {
        List<HourlyShare> batch;
        synchronized (lock) {
            drain();
            if (pending.isEmpty()) {
                return 0;
            }
            batch = new ArrayList<>(pending.size());
            pending.forEach((key, sums) -> batch.add(new HourlyShare(key.campaignId(), LocalDate.ofEpochDay(key.dayEpoch()),
                    key.hour(), ShareCounts.of(sums))));
            pending.clear();
        }
        try {
            log.add(batch);
            return batch.size();
        } catch (RuntimeException e) {
            synchronized (lock) {
                for (HourlyShare share : batch) {
                    long[] sums = pending.computeIfAbsent(new Key(share.campaignId(), share.day().toEpochDay(), share.hour()),
                            key -> new long[ShareTally.SHOWN + 1]);
                    ShareCounts counts = share.counts();
                    for (LostReason reason : LostReason.values()) {
                        sums[reason.ordinal()] += counts.lost(reason);
                    }
                    sums[ShareTally.SHOWN] += counts.impressions();
                }
            }
            throw e;
        }
    }
}
