package io.promo.persistence;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.util.Objects;
import java.util.Properties;
import javax.sql.DataSource;

/**
 * The pooled data source promo runs on (HikariCP, kept behind this class). Billing opens a
 * transaction per click: without a pool each would pay for a new PostgreSQL connection, a process
 * fork on the server, and throughput would be the fork rate.
 */
public final class ConnectionPool implements AutoCloseable {

    private final HikariDataSource hikari;
    private final String jdbcUrl;
    private final String user;
    private final String password;

    private ConnectionPool(HikariDataSource hikari, String jdbcUrl, String user, String password) {
        this.hikari = hikari;
        this.jdbcUrl = jdbcUrl;
        this.user = user;
        this.password = password;
    }

    /**
     * A pool with HikariCP's and PostgreSQL's default waits ({@link ConnectionLimits#UNBOUNDED}).
     *
     * @param jdbcUrl e.g. {@code jdbc:postgresql://host:5432/promo}; may carry user and password
     * @param maxSize connections at most; a few per core is plenty for PostgreSQL
     */
    public static ConnectionPool open(String jdbcUrl, String user, String password, int maxSize) {
        return open(jdbcUrl, user, password, maxSize, ConnectionLimits.UNBOUNDED);
    }

    /**
     * A pool whose connections wait at most {@code limits}: getting a connection fails after
     * {@link ConnectionLimits#connectionTimeout()}, and every connection starts with the statement and lock
     * timeouts set (pgjdbc's {@code options}; an {@code options} parameter in {@code jdbcUrl} replaces them).
     */
    public static ConnectionPool open(String jdbcUrl, String user, String password, int maxSize, ConnectionLimits limits) {
        return open(jdbcUrl, user, password, maxSize, limits, true);
    }

    /**
     * Like {@link #open(String, String, String, int, ConnectionLimits)}, but without trying a connection first: the
     * pool opens whether or not the database answers, and each borrower finds out (after
     * {@link ConnectionLimits#connectionTimeout()}). For a database promo can do without for a while, a read replica.
     */
    public static ConnectionPool openWithoutConnecting(String jdbcUrl, String user, String password, int maxSize,
            ConnectionLimits limits) {
        return open(jdbcUrl, user, password, maxSize, limits, false);
    }

    private static ConnectionPool open(String jdbcUrl, String user, String password, int maxSize, ConnectionLimits limits,
            boolean connectFirst) {
        Objects.requireNonNull(limits, "limits");
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
        if (!connectFirst) {
            config.setInitializationFailTimeout(-1);
        }
        if (!limits.equals(ConnectionLimits.UNBOUNDED)) {
            config.setConnectionTimeout(limits.connectionTimeout().toMillis());
            // Checking a borrowed connection must fit in the wait for it (HikariCP's minimum is 250 ms).
            config.setValidationTimeout(Math.max(250, limits.connectionTimeout().toMillis() / 2));
            driverProperties(limits).forEach((name, value) -> config.addDataSourceProperty((String) name, value));
        }
        return new ConnectionPool(new HikariDataSource(config), jdbcUrl, user, password);
    }

    /** A pool over the embedded server (its superuser, no password). */
    public static ConnectionPool open(EmbeddedPostgresServer server, int maxSize) {
        return open(server.jdbcUrl(), null, null, maxSize);
    }

    /** A pool over the embedded server (its superuser, no password) with the given limits. */
    public static ConnectionPool open(EmbeddedPostgresServer server, int maxSize, ConnectionLimits limits) {
        return open(server.jdbcUrl(), null, null, maxSize, limits);
    }

    private static Properties driverProperties(ConnectionLimits limits) {
        Properties properties = new Properties();
        properties.setProperty("options", limits.serverOptions());
        properties.setProperty("connectTimeout", Integer.toString(limits.connectTimeoutSeconds()));
        properties.setProperty("socketTimeout", Integer.toString(limits.socketTimeoutSeconds()));
        return properties;
    }

    public DataSource dataSource() {
        return hikari;
    }

    /**
     * A probe of the same database on a connection of its own, outside the pool: it tells whether the database
     * answers even while every pooled connection is busy.
     */
    public DatabaseProbe probe() {
        return new DatabaseProbe(jdbcUrl, user, password);
    }

    /** Pooled connections in use, idle, and threads waiting for one (HikariCP's own counts). */
    public PoolState state() {
        var pool = hikari.getHikariPoolMXBean();
        if (pool == null) {
            return new PoolState(0, 0, 0, hikari.getMaximumPoolSize());
        }
        return new PoolState(pool.getActiveConnections(), pool.getIdleConnections(), pool.getThreadsAwaitingConnection(),
                hikari.getMaximumPoolSize());
    }

    /** The pool at one instant. */
    public record PoolState(int active, int idle, int waiting, int max) {
    }

    @Override
    public void close() {
        hikari.close();
    }
}
