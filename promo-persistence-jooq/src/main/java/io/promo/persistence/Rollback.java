package io.promo.persistence;

import java.sql.Connection;
import java.sql.SQLException;

/** Rolling back after a failure without hiding it. */
final class Rollback {

    private Rollback() {
    }

    /**
     * Rolls back after {@code failure}; if the rollback fails too (the connection broke, which is often why the work
     * failed), its exception is kept as suppressed and {@code failure} stays the one thrown, so that what went wrong
     * (a lock timeout, the database gone) is still recognisable ({@link DatabaseFailures}).
     */
    static void after(Connection connection, Exception failure) {
        try {
            connection.rollback();
        } catch (SQLException rollbackFailed) {
            failure.addSuppressed(rollbackFailed);
        }
    }
}
