package io.promo.app.http;

import io.promo.app.metrics.PromoMetrics;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.function.Function;

/**
 * The bulkhead of the routes that need the database (ADR 0014): at most {@code limit} requests do database work
 * at once, each on the HTTP thread that took it; one more is answered 503 at once instead of taking a thread
 * that a decision, {@code /health} or {@code /metrics} needs. With the database down or locked, a request holds
 * its permit at most the connection or lock timeout, so the bulkhead frees itself.
 *
 * <p>It also knows which failures mean "the database cannot do this now" ({@code unavailability}, given by the
 * wiring from the persistence adapter), so that {@link ProblemResponses} answers them 503, not 500.
 */
public final class DatabaseWork {

    /** Seconds a client should wait before retrying when the bulkhead is full: a request takes milliseconds. */
    static final String RETRY_AFTER_FULL = "1";
    /** Seconds a client should wait before retrying when the database failed: an outage or lock takes longer. */
    static final String RETRY_AFTER_UNAVAILABLE = "5";

    @FunctionalInterface
    interface Work {
        void run() throws Exception;
    }

    private final int limit;
    private final Semaphore permits;
    private final Function<Throwable, Optional<String>> unavailability;
    private final PromoMetrics metrics;

    /**
     * @param limit          requests doing database work at once
     * @param unavailability why a failure means the database cannot do the work now; empty for any other failure
     */
    public DatabaseWork(int limit, Function<Throwable, Optional<String>> unavailability, PromoMetrics metrics) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive, got " + limit);
        }
        this.limit = limit;
        this.permits = new Semaphore(limit);
        this.unavailability = Objects.requireNonNull(unavailability, "unavailability");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        metrics.watchDatabaseRequests(this::inFlight);
    }

    /** Runs {@code work} with a permit, or answers 503 at once when every permit is taken. */
    void run(Work work) throws Exception {
        if (!permits.tryAcquire()) {
            metrics.databaseUnavailable("bulkhead_full");
            throw new ApiProblem(Problem.of(503, "promo is doing as much database work as it allows ("
                    + limit + " requests); retry shortly"), Map.of("Retry-After", RETRY_AFTER_FULL));
        }
        try {
            work.run();
        } finally {
            permits.release();
        }
    }

    /** The answer to a failure that means the database cannot do the work now: 503, retry later. */
    Optional<ApiProblem> unavailable(Throwable failure) {
        return unavailability.apply(failure).map(reason -> {
            metrics.databaseUnavailable("database");
            return new ApiProblem(Problem.of(503, reason + "; retry later"),
                    Map.of("Retry-After", RETRY_AFTER_UNAVAILABLE));
        });
    }

    public int limit() {
        return limit;
    }

    public int inFlight() {
        return limit - permits.availablePermits();
    }
}
