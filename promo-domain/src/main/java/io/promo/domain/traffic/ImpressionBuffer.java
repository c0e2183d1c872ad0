package io.promo.domain.traffic;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The bounded buffer between the decision path and the event log: decisions {@link #offer} impressions
 * without waiting, one writer thread appends them to the {@link ImpressionLog} in batches, flushed when a batch
 * is full or when its oldest event has waited {@code flushInterval}.
 *
 * <p>Back-pressure is drop-and-count: when the buffer is full (the database is slower than the traffic, or
 * down), new impressions are dropped and counted in {@link #dropped()}, and the decision goes on. A decision
 * must not wait for the database, and a lost impression costs CTR evidence, never money: clicks are validated
 * by their signed token, not by the impression row. A failed batch is retried every {@code flushInterval}
 * while new impressions queue behind it, so memory stays bounded by {@code capacity} plus one batch. Before a
 * retry it asks the log whether the failed attempt committed after all (the connection broke around the commit),
 * so a batch is never written twice.
 *
 * <p>{@link #close(Duration)} stops accepting and writes what is buffered within a deadline: a failing batch
 * is retried a few times while time is left, and whatever is not written by then (the database is down) is given up and
 * counted in {@link #lost()}, so that a shutdown never waits on the database for longer than it was given.
 * What a crash loses is what was buffered: at most {@code capacity} + {@code batchSize} impressions, in steady
 * state about {@code flushInterval} of traffic.
 */
public final class ImpressionBuffer implements AutoCloseable {

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

    /** How long {@link #close()} gives the buffer to write what it holds. */
    public static final Duration DEFAULT_CLOSE_TIMEOUT = Duration.ofSeconds(10);
    /** A batch that keeps failing while we shut down is tried this often (within the deadline) before it is lost. */
    private static final int ATTEMPTS_ON_CLOSE = 3;

    private final ImpressionLog log;
    private final Settings settings;
    private final BlockingQueue<TrafficEvent> queue;
    private final Thread writer;
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong lost = new AtomicLong();
    private final AtomicLong failedAppends = new AtomicLong();
    private volatile boolean closing;
    /** System.nanoTime() after which a closing buffer stops retrying; set before {@link #closing}. */
    private volatile long closeDeadline;
    /** Set when close gave up waiting: the writer then counts nothing more, close has counted it all as lost. */
    private boolean abandoned;
    private volatile boolean lastAppendFailed;

    public ImpressionBuffer(ImpressionLog log, Settings settings) {
        this.log = Objects.requireNonNull(log, "log");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.queue = new ArrayBlockingQueue<>(settings.capacity());
        this.writer = new Thread(this::writeUntilClosed, "impression-writer");
        writer.setDaemon(true);
        writer.start();
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

    /** {@link #close(Duration)} within {@link #DEFAULT_CLOSE_TIMEOUT}. */
    @Override
    public void close() {
        close(DEFAULT_CLOSE_TIMEOUT);
    }

    /**
     * Stops accepting and writes what is buffered, returning within {@code timeout} (plus a few milliseconds)
     * whatever the log does: what is not written by then is given up and counted in {@link #lost()}.
     *
     * @return the impressions this close gave up (0 when everything was written)
     */
    public long close(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        long lostBefore = lost.get();
        closeDeadline = System.nanoTime() + timeout.toNanos();
        closing = true;
        try {
            writer.join(Math.max(1, timeout.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (writer.isAlive()) {
            synchronized (this) {
                abandoned = true;
                // An append still in flight may yet commit: "lost" is then an upper bound, never an undercount.
                lost.addAndGet(accepted.get() - written.get() - lost.get());
            }
            writer.interrupt();
        }
        return lost.get() - lostBefore;
    }

    private void writeUntilClosed() {
        List<TrafficEvent> batch = new ArrayList<>(settings.batchSize());
        while ((!closing || !queue.isEmpty()) && !isAbandoned()) {
            try {
                fill(batch);
            } catch (InterruptedException e) {
                // Only close() ends the writer: the buffer must be drained first.
                continue;
            }
            if (!batch.isEmpty()) {
                append(batch);
                batch.clear();
            }
        }
    }

    /** Takes up to a batch: returns when it is full, when its first event has waited the interval, or on close. */
    private void fill(List<TrafficEvent> batch) throws InterruptedException {
        long intervalNanos = settings.flushInterval().toNanos();
        TrafficEvent first = queue.poll(intervalNanos, TimeUnit.NANOSECONDS);
        if (first == null) {
            return;
        }
        batch.add(first);
        long deadline = System.nanoTime() + intervalNanos;
        while (batch.size() < settings.batchSize()) {
            queue.drainTo(batch, settings.batchSize() - batch.size());
            long remaining = deadline - System.nanoTime();
            if (batch.size() >= settings.batchSize() || remaining <= 0 || closing) {
                return;
            }
            TrafficEvent next = queue.poll(remaining, TimeUnit.NANOSECONDS);
            if (next != null) {
                batch.add(next);
            }
        }
    }

    private void append(List<TrafficEvent> batch) {
        for (int attempt = 1; ; attempt++) {
            try {
                // A batch is stored whole or not at all: if a failed attempt did commit, one event tells.
                if (attempt == 1 || !log.containsEvent(batch.get(0).eventId())) {
                    log.appendImpressions(batch);
                }
                lastAppendFailed = false;
                count(written, batch.size());
                return;
            } catch (RuntimeException e) {
                failedAppends.incrementAndGet();
                lastAppendFailed = true;
                long pauseNanos = settings.flushInterval().toNanos();
                if (closing && (attempt >= ATTEMPTS_ON_CLOSE || System.nanoTime() + pauseNanos >= closeDeadline)) {
                    // Failing fast and often, or no time left for another attempt: give this batch up now.
                    count(lost, batch.size());
                    return;
                }
                try {
                    TimeUnit.NANOSECONDS.sleep(pauseNanos);
                } catch (InterruptedException interrupted) {
                    // only close() interrupts, once it has given up on the writer: checked below
                }
                if (isAbandoned()) {
                    return;
                }
            }
        }
    }

    /** Counts a batch's fate, unless close() has already given up on the writer and counted it as lost. */
    private synchronized void count(AtomicLong counter, int impressions) {
        if (!abandoned) {
            counter.addAndGet(impressions);
        }
    }

    private synchronized boolean isAbandoned() {
        return abandoned;
    }
}
