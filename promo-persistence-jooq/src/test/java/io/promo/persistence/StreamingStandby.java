package io.promo.persistence;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

/**
 * A PostgreSQL primary and a hot standby streaming from it, both on loopback with the embedded binaries, for the tests
 * of what promo reads from a replica ({@code ReadReplicaTest}, {@code ServingChangesOnAStandbyTest}). zonky's bundle has
 * no {@code pg_basebackup}, so the standby starts from a cold copy of the primary's data directory with
 * {@code standby.signal} and {@code primary_conninfo}; replay can be paused to make it lag.
 */
public final class StreamingStandby implements AutoCloseable {

    /** What is done on the primary before its directory is copied (a migration the standby starts with, or nothing). */
    @FunctionalInterface
    public interface Preparation {
        void prepare(EmbeddedPostgresServer primary) throws Exception;
    }

    private final EmbeddedPostgresServer primary;
    private final Process standby;
    private final Path standbyData;
    private final Path binaries;
    private final String url;

    private StreamingStandby(EmbeddedPostgresServer primary, Process standby, Path standbyData, Path binaries, String url) {
        this.primary = primary;
        this.standby = standby;
        this.standbyData = standbyData;
        this.binaries = binaries;
        this.url = url;
    }

    /**
     * Starts a primary in {@code directories}/primary (prepared by {@code beforeCopy}) and its standby in
     * {@code directories}/standby, logging to {@code log}; returns once the standby accepts reads.
     */
    public static StreamingStandby start(Path directories, Preparation beforeCopy, Path log) throws Exception {
        Map<String, String> replication = Map.of("wal_level", "replica", "max_wal_senders", "4", "hot_standby", "on");
        EmbeddedPostgresServer cold = EmbeddedPostgresServer.startPersistent(directories.resolve("primary"), replication);
        beforeCopy.prepare(cold);
        Path binaries = postgresBinaries(cold);
        String maxConnections = show(cold, "max_connections"); // a standby needs at least the primary's
        cold.close();
        Path standbyData = directories.resolve("standby");
        copy(directories.resolve("primary"), standbyData);
        EmbeddedPostgresServer primary = cold.startAgain();
        Files.writeString(standbyData.resolve("standby.signal"), "");
        Files.setPosixFilePermissions(standbyData, PosixFilePermissions.fromString("rwx------"));
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        String url = "jdbc:postgresql://localhost:" + port + "/postgres?user=postgres";
        Process standby = new ProcessBuilder(command(binaries.resolve("postgres").toString(), "-D", standbyData.toString(),
                "-p", String.valueOf(port), "-c", "hot_standby=on", "-c", "listen_addresses=localhost",
                "-c", "max_connections=" + maxConnections,
                "-c", "primary_conninfo=host=localhost port=" + primary.port() + " user=postgres"))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        await("the standby accepts reads", Duration.ofSeconds(30), () -> {
            try (Connection connection = DriverManager.getConnection(url); Statement statement = connection.createStatement();
                    ResultSet row = statement.executeQuery("select pg_is_in_recovery()")) {
                return row.next() && row.getBoolean(1);
            } catch (SQLException e) {
                return false;
            }
        });
        return new StreamingStandby(primary, standby, standbyData, binaries, url);
    }

    public EmbeddedPostgresServer primary() {
        return primary;
    }

    /** The standby's JDBC URL. */
    public String url() {
        return url;
    }

    public void pauseReplay() throws SQLException {
        replay("pause");
    }

    public void resumeReplay() throws SQLException {
        replay("resume");
    }

    private void replay(String pauseOrResume) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url); Statement statement = connection.createStatement()) {
            statement.execute("select pg_wal_replay_" + pauseOrResume + "()");
        }
    }

    /** Stops the standby (fast shutdown), leaving the primary running. */
    public void stopStandby() throws Exception {
        if (standby.isAlive()) {
            new ProcessBuilder(command(binaries.resolve("pg_ctl").toString(), "-D", standbyData.toString(), "stop", "-m",
                    "fast", "-w")).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start()
                    .waitFor(30, TimeUnit.SECONDS);
            if (!standby.waitFor(10, TimeUnit.SECONDS)) {
                standby.destroyForcibly();
            }
        }
    }

    /** Stops the standby, then the primary. */
    @Override
    public void close() throws Exception {
        try {
            stopStandby();
        } finally {
            primary.close();
        }
    }

    /** Waits for {@code condition}, asking every 50 ms, failing with {@code what} after {@code within}. */
    public static void await(String what, Duration within, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + ": not within " + within.toMillis() + " ms");
            }
            Thread.sleep(50);
        }
    }

    /**
     * PostgreSQL refuses to run as root; as zonky does, run it in a user namespace of its own ({@code unshare -U}),
     * where it is not root, when the tests run as root.
     */
    private static List<String> command(String... command) {
        List<String> line = new ArrayList<>();
        if ("root".equals(System.getProperty("user.name")) && Files.isExecutable(Path.of("/usr/bin/unshare"))) {
            line.addAll(List.of("/usr/bin/unshare", "-U"));
        }
        line.addAll(List.of(command));
        return line;
    }

    /** The directory of the running server's binaries (zonky unpacks them to a temporary directory of its own). */
    private static Path postgresBinaries(EmbeddedPostgresServer server) throws Exception {
        try (Connection connection = server.dataSource().getConnection(); Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("select pg_backend_pid()")) {
            row.next();
            return Files.readSymbolicLink(Path.of("/proc", String.valueOf(row.getInt(1)), "exe")).getParent();
        }
    }

    private static String show(EmbeddedPostgresServer server, String setting) throws SQLException {
        try (Connection connection = server.dataSource().getConnection(); Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("show " + setting)) {
            row.next();
            return row.getString(1);
        }
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(file).toString());
                String name = file.getFileName().toString();
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else if (!name.equals("postmaster.pid") && !name.equals("epg-lock")) {
                    Files.copy(file, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }
}
