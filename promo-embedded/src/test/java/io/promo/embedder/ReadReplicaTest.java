package io.promo.embedder;

import static org.assertj.core.api.Assertions.assertThat;

import io.promo.domain.campaign.Campaign;
import io.promo.domain.campaign.CampaignAction;
import io.promo.domain.campaign.ChangeCampaignStatusCommand;
import io.promo.domain.report.CampaignReport;
import io.promo.domain.shared.Actor;
import io.promo.domain.traffic.ClickCommand;
import io.promo.domain.traffic.ClickResult;
import io.promo.embedded.AdPage;
import io.promo.embedded.AdRequest;
import io.promo.embedded.Promo;
import io.promo.persistence.EmbeddedPostgresServer;
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
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A promo node whose writer is one PostgreSQL and whose reader ({@code PROMO_DB_READ_URL}) is a real streaming
 * replica of it on loopback: a hot standby started with the embedded binaries from a cold copy of the primary's data
 * directory ({@code standby.signal} and {@code primary_conninfo}). Replay is paused to make the replica lag, and the
 * replica is stopped at the end: money is decided on the writer whatever the replica shows, a pause on this node
 * holds at once, reports lag and catch up, and with the replica down the reads fall back to the writer.
 */
class ReadReplicaTest {

    /** Longer than a replica used to be trusted to catch up after a status change (ReplicaReads.READ_YOUR_WRITES). */
    private static final Duration READ_YOUR_WRITES = Duration.ofSeconds(10);
    private static final String BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0";

    @TempDir
    static Path directories;
    private static EmbeddedPostgresServer primary;
    private static Process standby;
    private static Path standbyData;
    private static Path binaries;
    private static String standbyUrl;
    private static Promo node;

    @BeforeAll
    static void a_primary_and_its_streaming_standby() throws Exception {
        Map<String, String> replication = Map.of("wal_level", "replica", "max_wal_senders", "4", "hot_standby", "on");
        EmbeddedPostgresServer cold = EmbeddedPostgresServer.startPersistent(directories.resolve("primary"), replication);
        binaries = postgresBinaries(cold);
        String maxConnections = show(cold, "max_connections"); // a standby needs at least the primary's
        cold.close();
        standbyData = directories.resolve("standby");
        copy(directories.resolve("primary"), standbyData);
        primary = cold.startAgain();
        Files.writeString(standbyData.resolve("standby.signal"), "");
        Files.setPosixFilePermissions(standbyData, PosixFilePermissions.fromString("rwx------"));
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        standbyUrl = "jdbc:postgresql://localhost:" + port + "/postgres?user=postgres";
        standby = new ProcessBuilder(command(binaries.resolve("postgres").toString(), "-D", standbyData.toString(),
                "-p", String.valueOf(port), "-c", "hot_standby=on", "-c", "listen_addresses=localhost", "-c", "max_connections=" + maxConnections,
                "-c", "primary_conninfo=host=localhost port=" + primary.port() + " user=postgres"))
                .redirectErrorStream(true).redirectOutput(Path.of("target", "read-replica-standby.log").toFile()).start();
        await("the standby accepts reads", Duration.ofSeconds(30), () -> {
            try (Connection connection = DriverManager.getConnection(standbyUrl)) {
                return bool(connection, "select pg_is_in_recovery()");
            } catch (SQLException e) {
                return false;
            }
        });

        node = Promo.builder().jdbcUrl(primary.jdbcUrl())
                .settings(Map.of("PROMO_DB_READ_URL", standbyUrl, "PROMO_HASH_SECRET", "replica-hash-secret-0123456789abcdef",
                        "PROMO_CLICK_TOKEN_SECRET", "replica-token-secret-0123456789abcdef", "PROMO_BUDGET_ZONE", "UTC",
                        "PROMO_DB_CONNECTION_TIMEOUT", "500ms",
                        // A lone campaign pays its bid, so the daily budget's third click is the one refused.
                        "PROMO_PRICING_MODE", "first_price"))
                .start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (node != null) {
            node.close();
        }
        stopStandby();
        if (primary != null) {
            primary.close();
        }
    }

