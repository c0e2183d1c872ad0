package io.promo.app.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * The whole story over a real port: an admin onboards an advertiser and sets a policy; the advertiser
 * authors, funds (dev gateway) and activates a campaign; the search service gets a page with it sponsored;
 * balance, ledger and diagnostics agree.
 */
class ApiStoryTest {

    private final Marketplace market = new Marketplace();
    private final ApiClient api = market.api;

    @Test
    void admin_onboards_advertiser_funds_and_activates_and_the_search_service_gets_it_sponsored() throws InterruptedException {
        String city = Marketplace.unique("city").toLowerCase();
        String entity = Marketplace.unique("srv");

        ApiClient.Response policy = api.put("/v1/policies", TestServer.ADMIN_KEY, """
                {"surface":"people_search","role":"Photographer","city":"%s","cpc_floor_cents":40,
                 "max_density_top20":2,"max_above_fold":1}""".formatted(city));
        assertThat(policy.status()).as(policy.toString()).isEqualTo(200);
        assertThat(policy.json().path("policy_id").asText()).startsWith("ppol_");
        assertThat(policy.text("role")).isEqualTo("photographer");
        ApiClient.Response cityWide = api.put("/v1/policies", TestServer.ADMIN_KEY, """
                {"surface":"people_search","city":"%s","cpc_floor_cents":40,"max_density_top20":2,"max_above_fold":1}"""
                .formatted(city));
        assertThat(cityWide.status()).as(cityWide.toString()).isEqualTo(200);
        assertThat(cityWide.json().path("role").isNull()).isTrue();
        assertThat(api.get("/v1/policies", TestServer.ADMIN_KEY).body()).contains(city);

        Marketplace.Advertiser lena = market.advertiser();
        assertThat(lena.id()).startsWith("padv_");
        assertThat(lena.key()).startsWith("pak_");
        assertThat(api.get("/v1/advertisers/" + lena.id(), lena.key()).text("status")).isEqualTo("active");

        ApiClient.Response tooCheap = api.post("/v1/campaigns", lena.key(), Marketplace.campaignJson(entity, city, 30));
        assertThat(tooCheap.status()).as(tooCheap.toString()).isEqualTo(422);
        assertThat(tooCheap.json().path("errors").get(0).path("field").asText()).isEqualTo("cpc_cents");

        String campaignId = market.campaign(lena, entity, city, 60);
        JsonNode campaign = api.get("/v1/campaigns/" + campaignId, lena.key()).json();
        assertThat(campaign.path("status").asText()).isEqualTo("draft");
        assertThat(campaign.path("keyword_targets").toString()).isEqualTo("[\"portrait\",\"headshot\"]");
        assertThat(campaign.path("keyword_target_matches").toString()).isEqualTo(
                "[{\"keyword\":\"portrait\",\"match_type\":\"broad\",\"negative\":false},"
                        + "{\"keyword\":\"headshot\",\"match_type\":\"broad\",\"negative\":false}]");
        assertThat(campaign.path("cpc_cents").asLong()).isEqualTo(60);
        assertThat(api.get("/v1/campaigns", lena.key()).json().path("campaigns").size()).isEqualTo(1);

        ApiClient.Response topUp = api.post("/v1/campaigns/" + campaignId + "/topups", lena.key(),
                "{\"amount_cents\":5000,\"idempotency_key\":\"first-topup\"}");
        assertThat(topUp.status()).as(topUp.toString()).isEqualTo(200);
        assertThat(topUp.text("status")).isEqualTo("charged");
        ApiClient.Response retried = api.post("/v1/campaigns/" + campaignId + "/topups", lena.key(),
                "{\"amount_cents\":5000,\"idempotency_key\":\"first-topup\"}");
        assertThat(retried.json().path("entry").path("entry_id")).isEqualTo(topUp.json().path("entry").path("entry_id"));

        ApiClient.Response activated = api.post("/v1/campaigns/" + campaignId + "/activate", lena.key(), null);
        assertThat(activated.status()).as(activated.toString()).isEqualTo(200);
        assertThat(activated.text("status")).isEqualTo("active");

        JsonNode page = decideUntilSponsored(city, entity);
        JsonNode sponsored = page.path("results").get(0);
        assertThat(sponsored.path("sponsored").asBoolean()).isTrue();
        assertThat(sponsored.path("entity_id").asText()).isEqualTo(entity);
        assertThat(sponsored.path("campaign_id").asText()).isEqualTo(campaignId);
        assertThat(sponsored.path("cpc_cents").asLong()).isEqualTo(60);
        assertThat(sponsored.path("price_cents").asLong()).as("alone on the page, it pays the city's 40¢ floor").isEqualTo(40);
        assertThat(sponsored.path("impression_id").asText()).startsWith("pevt_");
        assertThat(sponsored.path("click_token").asText()).startsWith("v2.");
        assertThat(page.path("results").size()).isEqualTo(3);
        assertThat(page.path("results").get(1).path("sponsored").asBoolean()).isFalse();

        JsonNode balance = api.get("/v1/campaigns/" + campaignId + "/balance", lena.key()).json();
        JsonNode ledger = api.get("/v1/campaigns/" + campaignId + "/ledger", lena.key()).json();
        assertThat(balance.path("balance_cents").asLong()).isEqualTo(5000);
        assertThat(balance.path("remaining_today_cents").asLong()).isEqualTo(1500);
        assertThat(ledger.path("entries").size()).isEqualTo(1);
        assertThat(ledger.path("entries").get(0).path("kind").asText()).isEqualTo("topup");
        assertThat(ledger.path("entries").get(0).path("amount_cents").asLong()).isEqualTo(balance.path("balance_cents").asLong());

        JsonNode diagnosis = api.get("/v1/campaigns/" + campaignId + "/diagnostics?city=" + city
                + "&role=photographer&query=portrait", lena.key()).json();
        assertThat(diagnosis.path("shown").asBoolean()).as(diagnosis.toString()).isTrue();
        JsonNode elsewhere = api.get("/v1/campaigns/" + campaignId + "/diagnostics?city=paris&query=portrait",
                lena.key()).json();
        assertThat(elsewhere.path("deciding_reason").asText()).isEqualTo("CITY");
        JsonNode unmatched = api.get("/v1/campaigns/" + campaignId + "/diagnostics?city=" + city + "&query=wedding",
                lena.key()).json();
        assertThat(unmatched.path("deciding_reason").asText()).isEqualTo("KEYWORD");
        ApiClient.Response negative = api.patch("/v1/campaigns/" + campaignId, lena.key(),
                "{\"keyword_targets\":[\"portrait\",\"headshot\",\"-\\\"Cheap Shoot\\\"\"]}");
        assertThat(negative.status()).as(negative.toString()).isEqualTo(200);
        assertThat(negative.json().path("keyword_target_matches").get(2).toString())
                .isEqualTo("{\"keyword\":\"cheap shoot\",\"match_type\":\"phrase\",\"negative\":true}");
        JsonNode excluded = null;
        for (long until = System.nanoTime() + 10_000_000_000L; System.nanoTime() < until; Thread.sleep(100)) {
            excluded = api.get("/v1/campaigns/" + campaignId + "/diagnostics?city=" + city
                    + "&query=cheap+shoot+portrait", lena.key()).json();
            if (excluded.path("deciding_reason").asText().equals("NEGATIVE_KEYWORD")) {
                break; // the index has the edit (it is rebuilt every second)
            }
        }
        assertThat(excluded.path("deciding_reason").asText()).as(excluded.toString()).isEqualTo("NEGATIVE_KEYWORD");
        assertThat(excluded.toString()).contains("-\\\"cheap shoot\\\"");

        ApiClient.Response credit = api.post("/v1/campaigns/" + campaignId + "/credits", TestServer.ADMIN_KEY,
                "{\"amount_cents\":150,\"reason\":\"2 invalid clicks\",\"idempotency_key\":\"cr-1\"}");
        assertThat(credit.status()).as(credit.toString()).isEqualTo(201);
        assertThat(api.get("/v1/campaigns/" + campaignId + "/balance", lena.key()).json().path("balance_cents").asLong())
                .isEqualTo(5150);

        String metrics = api.get("/metrics", null).body();
        assertThat(metrics).contains("promo_decisions_total{surface=\"people_search\"}")
                .contains("promo_sponsored_slots_filled_total{format=\"featured\",surface=\"people_search\"}")
                .contains("promo_http_request_duration_seconds_bucket{method=\"POST\",route=\"/v1/decisions\",status=\"200\"");
        assertThat(api.get("/health", null).json().path("database").asText()).isEqualTo("reachable");
    }

