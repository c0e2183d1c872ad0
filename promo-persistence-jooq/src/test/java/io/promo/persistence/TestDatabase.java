package io.promo.persistence;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * One embedded PostgreSQL per test JVM, started on first use, migrated with {@link DatabaseMigrator},
 * and stopped by a JVM shutdown hook (fine in a Surefire fork, whose class loader outlives the hook).
 */
public final class TestDatabase {

    private static final String FLYWAY_HISTORY = "flyway_schema_history";

    private TestDatabase() {
    }

    private static final class Holder {
        static final EmbeddedPostgresServer SERVER = startMigrated();
        static final String SCHEMA_VERSION = DatabaseMigrator.migrate(SERVER.dataSource());

        private static EmbeddedPostgresServer startMigrated() {
            EmbeddedPostgresServer server = EmbeddedPostgresServer.start();
            Runtime.getRuntime().addShutdownHook(new Thread(server::close, "test-database-closer"));
            return server;
        }
    }

    public static EmbeddedPostgresServer server() {
        return Holder.SERVER;
    }

    public static DataSource dataSource() {
        return Holder.SERVER.dataSource();
    }

    public static String jdbcUrl() {
        return Holder.SERVER.jdbcUrl();
    }

    /** The schema version the database was migrated to. */
    public static String schemaVersion() {
        return Holder.SCHEMA_VERSION;
    }

    /**
     * Empties every table of the {@code public} schema except Flyway's history, in one
     * {@code truncate ... cascade}. The append-only tables refuse TRUNCATE through triggers (I5); this
     * test-only session turns triggers off with {@code session_replication_role = replica}, which only
     * a superuser (the embedded server's user) may set.
     */
    public static void truncateAllTables() {
        try (Connection connection = dataSource().getConnection();
             Statement statement = connection.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery(
                    "select quote_ident(tablename) from pg_tables"
                            + " where schemaname = 'public' and tablename <> '" + FLYWAY_HISTORY + "'"
                            + " order by tablename")) {
                while (rs.next()) {
                    tables.add("public." + rs.getString(1));
                }
            }
            if (!tables.isEmpty()) {
                statement.execute("set session_replication_role = replica");
                statement.execute("truncate table " + String.join(", ", tables) + " cascade");
                statement.execute("set session_replication_role = origin");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot truncate the test database", e);
        }
    }
}
