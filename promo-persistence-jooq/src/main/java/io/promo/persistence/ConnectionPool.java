package io.promo.persistence;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;

/**
 * The pooled data source promo runs on (HikariCP, kept behind this class). Billing opens a
 * transaction per click: without a pool each would pay for a new PostgreSQL connection, a process
 * fork on the server, and throughput would be the fork rate.
 */
public final class ConnectionPool implements AutoCloseable {

    private final HikariDataSource hikari;

    private ConnectionPool(HikariDataSource hikari) {
        this.hikari = hikari;
    }

    /**
     * @param jdbcUrl e.g. {@code jdbc:postgresql://host:5432/promo}; may carry user and password
     * @param maxSize connections at most; a few per core is plenty for PostgreSQL
     */
    public static ConnectionPool open(String jdbcUrl, String user, String password, int maxSize) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl);
        if (user != null) {
            config.setUsername(user);
        }
        if (password != null) {
            config.setPassword(password);
        }
        config.setMaximumPoolSize(maxSize);
        config.setPoolName("promo");
        return new ConnectionPool(new HikariDataSource(config));
    }

    /** A pool over the embedded server (its superuser, no password). */
    public static ConnectionPool open(EmbeddedPostgresServer server, int maxSize) {
        return open(server.jdbcUrl(), null, null, maxSize);
    }

    public DataSource dataSource() {
        return hikari;
    }

    @Override
    public void close() {
        hikari.close();
    }
}
