package io.promo.embedded.internal;

import io.promo.domain.serving.share.ImpressionShareCounter;
import io.promo.domain.serving.share.ImpressionShareLog;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Writes the impression-share counts the decisions keep in memory to the database every {@link #INTERVAL}, on a
 * daemon thread of its own, and once more when closed (after whatever takes decisions has stopped, before the
 * database goes: {@link Resources} closes in reverse order). A flush that fails keeps its counts for the next one
 * (ADR 0031); failures are logged once, then once a minute while they last.
 */
final class ImpressionShareFlusher implements Resources.Bounded {

    static final Duration INTERVAL = Duration.ofSeconds(1);
    private static final System.Logger LOG = System.getLogger(ImpressionShareFlusher.class.getName());

    private final ImpressionShareCounter counter;
    private final ImpressionShareLog log;
    private final ScheduledExecutorService scheduler;
    /** When flushes started failing ({@link System#nanoTime}), or -1 while they succeed; read by {@link #close}. */
    private volatile long failingSince = -1;
    private long lastLogged;

    private ImpressionShareFlusher(ImpressionShareCounter counter, ImpressionShareLog log) {
        this.counter = counter;
        this.log = log;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "impression-share-flusher");
            thread.setDaemon(true);
            return thread;
        });
    }

    static ImpressionShareFlusher start(ImpressionShareCounter counter, ImpressionShareLog log) {
        ImpressionShareFlusher flusher = new ImpressionShareFlusher(counter, log);
        flusher.scheduler.scheduleWithFixedDelay(flusher::flushLogged, INTERVAL.toMillis(), INTERVAL.toMillis(),
                TimeUnit.MILLISECONDS);
        return flusher;
    }

    /**
     * Writes what is counted so far, now, on the caller's thread, after a background flush under way (so that what
     * was counted before the call is written when it returns); throws when the database refuses it.
     */
    synchronized void flush() {
        counter.flushTo(log);
    }

    private synchronized void flushLogged() {
        try {
            flush();
            if (failingSince >= 0) {
                LOG.log(System.Logger.Level.INFO, "impression share counts written again");
                failingSince = -1;
            }
        } catch (RuntimeException e) {
            long now = System.nanoTime();
            if (failingSince < 0) {
                failingSince = now;
                lastLogged = now;
                LOG.log(System.Logger.Level.WARNING, "impression share counts could not be written; kept for the next"
                        + " flush", e);
            } else if (now - lastLogged >= TimeUnit.MINUTES.toNanos(1)) {
                lastLogged = now;
                LOG.log(System.Logger.Level.WARNING, "impression share counts still not written ({0})", e.toString());
            }
        }
    }

    /**
     * Stops the background flushes (interrupting one that waits for a connection) and writes what is left, unless the
     * database was failing: then a last attempt would only wait for a connection the pool cannot give, eating into the
     * time the rest of the stop needs, and the counts are dropped with a warning.
     */
    @Override
    public void close(Duration within) throws InterruptedException {
        scheduler.shutdownNow();
        boolean stopped = scheduler.awaitTermination(Math.max(1, within.toMillis() / 2), TimeUnit.MILLISECONDS);
        if (!stopped || failingSince >= 0) {
            LOG.log(System.Logger.Level.WARNING, "impression share counts not written at shutdown: the database was"
                    + " failing");
            return;
        }
        flushLogged();
    }
}