    @Test
    void money_is_decided_on_the_writer_whatever_the_lagging_replica_shows_and_reads_fall_back_when_it_stops()
            throws Exception {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        // 60¢ a click, 120¢ a day: two clicks.
        String entity = "srv_replica_" + System.nanoTime();
        Campaign campaign = Campaigns.active(node, entity, "berlin", 60, 120);
        await("the node serves the new campaign", Duration.ofSeconds(10), () -> shows(entity, campaign) != null);
        // An activation waits for the refresh interval (ADR 0020): once the replica has replayed it, the index shows it.
        await("the replica replays the activation", Duration.ofSeconds(10), () -> activeOnReplica(campaign));
        node.refreshServingIndex();
        assertThat(shows(entity, campaign)).isNotNull();

        replay("pause");
        List<String> tokens = Stream.generate(() -> shows(entity, campaign)).limit(3).toList();
        ClickResult first = click(tokens.get(0), "fp_a");
        ClickResult second = click(tokens.get(1), "fp_b");
        node.refreshServingIndex();
        assertThat(shows(entity, campaign)).as("the replica, replay paused, still shows a budget left").isNotNull();
        ClickResult third = click(tokens.get(2), "fp_c");

        assertThat(List.of(first.billedCents(), second.billedCents(), third.billedCents())).containsExactly(60L, 60L, 0L);
        assertThat(third.reason()).contains("daily_budget");
        assertThat(writerSpent(campaign)).isEqualTo(120);
        assertThat(report(campaign, today).totals().billedClicks()).as("the report reads the lagging replica").isZero();

        // A pause on this node holds at once and through the next rebuilds, though the replica still has it active.
        node.changeCampaignStatus().change(new ChangeCampaignStatusCommand(Actor.tenant(campaign.advertiserId()),
                campaign.id(), CampaignAction.PAUSE)).orElseThrow();
        assertThat(shows(entity, campaign)).as("the pausing node's next decision").isNull();
        Thread.sleep(1_500);
        node.refreshServingIndex();
        assertThat(shows(entity, campaign)).as("a rebuild after the pause").isNull();
        Thread.sleep(READ_YOUR_WRITES.plusMillis(500).toMillis());
        node.refreshServingIndex();
        assertThat(shows(entity, campaign)).as("a rebuild long after the pause, the replica still not replaying").isNull();

        replay("resume");
        await("the report catches up once the replica replays", Duration.ofSeconds(10),
                () -> report(campaign, today).totals().billedClicks() == 2);

        // The replica stops: the reads go to the writer, the index stays fresh, reports answer, clicks are billed.
        stopStandby();
        String laterEntity = "srv_replica_late_" + System.nanoTime();
        Campaign later = Campaigns.active(node, laterEntity, "berlin", 60, 1_000);
        node.refreshServingIndex();
        String token = shows(laterEntity, later);
        assertThat(token).as("a campaign made after the replica stopped is served from the writer").isNotNull();
        assertThat(click(token, "fp_d").billedCents()).isEqualTo(60);
        // A read in flight on a pooled connection to the stopped replica fails (a report would answer 503); the next
        // connection the replica refuses, and the reads go to the writer.
        await("a report answers from the writer", Duration.ofSeconds(10), () -> {
            try {
                return report(later, today).totals().billedClicks() == 1;
            } catch (RuntimeException replicaGoneMidRead) {
                return false;
            }
        });
        node.refreshServingIndex();
        assertThat(shows(laterEntity, later)).as("the index still refreshes, from the writer").isNotNull();
    }

    /** The click token of {@code campaign} on a page where nothing else can show, or null when it is not shown. */
    private static String shows(String entity, Campaign campaign) {
        AdPage page = node.serving().decide(AdRequest.builder("people_search", "berlin").query("portrait")
                .anonymousViewer("fp_probe_" + System.nanoTime()).client("198.51.100.9", BROWSER)
                .organicMatches(List.of(entity)).build());
        return page.sponsored().stream().filter(r -> r.campaignId().equals(campaign.id().value()))
                .map(AdPage.Result::clickToken).findFirst().orElse(null);
    }

    private static ClickResult click(String token, String viewer) {
        return node.clicks().click(new ClickCommand(token, null, viewer, "203.0.113." + viewer.length(), BROWSER));
    }

    private static CampaignReport report(Campaign campaign, LocalDate day) {
        return node.reports().campaign(Actor.tenant(campaign.advertiserId()), campaign.id(), day, day).orElseThrow();
    }

    private static boolean activeOnReplica(Campaign campaign) {
        try (Connection connection = DriverManager.getConnection(standbyUrl); Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("select status from promo_campaign where campaign_id = '"
                        + campaign.id().value() + "'")) {
            return row.next() && row.getString(1).equals("active");
        } catch (SQLException e) {
            return false;
        }
    }

    private static long writerSpent(Campaign campaign) throws SQLException {
        try (Connection connection = primary.dataSource().getConnection(); Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("select coalesce(sum(amount_cents), 0) from promo_budget_ledger"
                        + " where kind = 'spend' and campaign_id = '" + campaign.id().value() + "'")) {
            row.next();
            return row.getLong(1);
        }
    }

    private static void replay(String pauseOrResume) throws SQLException {
        try (Connection connection = DriverManager.getConnection(standbyUrl); Statement statement = connection.createStatement()) {
            statement.execute("select pg_wal_replay_" + pauseOrResume + "()");
        }
    }

    private static void stopStandby() throws Exception {
        if (standby != null && standby.isAlive()) {
            new ProcessBuilder(command(binaries.resolve("pg_ctl").toString(), "-D", standbyData.toString(), "stop", "-m", "fast", "-w"))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor(30, TimeUnit.SECONDS);
            if (!standby.waitFor(10, TimeUnit.SECONDS)) {
                standby.destroyForcibly();
            }
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

    /** The directory of the embedded server's binaries: the running backend's executable's. */
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

    private static boolean bool(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet row = statement.executeQuery(sql)) {
            return row.next() && row.getBoolean(1);
        }
    }

    private static void await(String what, Duration within, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + ": not within " + within.toMillis() + " ms");
            }
            Thread.sleep(50);
        }
    }
}
