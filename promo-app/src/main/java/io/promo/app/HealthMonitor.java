package io.promo.app;

import io.promo.app.http.Health;
import io.promo.domain.serving.index.ServingIndex;
import io.promo.domain.serving.index.ServingIndexRefresher;
import io.promo.domain.traffic.ImpressionBuffer;
import io.promo.persistence.ConnectionPool;
import io.promo.persistence.DatabaseProbe;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Gathers {@link Health} for {@code GET /health} without ever waiting: a thread of its own checks the database
 * every second on a connection outside the pool ({@link DatabaseProbe}); a request reads the last result. A
 * check that has not answered for {@link #NO_ANSWER} counts as the database down, so /health says so within
 * about two seconds whatever the database does (down, frozen, locked). After an outage the database is reported
 * up once the pool has a connection again, not merely once the probe's own does: up means money work can run.
 */
final class HealthMonitor implements AutoCloseable {

    private static final Duration CHECK_EVERY = Duration.ofSeconds(1);
    /** A check still running after this is an answer too: the database is down. */
    static final Duration NO_ANSWER = Duration.ofMillis(1_500);

    private record Check(Optional<String> problem, Instant at) {
    }

    private final ConnectionPool pool;
    private final DatabaseProbe probe;
    private final ServingIndexRefresher servingIndex;
    private final Duration indexStaleAfter;
    private final ImpressionBuffer impressions;
    private final Clock clock;
    private final Thread checker;
    private volatile Check last;
    /** System.nanoTime() when the running check began; 0 between checks. */
    private volatile long checkStarted;
    private volatile boolean closed;

    /** Checks the database once now, so that the first /health already knows. */
    HealthMonitor(ConnectionPool pool, ServingIndexRefresher servingIndex, Duration indexStaleAfter,
            ImpressionBuffer impressions, Clock clock) {
        this.pool = pool;
        this.probe = pool.probe();
        this.servingIndex = servingIndex;
        this.indexStaleAfter = indexStaleAfter;
        this.impressions = impressions;
        this.clock = clock;
        check();
        this.checker = new Thread(this::checkUntilClosed, "database-health");
        checker.setDaemon(true);
        checker.start();
    }

    Health current() {
        Check check = last;
        long started = checkStarted;
        long runningNanos = started == 0 ? 0 : System.nanoTime() - started;
        Optional<String> problem = check.problem();
        if (runningNanos > NO_ANSWER.toNanos()) {
            problem = Optional.of("the database has not answered a trivial query for "
                    + TimeUnit.NANOSECONDS.toMillis(runningNanos) + " ms");
        }
        ConnectionPool.PoolState connections = pool.state();
        if (problem.isEmpty() && connections.active() + connections.idle() == 0) {
            // The database answers the probe, but the pool has not reconnected yet (HikariCP backs off up to 5 s).
            problem = Optional.of("the database answers, but promo's connection pool has not reconnected yet");
        }
        Instant now = clock.instant();
        Optional<Instant> builtAt = servingIndex.current().map(ServingIndex::builtAt);
        Duration age = builtAt.map(at -> Duration.between(at, now)).filter(d -> !d.isNegative()).orElse(Duration.ZERO);
        return new Health(
                new Health.Database(problem, check.at(), connections.active(), connections.idle(), connections.waiting(),
                        connections.max()),
                new Health.ServingIndex(builtAt, age, indexStaleAfter),
                new Health.ImpressionBuffer(impressions.depth(), impressions.capacity(), impressions.dropped(),
                        impressions.lost(), impressions.failing()));
    }

    private void checkUntilClosed() {
        while (!closed) {
            try {
                Thread.sleep(CHECK_EVERY.toMillis());
            } catch (InterruptedException e) {
                continue; // close() interrupts: the loop condition decides
            }
            check();
        }
        probe.close();
    }

    private void check() {
        checkStarted = System.nanoTime();
        Optional<String> problem = probe.check();
        last = new Check(problem, Instant.now());
        checkStarted = 0;
    }

    @Override
    public void close() throws InterruptedException {
        closed = true;
        checker.interrupt();
        checker.join(2_000);
    }
}
