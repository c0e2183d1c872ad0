package io.promo.persistence;

import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.util.IdentityHashMap;
import java.util.Optional;
import java.util.Set;

/**
 * Recognises, in whatever an adapter throws, the failures that mean "the database cannot do this now, try
 * again later" (unreachable, shutting down, out of connections, a statement or lock timeout, a lost race
 * PostgreSQL asks to retry), as opposed to a fault of promo (a bad statement, a broken constraint). It reads
 * the {@link SQLException}s in the cause chain, which jOOQ's and JDBC's exceptions both keep, by their SQLSTATE
 * and JDBC type, so that a caller needs neither jOOQ nor the driver (ADR 0014).
 */
public final class DatabaseFailures {

    private DatabaseFailures() {
    }

    /** Why the database cannot do the work now, for a person; empty when {@code failure} is not such a failure. */
    public static Optional<String> unavailability(Throwable failure) {
        Set<Throwable> seen = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable cause = failure; cause != null && seen.add(cause); cause = cause.getCause()) {
            if (cause instanceof SQLException sql) {
                Optional<String> reason = reason(sql);
                if (reason.isPresent()) {
                    return reason;
                }
            }
        }
        return Optional.empty();
    }

    /** A short description of a failed check, naming the kind when it is one of the above. */
    static String describe(SQLException failure) {
        return reason(failure).orElse("the database failed a trivial query") + " (" + failure.getMessage() + ")";
    }

    private static Optional<String> reason(SQLException sql) {
        String state = sql.getSQLState() == null ? "" : sql.getSQLState();
        if (state.equals("57014")) {
            return Optional.of("a database statement took longer than its statement_timeout");
        }
        if (state.equals("55P03")) {
            return Optional.of("a database lock was not granted within lock_timeout");
        }
        if (state.equals("40001") || state.equals("40P01")) {
            return Optional.of("the database gave up a transaction that conflicted with another");
        }
        if (state.startsWith("08") || state.equals("57P01") || state.equals("57P02") || state.equals("57P03")
                || sql instanceof SQLTransientConnectionException || sql instanceof SQLRecoverableException) {
            // HikariCP's "connection is not available" is an SQLTransientConnectionException with a null state.
            return Optional.of("the database is not reachable");
        }
        if (state.startsWith("53")) {
            return Optional.of("the database is out of resources (connections, memory or disk)");
        }
        if (state.equals("25006")) {
            return Optional.of("the database is read-only (a standby)");
        }
        return Optional.empty();
    }
}
