package io.promo.app.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Paid beside bid over a real port: two advertisers' campaigns on one page pay their second prices, and the reports
 * show each campaign's average bid beside its average paid CPC and the savings (bid - paid); a day before reads 0.
 * The ledger's listing shows a click's bid beside the price it paid.
 */
class SecondPriceSavingsHttpTest {

    private static final String USER_AGENT = "Mozilla/5.0 (X11; Linux x86_64) SavingsTest/1.0";

    private final Marketplace market = new Marketplace();
    private final ApiClient api = market.api;

    @Test
    void clicks_on_a_two_campaign_page_pay_the_second_price_and_the_reports_show_the_bid_and_the_savings() throws Exception {
        String city = Marketplace.unique("city").toLowerCase();
        ApiClient.Response policy = api.put("/v1/policies", TestServer.ADMIN_KEY, """
                {"surface":"people_search","city":"%s","cpc_floor_cents":40,"max_density_top20":2,"max_above_fold":1}"""
                .formatted(city));
        assertThat(policy.status()).as(policy.toString()).isEqualTo(200);
        String highEntity = Marketplace.unique("srv");
        String lowEntity = Marketplace.unique("srv");
        Marketplace.Advertiser lena = market.advertiser();
        Marketplace.Advertiser omar = market.advertiser();
        String high = market.activeCampaign(lena, highEntity, city, 90);
        String low = market.activeCampaign(omar, lowEntity, city, 60);

        List<JsonNode> sponsored = sponsoredUntilBoth(city, highEntity, lowEntity);
        JsonNode top = sponsored.get(0);
        JsonNode second = sponsored.get(1);
        assertThat(top.path("campaign_id").asText()).isEqualTo(high);
        assertThat(top.path("cpc_cents").asLong()).isEqualTo(90);
        long topPrice = top.path("price_cents").asLong();
        assertThat(topPrice).as("the top slot pays what keeps it against the 60¢ bid, below its own 90¢")
                .isGreaterThan(40).isLessThan(90);
        assertThat(second.path("campaign_id").asText()).isEqualTo(low);
        assertThat(second.path("price_cents").asLong()).as("nobody below it: the 40¢ floor").isEqualTo(40);

        assertThat(click(top, "fp_savings_1", "203.0.113.41").path("billed_cents").asLong()).isEqualTo(topPrice);
        assertThat(click(second, "fp_savings_2", "203.0.113.42").path("billed_cents").asLong()).isEqualTo(40);

        JsonNode ledger = api.get("/v1/campaigns/" + high + "/ledger", lena.key()).json();
        JsonNode spend = ledger.path("entries").get(0);
        assertThat(spend.path("kind").asText()).as(ledger.toString()).isEqualTo("spend");
        assertThat(spend.path("amount_cents").asLong()).as("the ledger holds what the click paid").isEqualTo(topPrice);
        assertThat(spend.path("bid_cents").asLong()).as("and shows the bid beside it").isEqualTo(90);
        JsonNode topUp = ledger.path("entries").get(1);
        assertThat(topUp.path("kind").asText()).isEqualTo("topup");
        assertThat(topUp.path("bid_cents").isNull()).as("a top-up has no bid").isTrue();

        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        JsonNode highReport = report(lena, high, today.minusDays(1), today);
        JsonNode todayFigures = highReport.path("days").get(1);
        assertThat(todayFigures.path("avg_cpc_cents").asLong()).as(todayFigures.toString()).isEqualTo(topPrice);
        assertThat(todayFigures.path("avg_bid_cents").asLong()).isEqualTo(90);
        assertThat(todayFigures.path("savings_cents").asLong()).as("bid - paid").isEqualTo(90 - topPrice);
        JsonNode yesterday = highReport.path("days").get(0);
        assertThat(yesterday.path("savings_cents").asLong()).as("a day before: 0, not an error").isZero();
        assertThat(yesterday.path("avg_bid_cents").isNull()).isTrue();
        assertThat(highReport.path("totals").path("savings_cents").asLong()).isEqualTo(90 - topPrice);
        JsonNode lowTotals = report(omar, low, today, today).path("totals");
        assertThat(lowTotals.path("avg_cpc_cents").asLong()).isEqualTo(40);
        assertThat(lowTotals.path("avg_bid_cents").asLong()).isEqualTo(60);
        assertThat(lowTotals.path("savings_cents").asLong()).isEqualTo(20);
        JsonNode advertiser = api.get("/v1/advertisers/" + omar.id() + "/report?from=" + today + "&to=" + today,
                omar.key()).json();
        assertThat(advertiser.path("totals").path("savings_cents").asLong()).as(advertiser.toString()).isEqualTo(20);
        assertThat(advertiser.path("campaigns").get(0).path("totals").path("avg_bid_cents").asLong()).isEqualTo(60);
    }

