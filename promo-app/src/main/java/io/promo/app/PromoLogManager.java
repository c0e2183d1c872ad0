package io.promo.app;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.logging.LogManager;

/**
 * java.util.logging's manager for {@code ./promo}: when the JVM shuts down, JUL's own shutdown hook resets the
 * manager, closing every handler, while promo's hook is still stopping and logging what it closes; shutdown hooks
 * run concurrently, so those lines used to vanish. This manager makes that reset wait until promo's hook says it
 * has finished ({@link #promoStopped()}), for at most a bound, so the last lines are written and flushed.
 *
 * <p>It must be the manager before any logger exists: {@link Main#main} names it in the system property
 * {@code java.util.logging.manager} as its very first step.
 */
public final class PromoLogManager extends LogManager {

    /** JUL's hook thread, by its class name (java.util.logging.LogManager$Cleaner). */
    private static final String JUL_SHUTDOWN_HOOK = LogManager.class.getName() + "$Cleaner";

    private static final CountDownLatch STOPPED = new CountDownLatch(1);
    private static volatile long holdMillis;

    /**
     * From now on, the reset at JVM shutdown waits for {@link #promoStopped()}, at most {@code millis}. A no-op when
     * another manager is in use.
     */
    static void holdShutdownResetFor(long millis) {
        holdMillis = millis;
    }

    /** promo's shutdown hook has written its last line: JUL may close its handlers. */
    static void promoStopped() {
        STOPPED.countDown();
    }

    @Override
    public void reset() {
        if (holdMillis > 0 && Thread.currentThread().getClass().getName().equals(JUL_SHUTDOWN_HOOK)) {
            try {
                STOPPED.await(holdMillis, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        super.reset();
    }
}
