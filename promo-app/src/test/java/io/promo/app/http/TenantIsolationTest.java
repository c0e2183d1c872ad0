package io.promo.app.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * I8 over HTTP: an advertiser calling every advertiser route with another advertiser's ids gets 404, as for
 * an id that does not exist, and nothing in the database changes.
 */
class TenantIsolationTest {

    /** A well-formed request for each advertiser route with an id, so that only the ownership can refuse it. */
    private static final Map<String, String> REQUESTS = new TreeMap<>(Map.ofEntries(
            Map.entry("GET /v1/advertisers/{id}", ""),
            Map.entry("GET /v1/campaigns/{id}", ""),
            Map.entry("PATCH /v1/campaigns/{id}", "{\"name\":\"taken over\",\"cpc_cents\":99}"),
            Map.entry("POST /v1/campaigns/{id}/activate", ""),
            Map.entry("POST /v1/campaigns/{id}/pause", ""),
            Map.entry("POST /v1/campaigns/{id}/resume", ""),
            Map.entry("POST /v1/campaigns/{id}/end", ""),
            Map.entry("POST /v1/campaigns/{id}/topups", "{\"amount_cents\":1000,\"idempotency_key\":\"steal-1\"}"),
            Map.entry("GET /v1/campaigns/{id}/balance", ""),
            Map.entry("GET /v1/campaigns/{id}/ledger", ""),
            Map.entry("GET /v1/campaigns/{id}/diagnostics?city=berlin", ""),
            Map.entry("GET /v1/campaigns/{id}/report?from=2026-11-01&to=2026-11-30", ""),
            Map.entry("GET /v1/advertisers/{id}/report?from=2026-11-01&to=2026-11-30", ""),
            Map.entry("GET /v1/campaigns/{id}/report.csv?from=2026-11-01&to=2026-11-30", ""),
            Map.entry("GET /v1/advertisers/{id}/report.csv?from=2026-11-01&to=2026-11-30", "")));

    private final Marketplace market = new Marketplace();
    private final ApiClient api = market.api;
    private Marketplace.Advertiser lena;
    private Marketplace.Advertiser marco;
    private String marcosCampaign;

    @BeforeEach
    void two_advertisers_and_a_funded_active_campaign_of_marco() {
        lena = market.advertiser();
        marco = market.advertiser();
        market.campaign(lena, Marketplace.unique("srv"), "berlin", 60);
        marcosCampaign = market.campaign(marco, Marketplace.unique("srv"), "berlin", 60);
        market.fund(marco, marcosCampaign, 2_000);
        assertThat(api.post("/v1/campaigns/" + marcosCampaign + "/activate", marco.key(), null).status()).isEqualTo(200);
        TestServer.app().servingIndex().refresh();
        assertThat(api.get("/v1/campaigns/" + marcosCampaign + "/diagnostics?city=berlin", marco.key()).status())
                .as("marco sees his own diagnosis").isEqualTo(200);
    }

    @Test
    void the_matrix_covers_every_advertiser_route_that_takes_an_id() {
        Set<String> served = TestServer.app().http().routes().stream()
                .filter(route -> route.access() == Access.ADVERTISER && route.path().contains("{id}"))
                .map(route -> route.method() + " " + route.path())
                .collect(Collectors.toSet());

        assertThat(REQUESTS.keySet().stream().map(key -> key.replaceAll("\\?.*", "")).collect(Collectors.toSet()))
                .isEqualTo(served);
    }

    @Test
    void another_advertisers_ids_answer_404_on_every_route_and_change_nothing() {
        Map<String, String> before = TestServer.databaseSnapshot();

        REQUESTS.forEach((route, body) -> {
            String method = route.substring(0, route.indexOf(' '));
            String path = route.substring(route.indexOf(' ') + 1);
            String id = path.startsWith("/v1/advertisers") ? marco.id() : marcosCampaign;
            ApiClient.Response response = api.send(method, path.replace("{id}", id), lena.key(),
                    body.isEmpty() ? null : body, "application/json");

            assertThat(response.status()).as(route + " → " + response).isEqualTo(404);
            assertThat(response.contentType()).as(route).startsWith("application/problem+json");
            assertThat(response.body()).as(route).doesNotContain("\"status\":\"active\"").doesNotContain("balance_cents");
        });

        assertThat(TestServer.databaseSnapshot()).isEqualTo(before);
    }

    @Test
    void an_advertiser_lists_and_creates_only_for_itself() {
        Map<String, String> before = TestServer.databaseSnapshot();

        ApiClient.Response listed = api.get("/v1/campaigns?advertiser_id=" + marco.id(), lena.key());
        ApiClient.Response created = api.post("/v1/campaigns", lena.key(), Marketplace.campaignJson("srv_x", "berlin", 60)
                .replaceFirst("\\{", "{\"advertiser_id\":\"" + marco.id() + "\","));

        assertThat(listed.status()).isEqualTo(200);
        assertThat(listed.body()).doesNotContain(marcosCampaign).doesNotContain(marco.id());
        assertThat(listed.json().path("campaigns").size()).isEqualTo(1);
        assertThat(created.status()).as(created.toString()).isEqualTo(404);
        assertThat(TestServer.databaseSnapshot()).isEqualTo(before);
    }

    @Test
    void an_unknown_id_answers_exactly_like_another_advertisers() {
        String unknown = "pcmp_01m8fnwaxeb1pfzk3tensadm7k";

        ApiClient.Response foreign = api.get("/v1/campaigns/" + marcosCampaign + "/balance", lena.key());
        ApiClient.Response missing = api.get("/v1/campaigns/" + unknown + "/balance", lena.key());

        assertThat(foreign.status()).isEqualTo(missing.status()).isEqualTo(404);
        assertThat(foreign.text("detail").replace(marcosCampaign, "ID")).isEqualTo(missing.text("detail").replace(unknown, "ID"));
    }
}