    @Test
    void an_admin_suspends_and_reinstates_a_campaign_and_moderates_the_advertiser() {
        Marketplace.Advertiser marco = market.advertiser();
        String campaignId = market.campaign(marco, Marketplace.unique("srv"), "berlin", 60);

        assertThat(api.post("/v1/campaigns/" + campaignId + "/suspend", marco.key(), null).status()).isEqualTo(403);
        assertThat(api.post("/v1/campaigns/" + campaignId + "/suspend", TestServer.ADMIN_KEY, null).text("status"))
                .isEqualTo("suspended");
        ApiClient.Response activate = api.post("/v1/campaigns/" + campaignId + "/activate", marco.key(), null);
        assertThat(activate.status()).isEqualTo(409);
        assertThat(activate.text("detail")).contains("suspended");
        assertThat(api.post("/v1/campaigns/" + campaignId + "/reinstate", TestServer.ADMIN_KEY, null).text("status"))
                .isEqualTo("paused");

        assertThat(api.post("/v1/advertisers/" + marco.id() + "/suspend", TestServer.ADMIN_KEY, null).text("status"))
                .isEqualTo("suspended");
        assertThat(api.post("/v1/campaigns", marco.key(), Marketplace.campaignJson("srv_x", "berlin", 60)).status())
                .isEqualTo(403);
        assertThat(api.post("/v1/advertisers/" + marco.id() + "/activate", TestServer.ADMIN_KEY, null).text("status"))
                .isEqualTo("active");

        ApiClient.Response newKey = api.post("/v1/advertisers/" + marco.id() + "/api-key", TestServer.ADMIN_KEY, null);
        assertThat(api.get("/v1/campaigns", marco.key()).status()).as("the replaced key is revoked").isEqualTo(401);
        assertThat(api.get("/v1/campaigns", newKey.text("api_key")).status()).isEqualTo(200);
    }

