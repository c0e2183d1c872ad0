package io.promo.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedPostgresServerTest {

    @Test
    void a_temporary_server_runs_postgresql_17_without_durability_and_removes_its_data_on_close() {
        Path dataDirectory;
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start()) {
            dataDirectory = server.dataDirectory();
            assertThat(server.isPersistent()).isFalse();
            assertThat(server.setting("server_version_num")).startsWith("17");
            assertThat(server.setting("fsync")).isEqualTo("off");
            assertThat(server.setting("synchronous_commit")).isEqualTo("off");
            assertThat(server.jdbcUrl()).contains(":" + server.port() + "/");
        }
        assertThat(dataDirectory).doesNotExist();
    }

    @Test
    void server_config_turns_durability_on_for_benchmarks() {
        Map<String, String> durable = Map.of("fsync", "on", "synchronous_commit", "on");
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.startTemporary(durable)) {
            assertThat(server.setting("fsync")).isEqualTo("on");
            assertThat(server.setting("synchronous_commit")).isEqualTo("on");
        }
    }

    @Test
    void a_persistent_data_directory_keeps_its_data_across_restarts(@TempDir Path temp) throws Exception {
        Path dataDirectory = temp.resolve("pg");
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.startPersistent(dataDirectory, Map.of())) {
            assertThat(DatabaseMigrator.migrate(server.dataSource())).isEqualTo(TestDatabase.schemaVersion());
            try (Connection connection = server.dataSource().getConnection();
                 Statement statement = connection.createStatement()) {
                statement.execute("insert into promo_policy (policy_id, surface, city, cpc_floor_cents,"
                        + " max_density_top20, max_above_fold) values ('ppol_1', 'studio_search', 'nyc', 50, 2, 1)");
            }
        }
        assertThat(Files.exists(dataDirectory.resolve("PG_VERSION"))).isTrue();

        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.startPersistent(dataDirectory, Map.of());
             Connection connection = server.dataSource().getConnection();
             Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("select policy_id from promo_policy")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("ppol_1");
        }
    }

    @Test
    void a_persistent_directory_starts_again_on_its_port_unless_another_process_took_it(@TempDir Path temp)
            throws Exception {
        Path dataDirectory = temp.resolve("pg");
        int first;
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.startPersistent(dataDirectory, Map.of())) {
            first = server.port();
        }
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.startPersistent(dataDirectory, Map.of())) {
            assertThat(server.port()).isEqualTo(first);
        }
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), first));
            try (EmbeddedPostgresServer server = EmbeddedPostgresServer.startPersistent(dataDirectory, Map.of());
                 Connection connection = server.dataSource().getConnection()) {
                assertThat(server.port()).isNotEqualTo(first);
                assertThat(connection.isValid(2)).isTrue();
            }
        }
    }

    @Test
    void a_remembered_port_another_server_took_after_the_probe_gives_way_to_a_free_port(@TempDir Path temp)
            throws Exception {
        Path dataDirectory = initialisedAndStopped(temp.resolve("pg"), Map.of());
        try (EmbeddedPostgresServer squatter = EmbeddedPostgresServer.start();
             EmbeddedPostgresServer server = EmbeddedPostgresServer.launchOnRemembered(dataDirectory,
                     dataDirectory.toRealPath(), Map.of(), squatter.port(), UnaryOperator.identity())) {
            assertThat(server.port()).isNotEqualTo(squatter.port());
            assertThat(Path.of(server.setting("data_directory")).toRealPath()).isEqualTo(dataDirectory.toRealPath());
        }
    }

    @Test
    void starting_again_on_a_port_another_server_took_meanwhile_fails_and_leaves_that_server_alone(@TempDir Path temp)
            throws Exception {
        EmbeddedPostgresServer stopped = EmbeddedPostgresServer.startPersistent(temp.resolve("pg"), Map.of());
        int port = stopped.port();
        stopped.close();
        try (EmbeddedPostgres squatter = EmbeddedPostgres.builder().setPort(port).start()) {
            assertThatThrownBy(stopped::startAgain).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("port " + port).hasMessageContaining("another server");

            try (Connection connection = squatter.getPostgresDatabase().getConnection()) {
                assertThat(connection.isValid(2)).as("the other server still runs").isTrue();
            }
        }
        try (EmbeddedPostgresServer again = stopped.startAgain()) {
            assertThat(again.port()).as("the port is free again, and the directory not held").isEqualTo(port);
        }
    }

    @Test
    void a_remembered_port_a_program_other_than_postgresql_took_fails_the_start_saying_so(@TempDir Path temp)
            throws Exception {
        // Our postmaster may only try the taken address: on a host whose localhost is also ::1 it would come up there,
        // after zonky gave up, and outlive the test.
        Map<String, String> takenAddressOnly = Map.of("listen_addresses", "127.0.0.1");
        Path dataDirectory = initialisedAndStopped(temp.resolve("pg"), takenAddressOnly);
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
            Thread hangingUp = new Thread(() -> {
                while (!taken.isClosed()) {
                    try (Socket client = taken.accept()) {
                        // Not PostgreSQL: every connection is closed at once.
                    } catch (IOException e) {
                        return;
                    }
                }
            });
            hangingUp.setDaemon(true);
            hangingUp.start();
            UnaryOperator<EmbeddedPostgres.Builder> shortWait = builder -> builder.setPGStartupWait(Duration.ofSeconds(2));

            assertThatThrownBy(() -> EmbeddedPostgresServer.launchOnRemembered(dataDirectory,
                    dataDirectory.toRealPath(), takenAddressOnly, taken.getLocalPort(), shortWait))
                    .isInstanceOf(UncheckedIOException.class)
                    .hasMessageContaining("on port " + taken.getLocalPort() + ", the port of its last start")
                    .hasMessageContaining("Start again in a new process");
        }
    }

    @Test
    @EnabledOnOs({OS.LINUX, OS.MAC})
    void a_postmaster_that_comes_up_late_beside_the_other_server_is_stopped_before_the_start_on_a_free_port(
            @TempDir Path temp) throws Exception {
        assumeTrue(canListenOn("::1"), "needs an IPv6 loopback address");
        // No Unix socket: the other server's lock on the port's socket file would stop ours before it comes up.
        Map<String, String> bothLoopbacks = Map.of("listen_addresses", "127.0.0.1,::1", "unix_socket_directories", "");
        Path dataDirectory = initialisedAndStopped(temp.resolve("pg"), bothLoopbacks);
        // The other server takes the port on 127.0.0.1 only; ours, starting a second late as on a loaded machine, comes
        // up on ::1 after zonky has already reached the other server and been told to stop ours.
        try (EmbeddedPostgresServer squatter = EmbeddedPostgresServer.startTemporary(
                Map.of("listen_addresses", "127.0.0.1"));
             SlowStartingPostgres late = SlowStartingPostgres.binaries(squatter, temp.resolve("binaries"),
                     Duration.ofSeconds(1))) {
            try (EmbeddedPostgresServer server = EmbeddedPostgresServer.launchOnRemembered(dataDirectory,
                    dataDirectory.toRealPath(), bothLoopbacks, squatter.port(), late.zonky())) {
                assertThat(server.port()).isNotEqualTo(squatter.port());
                assertThat(Path.of(server.setting("data_directory")).toRealPath())
                        .isEqualTo(dataDirectory.toRealPath());
            }
            assertThat(canListenOn("::1", squatter.port())).as("our server on the taken port is stopped").isTrue();
        }
    }

    @Test
    @EnabledOnOs({OS.LINUX, OS.MAC})
    void a_start_postgresql_did_not_answer_in_time_keeps_the_directory_held_here_and_a_second_start_says_why(
            @TempDir Path temp) throws Exception {
        Path dataDirectory = initialisedAndStopped(temp.resolve("pg"), Map.of());
        Files.delete(dataDirectory.resolve(EmbeddedPostgresServer.PORT_FILE)); // a free port: nothing else is in play
        try (EmbeddedPostgresServer running = EmbeddedPostgresServer.start();
             SlowStartingPostgres slow = SlowStartingPostgres.binaries(running, temp.resolve("binaries"),
                     Duration.ofSeconds(3))) {
            UnaryOperator<EmbeddedPostgres.Builder> impatient = builder -> slow.zonky().apply(builder)
                    .setPGStartupWait(Duration.ofSeconds(1));

            assertThatThrownBy(() -> EmbeddedPostgresServer.startPersistent(dataDirectory, Map.of(), impatient))
                    .isInstanceOf(UncheckedIOException.class);
            // zonky's failed start still holds epg-lock in this JVM: a second start must not touch the lock file.
            assertThatThrownBy(() -> EmbeddedPostgresServer.startPersistent(dataDirectory, Map.of()))
                    .isInstanceOf(DataDirectoryInUseException.class)
                    .hasMessageContaining("held by this process").hasMessageContaining("new process");
        } finally {
            stopLateServer(dataDirectory);
        }
    }

    /** The server of a start zonky gave up on comes up late, and nobody holds it: stopped here (SIGTERM). */
    private static void stopLateServer(Path dataDirectory) throws Exception {
        Path pidFile = dataDirectory.resolve("postmaster.pid");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (!Files.exists(pidFile) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        if (Files.exists(pidFile)) {
            Optional<ProcessHandle> late = ProcessHandle.of(Long.parseLong(Files.readAllLines(pidFile).get(0).trim()));
            if (late.isPresent()) {
                late.get().destroy();
                late.get().onExit().get(30, TimeUnit.SECONDS);
            }
        }
    }

    /** A persistent data directory whose cluster was initialised and whose server stopped again. */
    private static Path initialisedAndStopped(Path dataDirectory, Map<String, String> serverConfig) {
        try (EmbeddedPostgresServer first = EmbeddedPostgresServer.startPersistent(dataDirectory, serverConfig)) {
            assertThat(first.port()).isPositive();
        }
        return dataDirectory;
    }

    private static boolean canListenOn(String address) {
        return canListenOn(address, 0);
    }

    private static boolean canListenOn(String address, int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getByName(address), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
