package io.promo.app.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/**
 * The rest of the story over a real port: the search service sends clicks, valid and not; the advertiser's
 * report agrees with its ledger; an admin credits the clicks of a period after the fact, once.
 */
class ClickAndReportHttpTest {

    private static final String IP = "203.0.113.77";
    private static final String USER_AGENT = "Mozilla/5.0 (Macintosh) UniqueTestAgent/4711";

    private final Marketplace market = new Marketplace();
    private final ApiClient api = market.api;

    @Test
    void clicks_are_billed_once_invalid_ones_never_and_the_report_agrees_with_the_ledger() throws Exception {
        String city = Marketplace.unique("city").toLowerCase();
        String entity = Marketplace.unique("srv");
        Marketplace.Advertiser lena = market.advertiser();
        String campaignId = market.campaign(lena, entity, city, 60);
        market.fund(lena, campaignId, 5000);
        assertThat(api.post("/v1/campaigns/" + campaignId + "/activate", lena.key(), null).status()).isEqualTo(200);
        String token = sponsoredToken(city, entity);

        JsonNode billed = click(token, "{\"anon_fingerprint\":\"fp_click_test\"}", USER_AGENT);
        JsonNode again = click(token, "{\"anon_fingerprint\":\"fp_click_test\"}", USER_AGENT);
        JsonNode bot = click(token, "{\"anon_fingerprint\":\"fp_other\"}", "Googlebot/2.1 (+http://www.google.com/bot.html)");
        JsonNode garbage = click("v1.not-a-token", "{\"anon_fingerprint\":\"fp_click_test\"}", USER_AGENT);
        JsonNode tampered = click(token.substring(0, token.length() - 2) + "xx", "{\"anon_fingerprint\":\"fp_x\"}", USER_AGENT);

        assertThat(billed.path("type").asText()).isEqualTo("click");
        assertThat(billed.path("billed_cents").asLong()).as("a lone bidder pays the 25¢ floor, not its 60¢ bid").isEqualTo(25);
        assertThat(billed.path("reason").isNull()).isTrue();
        for (JsonNode invalid : new JsonNode[] {again, bot, garbage, tampered}) {
            assertThat(invalid.path("type").asText()).as(invalid.toString()).isEqualTo("invalid_click");
            assertThat(invalid.path("billed_cents").asLong()).isZero();
            assertThat(invalid.path("reason").asText()).isNotBlank();
        }

        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        JsonNode report = api.get("/v1/campaigns/" + campaignId + "/report?from=" + today + "&to=" + today, lena.key()).json();
        JsonNode day = report.path("days").get(0);
        assertThat(day.path("clicks").asLong()).isEqualTo(1);
        assertThat(day.path("spend_cents").asLong()).isEqualTo(25);
        assertThat(day.path("invalid_clicks").size()).as(day.toString()).isGreaterThanOrEqualTo(2);
        long invalidCount = 0;
        for (JsonNode count : day.path("invalid_clicks")) {
            invalidCount += count.asLong();
        }
        // The garbage and the tampered token name no campaign that can be trusted: they are logged unattributed.
        assertThat(invalidCount).as("the duplicate and the bot click count for this campaign").isEqualTo(2);
        JsonNode balance = api.get("/v1/campaigns/" + campaignId + "/balance", lena.key()).json();
        assertThat(balance.path("spent_today_cents").asLong()).isEqualTo(day.path("spend_cents").asLong());
        assertThat(balance.path("balance_cents").asLong()).isEqualTo(5000 - 25);

        Marketplace.Advertiser other = market.advertiser();
        assertThat(api.get("/v1/campaigns/" + campaignId + "/report?from=" + today + "&to=" + today, other.key()).status())
                .isEqualTo(404);
        assertThat(api.get("/v1/advertisers/" + lena.id() + "/report?from=" + today + "&to=" + today, lena.key())
                .json().path("totals").path("spend_cents").asLong()).isEqualTo(25);

        String period = "{\"from\":\"" + Instant.now().minus(Duration.ofHours(1)) + "\",\"to\":\""
                + Instant.now().plus(Duration.ofMinutes(1)) + "\",\"reason\":\"click farm found later\"}";
        assertThat(api.post("/v1/campaigns/" + campaignId + "/invalid-clicks", lena.key(), period).status()).isEqualTo(403);
        JsonNode credited = api.post("/v1/campaigns/" + campaignId + "/invalid-clicks", TestServer.ADMIN_KEY, period).json();
        JsonNode creditedAgain = api.post("/v1/campaigns/" + campaignId + "/invalid-clicks", TestServer.ADMIN_KEY, period).json();
        assertThat(credited.path("newly_credited").asInt()).as(credited.toString()).isEqualTo(1);
        assertThat(credited.path("credited_now_cents").asLong()).isEqualTo(25);
        assertThat(creditedAgain.path("newly_credited").asInt()).isZero();
        assertThat(creditedAgain.path("already_credited").asInt()).isEqualTo(1);
        assertThat(api.get("/v1/campaigns/" + campaignId + "/balance", lena.key()).json().path("balance_cents").asLong())
                .isEqualTo(5000);

        TestServer.app().flushImpressions();
        assertThat(rowsMentioning(IP)).as("no raw ip in any table (I9)").isZero();
        assertThat(rowsMentioning("UniqueTestAgent")).as("no raw user agent in any table (I9)").isZero();
        assertThat(api.get("/metrics", null).body()).contains("promo_clicks_billed_total")
                .contains("promo_invalid_clicks_total{reason=").contains("promo_ingestion_buffer_depth");
    }

