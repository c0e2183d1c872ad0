package io.promo.app.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * A frequency cap over a real port: authored, read, patched and removed on the campaign; a cap out of bounds is a 400
 * naming the field with nothing written; the decisions answer a memory token that the next decision passes back, and
 * a viewer past the cap is not shown the campaign, which the diagnosis names as FREQUENCY_CAP; a forged token is
 * ignored and counted by {@code promo_viewer_memory_tokens_total}.
 */
class FrequencyCapHttpTest {

    private static final String USER_AGENT = "Mozilla/5.0 (X11; Linux x86_64) FrequencyCapTest/1.0";

    private final Marketplace market = new Marketplace();
    private final ApiClient api = market.api;

    @Test
    void a_cap_is_authored_read_patched_and_removed_and_a_cap_out_of_bounds_is_400_naming_the_field() {
        Marketplace.Advertiser lena = market.advertiser();
        String city = Marketplace.unique("city").toLowerCase();
        String entity = Marketplace.unique("srv");
        ApiClient.Response created = api.post("/v1/campaigns", lena.key(), withCap(Marketplace.campaignJson(entity, city, 60),
                "{\"impressions\":2,\"period_hours\":24}"));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String id = created.text("campaign_id");
        assertThat(created.json().path("frequency_cap").toString()).isEqualTo("{\"impressions\":2,\"period_hours\":24}");

        for (String[] bad : new String[][] {
            {"{\"impressions\":0,\"period_hours\":24}", "frequency_cap.impressions"},
            {"{\"impressions\":-1,\"period_hours\":24}", "frequency_cap.impressions"},
            {"{\"impressions\":11,\"period_hours\":24}", "frequency_cap.impressions"},
            {"{\"impressions\":2,\"period_hours\":0}", "frequency_cap.period_hours"},
            {"{\"impressions\":2,\"period_hours\":169}", "frequency_cap.period_hours"},
            {"{\"impressions\":2}", "frequency_cap.period_hours"},
            {"{\"impressions\":2,\"period_hours\":24,\"per\":\"viewer\"}", "frequency_cap.per"},
            {"3", "frequency_cap"}}) {
            ApiClient.Response refused = api.post("/v1/campaigns", lena.key(),
                    withCap(Marketplace.campaignJson(Marketplace.unique("srv"), city, 60), bad[0]));
            assertThat(refused.status()).as(bad[0] + " " + refused).isEqualTo(400);
            assertThat(refused.body()).as(bad[0]).contains(bad[1]);
            ApiClient.Response patched = api.patch("/v1/campaigns/" + id, lena.key(), "{\"frequency_cap\":" + bad[0] + "}");
            assertThat(patched.status()).as(bad[0] + " " + patched).isEqualTo(400);
            assertThat(patched.body()).as(bad[0]).contains(bad[1]);
        }
        assertThat(api.get("/v1/campaigns/" + id, lena.key()).json().path("frequency_cap").path("impressions").asInt())
                .as("nothing written").isEqualTo(2);
        assertThat(api.get("/v1/campaigns", lena.key()).json().path("campaigns").size())
                .as("no campaign created by a refused POST").isEqualTo(1);

        ApiClient.Response changed = api.patch("/v1/campaigns/" + id, lena.key(),
                "{\"frequency_cap\":{\"impressions\":5,\"period_hours\":1}}");
        assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
        assertThat(changed.json().path("frequency_cap").path("period_hours").asInt()).isEqualTo(1);
        ApiClient.Response renamed = api.patch("/v1/campaigns/" + id, lena.key(), "{\"name\":\"Renamed\"}");
        assertThat(renamed.json().path("frequency_cap").path("impressions").asInt()).as("kept when not named").isEqualTo(5);
        ApiClient.Response removed = api.patch("/v1/campaigns/" + id, lena.key(), "{\"frequency_cap\":null}");
        assertThat(removed.status()).as(removed.toString()).isEqualTo(200);
        assertThat(removed.json().path("frequency_cap").isNull()).isTrue();
        assertThat(api.get("/v1/campaigns/" + id, lena.key()).json().path("frequency_cap").isNull()).isTrue();
    }

