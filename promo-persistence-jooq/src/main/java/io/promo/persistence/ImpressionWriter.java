package io.promo.persistence;

import io.promo.domain.traffic.ImpressionBuffer;
import io.promo.domain.traffic.ImpressionLog;
import io.promo.domain.traffic.TrafficEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * The one thread that empties an {@link ImpressionBuffer} into an {@link ImpressionLog} (ADR 0007): a batch is
 * appended when it is full or when its first impression has waited the buffer's flush interval. The buffer keeps the
 * rules and the counts (ADR 0023: the domain starts no threads); this class keeps the timing.
 *
 * <p>A failed batch is retried every flush interval while new impressions queue behind it. Before a retry it asks the
 * log whether the failed attempt committed after all (the connection broke around the commit), so a batch is never
 * written twice. {@link #close(Duration)} stops the buffer accepting and writes what it holds within a deadline: a
 * failing batch is retried a few times while time is left, and whatever is not written by then is given up and
 * counted as lost, so that a shutdown never waits on the database for longer than it was given.
 */
public final class ImpressionWriter implements AutoCloseable {

    /** How long {@link #close()} gives the writer to write what the buffer holds. */
    public static final Duration DEFAULT_CLOSE_TIMEOUT = Duration.ofSeconds(10);
    /** A batch that keeps failing while we shut down is tried this often (within the deadline) before it is lost. */
    private static final int ATTEMPTS_ON_CLOSE = 3;
    /**
     * How long the writer sleeps between drains while it gathers a batch: short beside a flush interval (200 ms by
     * default) and a buffer's capacity (100,000 impressions hold 5 ms of 20 million impressions a second), long
     * enough that the writer wakes at most 200 times a second however fast decisions come.
     */
    private static final long GATHER_NAP_NANOS = TimeUnit.MILLISECONDS.toNanos(5);

    private final ImpressionBuffer buffer;
    private final ImpressionLog log;
    private final Thread writer;
    /** System.nanoTime() after which a closing writer stops retrying; set before the buffer stops accepting. */
    private volatile long closeDeadline;

    /** Starts the writer thread (a daemon: it never keeps the JVM alive). */
    public ImpressionWriter(ImpressionBuffer buffer, ImpressionLog log) {
        this.buffer = Objects.requireNonNull(buffer, "buffer");
        this.log = Objects.requireNonNull(log, "log");
        this.writer = new Thread(this::writeUntilClosed, "impression-writer");
        writer.setDaemon(true);
        writer.start();
    }

    /** The buffer this writer empties. */
    public ImpressionBuffer buffer() {
        return buffer;
    }

    /** {@link #close(Duration)} within {@link #DEFAULT_CLOSE_TIMEOUT}. */
    @Override
    public void close() {
        close(DEFAULT_CLOSE_TIMEOUT);
    }

    /**
     * Stops the buffer accepting and writes what it holds, returning within {@code timeout} (plus a few milliseconds)
     * whatever the log does: what is not written by then is given up and counted in {@link ImpressionBuffer#lost()}.
     *
     * @return the impressions this close gave up (0 when everything was written)
     */
    public long close(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        long lostBefore = buffer.lost();
        closeDeadline = System.nanoTime() + timeout.toNanos();
        buffer.stopAccepting();
        try {
            writer.join(Math.max(1, timeout.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (writer.isAlive()) {
            buffer.giveUpTheRest();
            writer.interrupt();
        }
        return buffer.lost() - lostBefore;
    }

    private void writeUntilClosed() {
        List<TrafficEvent> batch = new ArrayList<>(buffer.settings().batchSize());
        while ((!buffer.closed() || !buffer.isEmpty()) && !buffer.givenUp()) {
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

    /**
     * Takes up to a batch: returns when it is full, when its first event has waited the interval, or on close.
     *
     * <p>Only the first event is waited for on the queue. After it the writer naps for {@link #GATHER_NAP_NANOS} at a
     * time and drains what came meanwhile, taking the queue's lock once per nap. Polling the queue between offers
     * took that lock as often as the deciding threads did, and a deciding thread that released it with the writer
     * waiting woke the writer: a futex call on the decision path. A full batch waits at most one nap.
     * docs/benchmarks.md ("The impression writer's lock") has what it changed.
     */
    private void fill(List<TrafficEvent> batch) throws InterruptedException {
        Duration interval = buffer.settings().flushInterval();
        int batchSize = buffer.settings().batchSize();
        TrafficEvent first = buffer.next(interval);
        if (first == null) {
            return;
        }
        batch.add(first);
        long deadline = System.nanoTime() + interval.toNanos();
        while (true) {
            buffer.drainInto(batch);
            long remaining = deadline - System.nanoTime();
            if (batch.size() >= batchSize || remaining <= 0 || buffer.closed()) {
                return;
            }
            TimeUnit.NANOSECONDS.sleep(Math.min(remaining, GATHER_NAP_NANOS));
        }
    }

    private void append(List<TrafficEvent> batch) {
        for (int attempt = 1; ; attempt++) {
            try {
                // A batch is stored whole or not at all: if a failed attempt did commit, one event tells.
                if (attempt == 1 || !log.containsEvent(batch.get(0).eventId())) {
                    log.appendImpressions(batch);
                }
                buffer.batchWritten(batch.size());
                return;
            } catch (RuntimeException e) {
                buffer.appendFailed();
                long pauseNanos = buffer.settings().flushInterval().toNanos();
                if (buffer.closed() && (attempt >= ATTEMPTS_ON_CLOSE || System.nanoTime() + pauseNanos >= closeDeadline)) {
                    // Failing fast and often, or no time left for another attempt: give this batch up now.
                    buffer.batchLost(batch.size());
                    return;
                }
                try {
                    TimeUnit.NANOSECONDS.sleep(pauseNanos);
                } catch (InterruptedException interrupted) {
                    // only close() interrupts, once it has given up on the writer: checked below
                }
                if (buffer.givenUp()) {
                    return;
                }
            }
        }
    }
}
