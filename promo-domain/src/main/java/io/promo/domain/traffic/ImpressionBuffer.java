package io.promo.domain.traffic;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The bounded buffer between the decision path and the impression log, and its rules: decisions {@link #offer}
 * impressions without waiting; a writer (the persistence adapter's, which owns the thread) takes them in batches of
 * {@code batchSize}, flushed when a batch is full or when its oldest impression has waited {@code flushInterval}, and
 * reports each batch's fate here, so that the counts below are kept in one place.
 *
 * <p>Back-pressure is drop-and-count: when the buffer is full (the database is slower than the traffic, or down),
 * new impressions are dropped and counted in {@link #dropped()}, and the decision goes on. A decision must not wait
 * for the database, and a lost impression costs CTR evidence, never money: clicks are validated by their signed
 * token, not by the impression row. Memory stays bounded by {@code capacity} plus the batch in the writer's hands.
 *
 * <p>Once {@link #stopAccepting() closed}, offers are dropped; what the writer cannot write before its deadline is
 * given up and counted in {@link #lost()} ({@link #giveUpTheRest()}). What a crash loses is what was buffered: at
 * most {@code capacity} + {@code batchSize} impressions, in steady state about {@code flushInterval} of traffic.
 */
public final class ImpressionBuffer {

    /**
     * @param capacity      impressions held at most before new ones are dropped
     * @param batchSize     impressions per append (one COPY)
     * @param flushInterval the longest an impression waits for its batch to fill
     */
    public record Settings(int capacity, int batchSize, Duration flushInterval) {
        /** 100,000 impressions (tens of MB), batches of 5,000, flushed at least every 200 ms. */
        public static final Settings DEFAULTS = new Settings(100_000, 5_000, Duration.ofMillis(200));

        public Settings {
            Objects.requireNonNull(flushInterval, "flushInterval");
            if (capacity < 1 || batchSize < 1 || batchSize > capacity || flushInterval.isNegative()
                    || flushInterval.isZero()) {
                throw new IllegalArgumentException("a buffer needs 1 ≤ batch size ≤ capacity and a positive flush interval");
            }
        }
    }

    private final Settings settings;
    private final BlockingQueue<TrafficEvent> queue;
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong lost = new AtomicLong();
    private final AtomicLong failedAppends = new AtomicLong();
    private volatile boolean closing;
    /** Set when the writer was given up on: batches it still reports are not counted again, all is counted as lost. */
    private boolean abandoned;
    private volatile boolean lastAppendFailed;

    public ImpressionBuffer(Settings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.queue = new ArrayBlockingQueue<>(settings.capacity());
    }

    public Settings settings() {
        return settings;
    }

    /** Queues the impressions without waiting; those that do not fit (or come after close) are dropped. */
    public int offer(List<TrafficEvent> impressions) {
        int taken = 0;
        for (TrafficEvent impression : impressions) {
            if (impression.type() != EventType.IMPRESSION) {
                throw new IllegalArgumentException("not an impression: " + impression.eventId());
            }
            if (!closing && queue.offer(impression)) {
                taken++;
            }
        }
        accepted.addAndGet(taken);
        dropped.addAndGet(impressions.size() - taken);
        return taken;
    }

    /** Impressions accepted and not yet written (or given up): the buffer depth for /metrics. */
    public long depth() {
        return accepted.get() - written.get() - lost.get();
    }

    /** Impressions refused because the buffer was full or closed. */
    public long dropped() {
        return dropped.get();
    }

    /** Impressions appended to the log. */
    public long written() {
        return written.get();
    }

    /** Impressions accepted but never written: their batch still failed when the buffer closed. */
    public long lost() {
        return lost.get();
    }

    /** Appends that failed and were retried. */
    public long failedAppends() {
        return failedAppends.get();
    }

    /** True while the latest append failed (the log is unreachable): new impressions are queueing, not written. */
    public boolean failing() {
        return lastAppendFailed;
    }

    /** Impressions held at most before new ones are dropped. */
    public int capacity() {
        return settings.capacity();
    }

    /** Waits until everything offered before this call is written or given up, at most {@code timeout}. */
    public boolean awaitFlushed(Duration timeout) throws InterruptedException {
        long target = accepted.get();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (written.get() + lost.get() < target) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(1);
        }
        return true;
    }

    // The writer's side.

    /** The next impression, waiting at most {@code timeout}; null when none came. */
    public TrafficEvent next(Duration timeout) throws InterruptedException {
        return queue.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Moves what is queued into {@code batch}, without waiting, until it holds {@code batchSize}. */
    public void drainInto(List<TrafficEvent> batch) {
        queue.drainTo(batch, settings.batchSize() - batch.size());
    }

    /** True when nothing is queued. */
    public boolean isEmpty() {
        return queue.isEmpty();
    }

    /** From now on every offer is dropped; what is queued still waits for the writer. */
    public void stopAccepting() {
        closing = true;
    }

    /** True once {@link #stopAccepting()} was called. */
    public boolean closed() {
        return closing;
    }

    /** A batch was appended to the log. */
    public void batchWritten(int impressions) {
        lastAppendFailed = false;
        count(written, impressions);
    }

    /** An append failed; the writer retries it (or gives it up, {@link #batchLost}). */
    public void appendFailed() {
        failedAppends.incrementAndGet();
        lastAppendFailed = true;
    }

    /** A batch was given up while closing: the log kept failing. */
    public void batchLost(int impressions) {
        count(lost, impressions);
    }

    /**
     * The writer is given up on (the close deadline passed): everything accepted and not written counts as lost, and
     * what the writer reports from now on is not counted again. An append still in flight may yet commit, so "lost" is
     * then an upper bound, never an undercount.
     */
    public synchronized void giveUpTheRest() {
        abandoned = true;
        lost.addAndGet(accepted.get() - written.get() - lost.get());
    }

    /** True once {@link #giveUpTheRest()} was called: the writer should stop. */
    public synchronized boolean givenUp() {
        return abandoned;
    }

    private synchronized void count(AtomicLong counter, int impressions) {
        if (!abandoned) {
            counter.addAndGet(impressions);
        }
    }
}