    @Test
    void a_viewer_passing_the_token_sees_a_2_per_day_campaign_twice_and_the_diagnosis_says_frequency_cap() throws Exception {
        Marketplace.Advertiser omar = market.advertiser();
        String city = Marketplace.unique("city").toLowerCase();
        String entity = Marketplace.unique("srv");
        ApiClient.Response created = api.post("/v1/campaigns", omar.key(), withCap(Marketplace.campaignJson(entity, city, 60),
                "{\"impressions\":2,\"period_hours\":24}"));
        String id = created.text("campaign_id");
        market.fund(omar, id, 5000);
        assertThat(api.post("/v1/campaigns/" + id + "/activate", omar.key(), null).status()).isEqualTo(200);
        String viewer = Marketplace.unique("fp");

        JsonNode first = decideUntilShown(city, entity, viewer);
        String token = first.path("memory_token").asText();
        assertThat(token).startsWith("m1.");
        JsonNode second = decide(city, entity, viewer, token);
        assertThat(sponsored(second)).as(second.toString()).isEqualTo(1);
        token = second.path("memory_token").asText();
        JsonNode third = decide(city, entity, viewer, token);
        assertThat(sponsored(third)).as("past the cap: " + third).isZero();
        assertThat(third.path("memory_token").asText()).as("nothing capped placed: the token comes back as it was")
                .isEqualTo(token);
        assertThat(sponsored(decide(city, entity, viewer, null))).as("without the token: this page only").isEqualTo(1);
        assertThat(sponsored(decide(city, entity, Marketplace.unique("fp"), token)))
                .as("another viewer's token is not trusted").isEqualTo(1);

        String diagnosis = "/v1/campaigns/" + id + "/diagnostics?city=" + city + "&query=portrait&anon_fingerprint="
                + viewer + "&memory_token=" + URLEncoder.encode(token, StandardCharsets.UTF_8);
        JsonNode diagnosed = api.get(diagnosis, omar.key()).json();
        assertThat(diagnosed.path("deciding_reason").asText()).as(diagnosed.toString()).isEqualTo("FREQUENCY_CAP");
        assertThat(diagnosed.path("shown").asBoolean()).isFalse();
        JsonNode withoutToken = api.get("/v1/campaigns/" + id + "/diagnostics?city=" + city + "&query=portrait",
                omar.key()).json();
        assertThat(withoutToken.path("shown").asBoolean()).as(withoutToken.toString()).isTrue();
        ApiClient.Response noViewer = api.get("/v1/campaigns/" + id + "/diagnostics?city=" + city + "&memory_token="
                + URLEncoder.encode(token, StandardCharsets.UTF_8), omar.key());
        assertThat(noViewer.status()).as(noViewer.toString()).isEqualTo(400);
        assertThat(noViewer.body()).contains("viewer");

        String oversized = "m1." + "A".repeat(2 * 1_200);
        JsonNode nothingCapped = decide(city, Marketplace.unique("srv_unpromoted"), viewer, oversized);
        assertThat(nothingCapped.path("memory_token").isNull()).as("an oversized token is not handed back: "
                + nothingCapped.path("memory_token").asText().length() + " characters").isTrue();

        long forgedBefore = forgedTokens();
        String forged = token.substring(0, token.length() - 2) + (token.endsWith("AA") ? "BA" : "AA");
        JsonNode answered = decide(city, entity, viewer, forged);
        assertThat(sponsored(answered)).as("a forged token is ignored: the decision answers as if none").isEqualTo(1);
        assertThat(forgedTokens()).isGreaterThan(forgedBefore);
    }

    private long forgedTokens() {
        return api.get("/metrics", null).body().lines()
                .filter(line -> line.startsWith("promo_viewer_memory_tokens_total{reading=\"forged\"}"))
                .mapToLong(line -> (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .findFirst().orElse(0);
    }

    private static String withCap(String campaignJson, String cap) {
        String trimmed = campaignJson.trim();
        return trimmed.substring(0, trimmed.length() - 1) + ",\"frequency_cap\":" + cap + "}";
    }

    private JsonNode decideUntilShown(String city, String entity, String viewer) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (true) {
            JsonNode page = decide(city, entity, viewer, null);
            if (sponsored(page) == 1) {
                return page;
            }
            assertThat(page.path("memory_token").isNull()).as(page.toString()).isTrue();
            assertThat(Instant.now()).as("the campaign is never shown: " + page).isBefore(deadline);
            Thread.sleep(100);
        }
    }

    private JsonNode decide(String city, String entity, String viewer, String token) {
        ApiClient.Response response = api.post("/v1/decisions", TestServer.SERVICE_KEY, """
                {"surface":"people_search","city":"%s","query":"portrait",
                 "viewer":{"anon_fingerprint":"%s"},"client":{"ip":"203.0.113.50","user_agent":"%s"},
                 "organic_matches":["srv_x","%s"],"memory_token":%s}"""
                .formatted(city, viewer, USER_AGENT, entity, token == null ? "null" : "\"" + token + "\""));
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json();
    }

    private static int sponsored(JsonNode page) {
        int count = 0;
        for (JsonNode result : page.path("results")) {
            count += result.path("sponsored").asBoolean() ? 1 : 0;
        }
        return count;
    }
}
