package io.promo.persistence;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.jooq.exception.DataAccessException;

/**
 * Plain-JDBC work on a pooled connection, for the adapters whose statements jOOQ cannot carry well (COPY, a click
 * transaction that rolls back half-way and logs in a new one, ADR 0023). Every failure leaves as jOOQ's
 * {@link DataAccessException}, as from the jOOQ adapters, so that the app recognises an outage alike
 * ({@link DatabaseFailures}).
 */
final class JdbcTransactions {

    /** Work on one connection; it may throw what JDBC throws. */
    @FunctionalInterface
    interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private JdbcTransactions() {
    }

    /**
     * Runs {@code work} in one transaction and commits it; on any failure rolls back (keeping a failed rollback as
     * suppressed, {@link Rollback}) and throws. The work may itself roll back and go on in a fresh transaction on the
     * same connection; what it leaves open is committed.
     */
    static <T> T inTransaction(DataSource dataSource, String what, Work<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                Rollback.after(connection, e);
                throw e;
            }
        } catch (SQLException e) {
            throw new DataAccessException(what + " failed", e);
        }
    }

    /** Runs read-only {@code work} on a connection in auto-commit mode. */
    static <T> T read(DataSource dataSource, String what, Work<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            return work.run(connection);
        } catch (SQLException e) {
            throw new DataAccessException(what + " failed", e);
        }
    }
}
