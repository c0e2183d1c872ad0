package io.promo.persistence;

import java.time.Duration;
import java.util.Objects;

/**
 * How long work on a pooled connection may wait for the database before it fails instead of hanging:
 * {@code connectionTimeout} to get a connection from the pool (HikariCP), and PostgreSQL's
 * {@code statement_timeout} and {@code lock_timeout} on every connection of the pool. Zero means no limit.
 *
 * @param connectionTimeout at least 250 ms (HikariCP's minimum)
 * @param statementTimeout  one statement's longest run; zero: none
 * @param lockTimeout       the longest a statement waits for a lock; zero: none
 */
public record ConnectionLimits(Duration connectionTimeout, Duration statementTimeout, Duration lockTimeout) {

    /**
     * HikariCP's defaults (30 s for a connection) and whatever the server and role set for statements and locks
     * (unbounded by default): tools, tests and benchmarks, which must not be cut off.
     */
    public static final ConnectionLimits UNBOUNDED = new ConnectionLimits(Duration.ofSeconds(30), Duration.ZERO, Duration.ZERO);

    /**
     * Flyway's: a migration may rewrite a big table, so no statement limit; but one that queues for a lock behind a
     * long transaction makes every query after it queue too, so it gives up after 10 s and the start fails loudly.
     */
    public static final ConnectionLimits MIGRATIONS = new ConnectionLimits(Duration.ofSeconds(30), Duration.ZERO,
            Duration.ofSeconds(10));

    public ConnectionLimits {
        Objects.requireNonNull(connectionTimeout, "connectionTimeout");
        Objects.requireNonNull(statementTimeout, "statementTimeout");
        Objects.requireNonNull(lockTimeout, "lockTimeout");
        if (connectionTimeout.toMillis() < 250) {
            throw new IllegalArgumentException("connectionTimeout must be at least 250 ms, got " + connectionTimeout);
        }
        if (statementTimeout.isNegative() || lockTimeout.isNegative()) {
            throw new IllegalArgumentException("statement and lock timeouts are zero (none) or positive");
        }
    }

    /** pgjdbc's {@code options}: the server settings every connection starts with. */
    String serverOptions() {
        return "-c statement_timeout=" + statementTimeout.toMillis() + " -c lock_timeout=" + lockTimeout.toMillis();
    }

    /**
     * pgjdbc's {@code socketTimeout} in seconds: a read that waits longer gives up even if the server never
     * answers (a frozen host, a cut network), where {@code statement_timeout}, enforced by the server, cannot help.
     * Zero (none) without a statement limit.
     */
    int socketTimeoutSeconds() {
        if (statementTimeout.isZero()) {
            return 0;
        }
        return (int) Math.min(Integer.MAX_VALUE, statementTimeout.toSeconds() + 5);
    }

    /** pgjdbc's {@code connectTimeout} in seconds: opening a socket takes no longer than getting a connection. */
    int connectTimeoutSeconds() {
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, connectionTimeout.toSeconds()));
    }
}
