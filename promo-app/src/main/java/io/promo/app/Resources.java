package io.promo.app;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * What a running promo holds open, closed in the reverse order of opening: the HTTP server stops first
 * (no new work), then what serves it, the database last. Each close is attempted even if an earlier one
 * failed; failures are logged, never thrown, so a shutdown always completes.
 */
public final class Resources implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(Resources.class.getName());

    private record Named(String name, AutoCloseable resource) {
    }

    private final Deque<Named> open = new ArrayDeque<>();
    private boolean closed;

    /** Registers {@code resource} to be closed before everything registered earlier; returns it. */
    public synchronized <T extends AutoCloseable> T register(String name, T resource) {
        if (closed) {
            throw new IllegalStateException("already shut down: " + name);
        }
        open.push(new Named(name, resource));
        return resource;
    }

    @Override
    public synchronized void close() {
        closed = true;
        while (!open.isEmpty()) {
            Named next = open.pop();
            try {
                next.resource().close();
                LOG.log(System.Logger.Level.INFO, "closed {0}", next.name());
            } catch (Exception e) {
                LOG.log(System.Logger.Level.ERROR, "closing " + next.name() + " failed", e);
            }
        }
    }
}
