package io.promo.persistence;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

/**
 * The pooled data source promo runs on. Billing opens a transaction per click: without a pool, each
 * would pay for a new PostgreSQL connection (a process fork) and throughput would be the fork rate.
 */
public final class ConnectionPool {

    private ConnectionPool() {
    }

    /**
     * @param jdbcUrl  e.g. {@code jdbc:postgresql://host:5432/promo}; may carry user and password
     * @param maxSize  connections at most; a few per core is plenty for PostgreSQL
     */
    public static HikariDataSource open(String jdbcUrl, String user, String password, int maxSize) {
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
        return new HikariDataSource(config);
    }

    /** A pool over the embedded server (its superuser, no password). */
    public static HikariDataSource open(EmbeddedPostgresServer server, int maxSize) {
        return open(server.jdbcUrl(), null, null, maxSize);
    }
}