    @Test
    void an_admin_authors_for_a_named_advertiser_and_lists_its_campaigns() {
        Marketplace.Advertiser lena = market.advertiser();
        String json = Marketplace.campaignJson(Marketplace.unique("srv"), "berlin", 60);

        ApiClient.Response unnamed = api.post("/v1/campaigns", TestServer.ADMIN_KEY, json);
        ApiClient.Response named = api.post("/v1/campaigns", TestServer.ADMIN_KEY,
                json.replaceFirst("\\{", "{\"advertiser_id\":\"" + lena.id() + "\","));

        assertThat(unnamed.status()).isEqualTo(400);
        assertThat(unnamed.json().path("errors").get(0).path("field").asText()).isEqualTo("advertiser_id");
        assertThat(named.status()).as(named.toString()).isEqualTo(201);
        assertThat(named.text("advertiser_id")).isEqualTo(lena.id());
        assertThat(api.get("/v1/campaigns?advertiser_id=" + lena.id(), TestServer.ADMIN_KEY).json().path("campaigns")
                .get(0).path("campaign_id").asText()).isEqualTo(named.text("campaign_id"));
        assertThat(api.get("/v1/campaigns", lena.key()).json().path("campaigns").size()).isEqualTo(1);
    }

    @Test
    void an_advertiser_edits_its_campaign_and_clears_optional_fields() {
        Marketplace.Advertiser lena = market.advertiser();
        String campaignId = market.campaign(lena, Marketplace.unique("srv"), "berlin", 60);

        ApiClient.Response patched = api.patch("/v1/campaigns/" + campaignId, lena.key(),
                "{\"name\":\"Renamed\",\"cpc_cents\":70,\"total_budget_cents\":null,\"city_targets\":[\"Berlin\",\"São Paulo\"]}");

        assertThat(patched.status()).as(patched.toString()).isEqualTo(200);
        assertThat(patched.text("name")).isEqualTo("Renamed");
        assertThat(patched.json().path("cpc_cents").asLong()).isEqualTo(70);
        assertThat(patched.json().path("total_budget_cents").isNull()).isTrue();
        assertThat(patched.json().path("city_targets").toString()).isEqualTo("[\"berlin\",\"sao-paulo\"]");
    }

    private JsonNode decideUntilSponsored(String city, String entity) {
        String request = """
                {"surface":"people_search","role":"photographer","city":"%s","query":"Portrait studio",
                 "viewer":{"anon_fingerprint":"fp_123"},"client":{"ip":"203.0.113.7","user_agent":"Mozilla/5.0"},
                 "page_size":20,"organic_matches":["srv_other_1","%s","srv_other_2"]}""".formatted(city, entity);
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (true) {
            ApiClient.Response page = api.post("/v1/decisions", TestServer.SERVICE_KEY, request);
            assertThat(page.status()).as(page.toString()).isEqualTo(200);
            if (page.json().path("results").get(0).path("sponsored").asBoolean() || Instant.now().isAfter(deadline)) {
                return page.json();
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
