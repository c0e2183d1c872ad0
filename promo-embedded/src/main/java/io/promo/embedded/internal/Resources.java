package io.promo.embedded.internal;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Objects;

/**
 * What a running promo holds open, closed in the reverse order of opening: the HTTP server stops first
 * (no new work), then what serves it, the database last. Each close is attempted even if an earlier one
 * failed; failures are logged, never thrown, so a shutdown always completes.
 *
 * <p>A stop has a deadline ({@link #close(Duration)}): a resource registered as {@link Bounded} is given at most
 * its share of the whole timeout (and never more than is left) and keeps to it; the others get what is left. Each
 * close runs on a thread of its own that the stop waits for only that long: a close that overruns (a pool waiting
 * on a database that is gone) is left behind, logged, and the next one starts. So the HTTP grace and the
 * impressions' flush cannot between them leave the database unclosed, nor one slow close the process running.
 */
public final class Resources implements AutoCloseable {

    /** The whole stop's time limit when none is given. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(15);
    /** Past the deadline, each close still left is given this much to try. */
    private static final Duration LAST_CHANCE = Duration.ofMillis(200);

    private static final System.Logger LOG = System.getLogger(Resources.class.getName());

    /** A resource whose close takes a time limit and returns within it. */
    @FunctionalInterface
    public interface Bounded {
        void close(Duration within) throws Exception;
    }

    private record Named(String name, Bounded resource, double share) {
    }

    private final Deque<Named> open = new ArrayDeque<>();
    private boolean closed;

    /** Registers {@code resource} to be closed before everything registered earlier; returns it. */
    public synchronized <T extends AutoCloseable> T register(String name, T resource) {
        Objects.requireNonNull(resource, "resource");
        push(new Named(name, within -> resource.close(), 0));
        return resource;
    }

    /**
     * Registers a resource whose close may take at most {@code share} (0 &lt; share ≤ 1) of the stop's timeout, to be
     * closed before everything registered earlier.
     */
    public synchronized void register(String name, double share, Bounded resource) {
        Objects.requireNonNull(resource, "resource");
        if (!(share > 0 && share <= 1)) {
            throw new IllegalArgumentException("a share of the timeout is in (0, 1], got " + share);
        }
        push(new Named(name, resource, share));
    }

    private void push(Named named) {
        if (closed) {
            throw new IllegalStateException("already shut down: " + named.name());
        }
        open.push(named);
    }

    @Override
    public void close() {
        close(DEFAULT_TIMEOUT);
    }

    /** Closes everything, in reverse order, within about {@code timeout}. */
    public synchronized void close(Duration timeout) {
        closed = true;
        if (open.isEmpty()) {
            return; // nothing was started (a command that failed first): nothing to report
        }
        long started = System.nanoTime();
        long deadline = started + timeout.toNanos();
        while (!open.isEmpty()) {
            Named next = open.pop();
            long begun = System.nanoTime();
            Duration left = max(LAST_CHANCE, Duration.ofNanos(deadline - begun));
            Duration within = next.share() == 0 ? left : min(left, Duration.ofMillis((long) (timeout.toMillis() * next.share())));
            closeWithin(next, within, begun);
        }
        LOG.log(System.Logger.Level.INFO, "stopped in {0,number,#} ms (limit {1,number,#} ms)", millisSince(started),
                timeout.toMillis());
    }

    private static void closeWithin(Named named, Duration within, long begun) {
        Thread closer = new Thread(() -> {
            try {
                named.resource().close(within);
                LOG.log(System.Logger.Level.INFO, "closed {0} in {1,number,#} ms", named.name(), millisSince(begun));
            } catch (Exception e) {
                LOG.log(System.Logger.Level.ERROR, "closing " + named.name() + " failed", e);
            }
        }, "close " + named.name());
        closer.setDaemon(true);
        closer.start();
        try {
            // A bounded close keeps to its limit by itself; a little slack lets it say so before we go on.
            closer.join(within.toMillis() + 100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (closer.isAlive()) {
            LOG.log(System.Logger.Level.WARNING, "closing {0} did not finish within {1,number,#} ms; going on without it",
                    named.name(), within.toMillis());
        }
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }
}
