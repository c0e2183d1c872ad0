package io.promo.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a persistent embedded server's process leaves behind when it is signalled or killed, checked on a JVM of its
 * own ({@link EmbeddedPostgresChild}): a SIGTERM leaves the database to the owner's ordered close (zonky's own hook
 * stopped it at once, beside promo's, and the last impressions were lost); a SIGKILL leaves the postmaster running,
 * and the next start stops it instead of failing after a 10 s wait.
 */
class EmbeddedPostgresExitTest {

    @Test
    void a_sigterm_leaves_the_database_to_its_owners_close(@TempDir Path temp) throws Exception {
        Process child = child(temp.resolve("pg"), "owner-closes-last");
        awaitLine(child, "started");

        child.toHandle().destroy(); // SIGTERM, keeping its output readable (Process.destroy closes it)

        assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(remainingLines(child)).contains("database answered at exit");
        assertThat(Files.exists(temp.resolve("pg").resolve("postmaster.pid"))).as("stopped by the owner").isFalse();
    }

    @Test
    void a_server_a_killed_process_left_running_is_stopped_and_its_directory_starts_again(@TempDir Path temp)
            throws Exception {
        Path directory = temp.resolve("pg");
        Process child = started(directory, "crash");
        long postmaster = postmasterPid(directory);

        child.toHandle().destroyForcibly();
        assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(ProcessHandle.of(postmaster).map(ProcessHandle::isAlive)).as("the crash left it running").contains(true);

        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.startPersistent(directory, Map.of());
             Connection connection = server.dataSource().getConnection();
             Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("select 1")) {
            assertThat(result.next()).isTrue();
        }
        assertThat(ProcessHandle.of(postmaster).map(ProcessHandle::isAlive).orElse(false)).isFalse();
    }

    @Test
    void a_left_running_server_other_nodes_are_connected_to_is_stopped_and_starts_again_on_its_port(@TempDir Path temp)
            throws Exception {
        Path directory = temp.resolve("pg");
        Process child = started(directory, "crash");
        List<String> pidFile = Files.readAllLines(directory.resolve("postmaster.pid"));
        long postmaster = postmasterPid(directory);
        String url = "jdbc:postgresql://localhost:" + pidFile.get(3).trim() + "/postgres?user=postgres";
        // Another node on the same dev database, in a transaction: a smart shutdown (SIGTERM) waits for it forever.
        Connection otherNode = DriverManager.getConnection(url);
        otherNode.setAutoCommit(false);
        try (Statement statement = otherNode.createStatement()) {
            statement.execute("select 1");
        }

        child.toHandle().destroyForcibly();
        assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();

        long started = System.nanoTime();
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.startPersistent(directory, Map.of())) {
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(20));
            assertThat(ProcessHandle.of(postmaster).map(ProcessHandle::isAlive).orElse(false)).isFalse();
            assertThat(otherNode.isValid(2)).as("the other node's session was ended").isFalse();
            assertThat(server.jdbcUrl()).as("started again on its port").startsWith(url.substring(0, url.indexOf('?')));
            try (Connection reconnected = DriverManager.getConnection(url);
                 Statement statement = reconnected.createStatement();
                 ResultSet result = statement.executeQuery("select 1")) {
                assertThat(result.next()).isTrue();
            }
        } finally {
            otherNode.close();
        }
    }

    @Test
    void a_second_start_in_the_owners_jvm_is_refused_and_leaves_another_process_unable_to_stop_its_server(
            @TempDir Path temp) throws Exception {
        Path directory = temp.resolve("pg");
        try (EmbeddedPostgresServer owner = EmbeddedPostgresServer.startPersistent(directory, Map.of())) {
            long postmaster = postmasterPid(directory);
            assertThatThrownBy(() -> EmbeddedPostgresServer.startPersistent(directory, Map.of()))
                    .isInstanceOf(DataDirectoryInUseException.class);

            // Had that start opened and closed a channel to epg-lock, this process's lock would be gone, and this
            // start would take the directory, stopping the owner's server as a crash's leftover.
            Process other = child(directory, "crash");
            try {
                assertThat(other.waitFor(60, TimeUnit.SECONDS)).as("refused, so it ends").isTrue();
                assertThat(other.exitValue()).isNotZero();
                assertThat(remainingLines(other)).anyMatch(line -> line.contains("DataDirectoryInUseException"));
            } finally {
                other.destroyForcibly();
            }
            assertThat(ProcessHandle.of(postmaster).map(ProcessHandle::isAlive)).as("the owner's server").contains(true);
            assertThat(Path.of(owner.setting("data_directory")).toRealPath()).isEqualTo(directory.toRealPath());
        }
    }

    @Test
    void a_stale_pid_file_naming_another_directorys_server_or_another_start_signals_nothing(@TempDir Path temp)
            throws Exception {
        try (EmbeddedPostgresServer live = EmbeddedPostgresServer.startPersistent(temp.resolve("live"), Map.of())) {
            List<String> pidFile = Files.readAllLines(live.dataDirectory().resolve("postmaster.pid"));
            long postmaster = Long.parseLong(pidFile.get(0).trim());
            long startedAt = Long.parseLong(pidFile.get(2).trim());
            // As after a reboot: a leftover file whose pid now belongs to a PostgreSQL that is not this directory's.
            Path anotherDirectory = Files.createDirectories(temp.resolve("stale-directory"));
            Files.write(anotherDirectory.resolve("postmaster.pid"), pidFile);
            Path anotherStart = Files.createDirectories(temp.resolve("stale-start"));
            Files.write(anotherStart.resolve("postmaster.pid"), List.of(pidFile.get(0), anotherStart.toString(),
                    Long.toString(startedAt - 3_600), pidFile.get(3)));

            EmbeddedPostgresServer.stopOrphan(anotherDirectory);
            EmbeddedPostgresServer.stopOrphan(anotherStart);

            assertThat(ProcessHandle.of(postmaster).map(ProcessHandle::isAlive)).as("the live server").contains(true);
            assertThat(live.setting("server_version_num")).startsWith("17");
        }
    }

    @Test
    void a_server_a_running_process_holds_is_never_stopped_and_the_start_is_refused(@TempDir Path temp) throws Exception {
        Path directory = temp.resolve("pg");
        Process child = child(directory, "owner-closes-last");
        try {
            awaitLine(child, "started");
            long postmaster = postmasterPid(directory);

            assertThatThrownBy(() -> EmbeddedPostgresServer.startPersistent(directory, Map.of()))
                    .isInstanceOf(DataDirectoryInUseException.class);
            assertThat(ProcessHandle.of(postmaster).map(ProcessHandle::isAlive)).as("the holder's server").contains(true);
        } finally {
            child.toHandle().destroy(); // SIGTERM: its owner's hook closes its server
            assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        }
    }

    /** A child JVM holding a server on {@code directory}, once the server answers. */
    private static Process started(Path directory, String mode) throws Exception {
        Process child = child(directory, mode);
        awaitLine(child, "started");
        return child;
    }

    private static long postmasterPid(Path directory) throws Exception {
        return Long.parseLong(Files.readAllLines(directory.resolve("postmaster.pid")).get(0).trim());
    }

    private static Process child(Path directory, String mode) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), EmbeddedPostgresChild.class.getName(),
                directory.toString(), mode).redirectErrorStream(true).start();
    }

    private static void awaitLine(Process process, String expected) throws Exception {
        BufferedReader reader = reader(process);
        List<String> seen = new ArrayList<>();
        for (String line; (line = reader.readLine()) != null; ) {
            if (line.equals(expected)) {
                return;
            }
            seen.add(line);
        }
        throw new AssertionError("the child ended before '" + expected + "': " + seen);
    }

    private static List<String> remainingLines(Process process) throws Exception {
        List<String> lines = new ArrayList<>();
        BufferedReader reader = reader(process);
        for (String line; (line = reader.readLine()) != null; ) {
            lines.add(line);
        }
        return lines;
    }

    private static BufferedReader reader(Process process) {
        return READERS.computeIfAbsent(process,
                p -> new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8)));
    }

    private static final Map<Process, BufferedReader> READERS = new java.util.concurrent.ConcurrentHashMap<>();
}
