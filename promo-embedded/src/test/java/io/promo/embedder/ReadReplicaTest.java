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
import io.promo.persistence.StreamingStandby;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
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
    private static StreamingStandby replica;
    private static EmbeddedPostgresServer primary;
    private static String standbyUrl;
    private static Promo node;

    @BeforeAll
    static void a_primary_and_its_streaming_standby() throws Exception {
        replica = StreamingStandby.start(directories, cold -> { }, Path.of("target", "read-replica-standby.log"));
        primary = replica.primary();
        standbyUrl = replica.url();

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
        if (replica != null) {
            replica.close();
        }
    }

    @Test
    void money_is_decided_on_the_writer_whatever_the_lagging_replica_shows_and_reads_fall_back_when_it_stops()
            throws Exception {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        // 60¢ a click, 120¢ a day: two clicks.
        String entity = "srv_replica_" + System.nanoTime();
        Campaign campaign = Campaigns.active(node, entity, "berlin", 60, 120);
        StreamingStandby.await("the node serves the new campaign", Duration.ofSeconds(10),
                () -> shows(entity, campaign) != null);
        // An activation waits for the refresh interval (ADR 0020): once the replica has replayed it, the index shows it.
        StreamingStandby.await("the replica replays the activation", Duration.ofSeconds(10), () -> activeOnReplica(campaign));
        node.refreshServingIndex();
        assertThat(shows(entity, campaign)).isNotNull();

        replica.pauseReplay();
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

        replica.resumeReplay();
        StreamingStandby.await("the report catches up once the replica replays", Duration.ofSeconds(10),
                () -> report(campaign, today).totals().billedClicks() == 2);

        // The replica stops: the reads go to the writer, the index stays fresh, reports answer, clicks are billed.
        replica.stopStandby();
        String laterEntity = "srv_replica_late_" + System.nanoTime();
        Campaign later = Campaigns.active(node, laterEntity, "berlin", 60, 1_000);
        node.refreshServingIndex();
        String token = shows(laterEntity, later);
        assertThat(token).as("a campaign made after the replica stopped is served from the writer").isNotNull();
        assertThat(click(token, "fp_d").billedCents()).isEqualTo(60);
        // A read in flight on a pooled connection to the stopped replica fails (a report would answer 503); the next
        // connection the replica refuses, and the reads go to the writer.
        StreamingStandby.await("a report answers from the writer", Duration.ofSeconds(10), () -> {
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
}
