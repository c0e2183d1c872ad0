package io.promo.persistence;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.Properties;

/**
 * Asks the database a trivial question on one connection of its own, with short socket timeouts, so that
 * an answer comes within about two seconds whatever the database does (down, frozen, locked). The connection
 * is kept between checks and opened again after a failure. Not thread-safe: one checker thread.
 */
public final class DatabaseProbe implements AutoCloseable {

    private static final int TIMEOUT_SECONDS = 1;

    private final String jdbcUrl;
    private final Properties properties = new Properties();
    private Connection connection;

    DatabaseProbe(String jdbcUrl, String user, String password) {
        this.jdbcUrl = jdbcUrl;
        if (user != null) {
            properties.setProperty("user", user);
        }
        if (password != null) {
            properties.setProperty("password", password);
        }
        properties.setProperty("connectTimeout", Integer.toString(TIMEOUT_SECONDS));
        properties.setProperty("loginTimeout", Integer.toString(TIMEOUT_SECONDS));
        properties.setProperty("socketTimeout", Integer.toString(TIMEOUT_SECONDS));
        properties.setProperty("options", "-c statement_timeout=" + TIMEOUT_SECONDS * 1000);
        properties.setProperty("ApplicationName", "promo health probe");
    }

    /** Empty when the database answered; otherwise what went wrong, for an operator. */
    public Optional<String> check() {
        try {
            if (connection == null) {
                connection = DriverManager.getConnection(jdbcUrl, properties);
            }
            try (Statement statement = connection.createStatement()) {
                statement.setQueryTimeout(TIMEOUT_SECONDS);
                statement.execute("select 1");
            }
            return Optional.empty();
        } catch (SQLException e) {
            close();
            return Optional.of(DatabaseFailures.describe(e));
        }
    }

    @Override
    public void close() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // the connection is being thrown away because it failed
            }
            connection = null;
        }
    }
}
