package io.promo.embedder;

import static org.assertj.core.api.Assertions.assertThat;

import io.promo.domain.campaign.Campaign;
import io.promo.domain.shared.Actor;
import io.promo.domain.traffic.ClickCommand;
import io.promo.domain.traffic.ClickResult;
import io.promo.embedded.AdPage;
import io.promo.embedded.AdRequest;
import io.promo.embedded.Promo;
import io.promo.persistence.EmbeddedPostgresServer;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A node whose read replica ({@code PROMO_DB_READ_URL}) does not answer when it starts still starts: the reads that
 * would go to the replica (the serving index, reports) go to the writer, and money is decided there as always. A
 * reader is an optimisation of the writer's load, so losing it must not take nodes down with it.
 */
class ReplicaDownAtStartTest {

    private static final String BROWSER = "Mozilla/5.0 (X11; Linux x86_64) ReplicaDownAtStartTest/1.0";

    @Test
    void a_node_whose_replica_is_down_at_start_starts_serves_bills_and_reports_from_the_writer() throws Exception {
        try (EmbeddedPostgresServer writer = EmbeddedPostgresServer.start();
                Promo node = Promo.builder().jdbcUrl(writer.jdbcUrl())
                        .settings(Map.of("PROMO_DB_READ_URL", "jdbc:postgresql://127.0.0.1:" + aClosedPort() + "/promo",
                                "PROMO_HASH_SECRET", "replica-down-hash-secret-0123456789abcdef",
                                "PROMO_CLICK_TOKEN_SECRET", "replica-down-token-secret-0123456789abcdef",
                                "PROMO_BUDGET_ZONE", "UTC", "PROMO_DB_CONNECTION_TIMEOUT", "500ms"))
                        .schema(Promo.Schema.MIGRATE)
                        .start()) {
            String entity = "srv_replica_down_" + System.nanoTime();
            Campaign campaign = Campaigns.active(node, entity, "berlin", 60);
            node.refreshServingIndex();

            AdPage page = node.serving().decide(AdRequest.builder("people_search", "berlin").query("portrait")
                    .anonymousViewer("fp_replica_down").client("198.51.100.7", BROWSER)
                    .organicMatches(List.of(entity)).build());
            assertThat(page.sponsored()).as("the index was built from the writer").hasSize(1);
            AdPage.Result ad = page.sponsored().get(0);
            ClickResult click = node.clicks().click(new ClickCommand(ad.clickToken(), null, "fp_replica_down",
                    "203.0.113.77", BROWSER));
            assertThat(click.billedCents()).isEqualTo(ad.priceCents());

            LocalDate today = LocalDate.now(ZoneOffset.UTC);
            assertThat(node.reports().campaign(Actor.tenant(campaign.advertiserId()), campaign.id(), today, today)
                    .orElseThrow().totals().billedClicks()).as("the report reads the writer").isEqualTo(1);
        }
    }

    /** A loopback port nothing listens on: bound by the system, then given back. */
    private static int aClosedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