    @Test
    void a_citys_first_price_policy_bills_each_click_its_bid_until_the_policy_leaves_the_mode_out_again() throws Exception {
        String city = Marketplace.unique("city").toLowerCase();
        String firstPrice = """
                {"surface":"people_search","city":"%s","cpc_floor_cents":40,"max_density_top20":2,"max_above_fold":1,
                 "pricing_mode":"first_price"}""".formatted(city);
        ApiClient.Response policy = api.put("/v1/policies", TestServer.ADMIN_KEY, firstPrice);
        assertThat(policy.status()).as(policy.toString()).isEqualTo(200);
        assertThat(policy.json().path("pricing_mode").asText()).isEqualTo("first_price");
        String highEntity = Marketplace.unique("srv");
        String lowEntity = Marketplace.unique("srv");
        String high = market.activeCampaign(market.advertiser(), highEntity, city, 90);
        market.activeCampaign(market.advertiser(), lowEntity, city, 60);

        List<JsonNode> sponsored = sponsoredUntilBoth(city, highEntity, lowEntity);
        assertThat(sponsored).extracting(result -> result.path("price_cents").asLong()).as("each its bid")
                .containsExactly(90L, 60L);
        assertThat(click(sponsored.get(0), "fp_first_1", "203.0.113.51").path("billed_cents").asLong()).isEqualTo(90);

        ApiClient.Response unknown = api.put("/v1/policies", TestServer.ADMIN_KEY,
                firstPrice.replace("first_price", "vickrey"));
        assertThat(unknown.status()).as(unknown.toString()).isEqualTo(400);
        assertThat(unknown.body()).contains("\"pricing_mode\"");
        ApiClient.Response deployments = api.put("/v1/policies", TestServer.ADMIN_KEY,
                firstPrice.replace(",\n \"pricing_mode\":\"first_price\"", ""));
        assertThat(deployments.status()).as(deployments.toString()).isEqualTo(200);
        assertThat(deployments.json().path("pricing_mode").isNull()).as(deployments.toString()).isTrue();

        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        long topPrice;
        while ((topPrice = sponsoredUntilBoth(city, highEntity, lowEntity).get(0).path("price_cents").asLong()) == 90) {
            assertThat(Instant.now()).as("the deployment's second price never came back").isBefore(deadline);
            Thread.sleep(100);
        }
        assertThat(topPrice).as("the deployment's second price again").isGreaterThan(40).isLessThan(90);
        // I4: a result served under the policy's first price is billed what its token says, whatever the policy is now.
        assertThat(click(sponsored.get(1), "fp_first_2", "203.0.113.52").path("billed_cents").asLong()).isEqualTo(60);
        assertThat(api.get("/v1/campaigns/" + high + "/ledger", TestServer.ADMIN_KEY).json().path("entries").get(0)
                .path("amount_cents").asLong()).as("the click billed under the policy").isEqualTo(90);
    }

    /** The page's sponsored results, once the index has both campaigns (it is rebuilt every second). */
    private List<JsonNode> sponsoredUntilBoth(String city, String first, String second) throws InterruptedException {
        String request = """
                {"surface":"people_search","city":"%s","query":"portrait",
                 "viewer":{"anon_fingerprint":"fp_savings"},"client":{"ip":"203.0.113.40","user_agent":"%s"},
                 "organic_matches":["srv_x","%s","srv_y","%s","srv_z"]}""".formatted(city, USER_AGENT, first, second);
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (true) {
            List<JsonNode> sponsored = new ArrayList<>();
            api.post("/v1/decisions", TestServer.SERVICE_KEY, request).json().path("results").forEach(result -> {
                if (result.path("sponsored").asBoolean()) {
                    sponsored.add(result);
                }
            });
            if (sponsored.size() == 2) {
                return sponsored;
            }
            assertThat(Instant.now()).as("both campaigns are never sponsored: " + sponsored).isBefore(deadline);
            Thread.sleep(100);
        }
    }

    private JsonNode click(JsonNode result, String fingerprint, String ip) {
        ApiClient.Response response = api.post("/v1/clicks", TestServer.SERVICE_KEY, """
                {"click_token":"%s","viewer":{"anon_fingerprint":"%s"},"client":{"ip":"%s","user_agent":"%s"}}"""
                .formatted(result.path("click_token").asText(), fingerprint, ip, USER_AGENT));
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json();
    }

    private JsonNode report(Marketplace.Advertiser owner, String campaignId, LocalDate from, LocalDate to) {
        ApiClient.Response response = api.get("/v1/campaigns/" + campaignId + "/report?from=" + from + "&to=" + to,
                owner.key());
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json();
    }
}