    @Test
    void a_click_the_document_cannot_read_is_400_and_writes_nothing_while_a_present_but_bad_one_is_logged_invalid() {
        var before = TestServer.databaseSnapshot();
        ApiClient.Response noClient = api.post("/v1/clicks", TestServer.SERVICE_KEY, "{\"click_token\":\"v1.abc\"}");
        ApiClient.Response nullToken = api.post("/v1/clicks", TestServer.SERVICE_KEY, """
                {"click_token":null,"viewer":{"anon_fingerprint":"fp_1"},"client":{"ip":"%s","user_agent":"%s"}}"""
                .formatted(IP, USER_AGENT));
        ApiClient.Response wrongType = api.post("/v1/clicks", TestServer.SERVICE_KEY, "{\"click_token\":42}");
        ApiClient.Response unknownField = api.post("/v1/clicks", TestServer.SERVICE_KEY,
                "{\"click_token\":\"v1.abc\",\"billed_cents\":0}");
        ApiClient.Response asAdvertiser = api.post("/v1/clicks", market.advertiser().key(), "{\"click_token\":\"v1.abc\"}");
        assertThat(noClient.status()).as(noClient.toString()).isEqualTo(400);
        assertThat(noClient.json().findValuesAsText("field")).contains("client", "viewer");
        assertThat(nullToken.status()).as(nullToken.toString()).isEqualTo(400);
        assertThat(nullToken.json().findValuesAsText("field")).containsExactly("click_token");
        assertThat(wrongType.status()).isEqualTo(400);
        assertThat(unknownField.status()).isEqualTo(400);
        assertThat(wrongType.contentType()).startsWith("application/problem+json");
        assertThat(asAdvertiser.status()).isEqualTo(403);
        var after = TestServer.databaseSnapshot();
        after.remove("promo_advertiser");
        after.remove("promo_advertiser_api_key");
        before.remove("promo_advertiser");
        before.remove("promo_advertiser_api_key");
        assertThat(after).as("no event written").isEqualTo(before);

        // Present but broken: a token that is no token, a viewer without an id. Logged with their reasons.
        JsonNode malformed = click("v1.abc", "{\"anon_fingerprint\":\"fp_1\"}", USER_AGENT);
        JsonNode noViewerId = click("v1.abc", "{}", USER_AGENT);
        assertThat(malformed.path("type").asText()).isEqualTo("invalid_click");
        assertThat(malformed.path("reason").asText()).isEqualTo("malformed_token");
        assertThat(malformed.path("event_id").asText()).startsWith("pevt_");
        assertThat(noViewerId.path("type").asText()).isEqualTo("invalid_click");
        assertThat(noViewerId.path("billed_cents").asLong()).isZero();
    }

    private JsonNode click(String token, String viewer, String userAgent) {
        ApiClient.Response response = api.post("/v1/clicks", TestServer.SERVICE_KEY, """
                {"click_token":"%s","viewer":%s,"client":{"ip":"%s","user_agent":"%s"}}"""
                .formatted(token, viewer, IP, userAgent));
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json();
    }

    private String sponsoredToken(String city, String entity) {
        String request = """
                {"surface":"people_search","role":"photographer","city":"%s","query":"portrait",
                 "viewer":{"anon_fingerprint":"fp_click_test"},"client":{"ip":"%s","user_agent":"%s"},
                 "organic_matches":["srv_a","%s","srv_b"]}""".formatted(city, IP, USER_AGENT, entity);
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (Instant.now().isBefore(deadline)) {
            JsonNode first = api.post("/v1/decisions", TestServer.SERVICE_KEY, request).json().path("results").get(0);
            if (first.path("sponsored").asBoolean()) {
                return first.path("click_token").asText();
            }
            sleep();
        }
        throw new AssertionError("the campaign was never sponsored");
    }

    private static long rowsMentioning(String raw) throws Exception {
        long rows = 0;
        try (Connection connection = TestServer.app().dataSource().getConnection();
             Statement statement = connection.createStatement();
             ResultSet tables = connection.createStatement().executeQuery(
                     "select tablename from pg_tables where schemaname = 'public'")) {
            while (tables.next()) {
                try (ResultSet count = statement.executeQuery("select count(*) from " + tables.getString(1)
                        + " t where t::text like '%" + raw.replace("'", "''") + "%'")) {
                    count.next();
                    rows += count.getLong(1);
                }
            }
        }
        return rows;
    }

    private static void sleep() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
