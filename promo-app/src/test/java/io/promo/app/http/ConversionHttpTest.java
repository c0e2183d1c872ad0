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
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Conversions over a real port (ADR 0035): a click, then a booking and an inquiry credited to it, replays, bad input
 * that writes nothing, the report's figures and its CSV checked against what was sent, and a credit of the click
 * taking its conversions out of the report.
 */
class ConversionHttpTest {

    private static final String IP = "203.0.113.78";
    private static final String USER_AGENT = "Mozilla/5.0 (X11) ConversionTestAgent/1";

    private final Marketplace market = new Marketplace();
    private final ApiClient api = market.api;

    @Test
    void conversions_are_recorded_once_credited_to_the_billed_click_and_reported_with_cost_and_roas() throws Exception {
        String city = Marketplace.unique("city").toLowerCase();
        String entity = Marketplace.unique("srv");
        String fingerprint = Marketplace.unique("fp_conv_raw");
        // The city's floor is the campaign's bid, so its lone click pays 60¢ under the second price too.
        assertThat(api.put("/v1/policies", TestServer.ADMIN_KEY, """
                {"surface":"people_search","city":"%s","cpc_floor_cents":60,"max_density_top20":2,"max_above_fold":1}"""
                .formatted(city)).status()).isEqualTo(200);
        Marketplace.Advertiser lena = market.advertiser();
        String campaignId = market.campaign(lena, entity, city, 60);
        market.fund(lena, campaignId, 5000);
        assertThat(api.post("/v1/campaigns/" + campaignId + "/activate", lena.key(), null).status()).isEqualTo(200);
        JsonNode click = click(sponsoredToken(city, entity, fingerprint), fingerprint);
        String clickId = click.path("event_id").asText();
        assertThat(click.path("billed_cents").asLong()).isEqualTo(60);
        // Seconds, as a marketplace may send them: a conversion a fraction of a second "before" its click is at it.
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);

        String booking = conversion("bk-" + clickId, "booking", "\"value_cents\":12000,\"currency\":\"USD\",", now,
                "\"click_id\":\"" + clickId + "\"");
        ApiClient.Response recorded = api.post("/v1/conversions", TestServer.SERVICE_KEY, booking);
        ApiClient.Response replay = api.post("/v1/conversions", TestServer.SERVICE_KEY, booking);
        ApiClient.Response inquiry = api.post("/v1/conversions", TestServer.SERVICE_KEY, conversion("inq-" + clickId,
                "inquiry", "", now, "\"viewer\":{\"anon_fingerprint\":\"" + fingerprint + "\"},"
                        + "\"entity_type\":\"service_profile\",\"entity_id\":\"" + entity + "\""));

        assertThat(recorded.status()).as(recorded.toString()).isEqualTo(201);
        assertThat(recorded.json().path("attribution").asText()).isEqualTo("attributed");
        assertThat(recorded.json().path("click_id").asText()).isEqualTo(clickId);
        assertThat(recorded.json().path("campaign_id").asText()).isEqualTo(campaignId);
        assertThat(recorded.json().path("currency").asText()).isEqualTo("USD");
        assertThat(replay.status()).as(replay.toString()).isEqualTo(200);
        assertThat(replay.json()).isEqualTo(recorded.json());
        assertThat(inquiry.status()).as(inquiry.toString()).isEqualTo(201);
        assertThat(inquiry.json().path("click_id").asText()).as("by viewer: the same click").isEqualTo(clickId);

        long stored = conversions();
        ApiClient.Response otherValue = api.post("/v1/conversions", TestServer.SERVICE_KEY,
                booking.replace("12000", "13000"));
        assertThat(otherValue.status()).as(otherValue.toString()).isEqualTo(409);
        assertThat(otherValue.json().path("detail").asText()).contains("value_cents");
        Map<String, ApiClient.Response> bad = Map.of(
                "occurred_at future", api.post("/v1/conversions", TestServer.SERVICE_KEY, conversion("c-future", "booking", "",
                        now.plus(Duration.ofDays(1)), "\"click_id\":\"" + clickId + "\"")),
                "occurred_at before click", api.post("/v1/conversions", TestServer.SERVICE_KEY, conversion("c-early", "booking", "",
                        now.minus(Duration.ofHours(1)), "\"click_id\":\"" + clickId + "\"")),
                "type unknown", api.post("/v1/conversions", TestServer.SERVICE_KEY, conversion("c-type", "purchase", "", now,
                        "\"click_id\":\"" + clickId + "\"")),
                "currency other", api.post("/v1/conversions", TestServer.SERVICE_KEY, conversion("c-eur", "booking",
                        "\"value_cents\":100,\"currency\":\"EUR\",", now, "\"click_id\":\"" + clickId + "\"")),
                "click_id both", api.post("/v1/conversions", TestServer.SERVICE_KEY, conversion("c-both", "booking", "", now,
                        "\"click_id\":\"" + clickId + "\",\"viewer\":{\"user_id\":\"usr_x\"}")));
        bad.forEach((what, response) -> {
            assertThat(response.status()).as(what + ": " + response).isEqualTo(422);
            assertThat(response.json().findValuesAsText("field")).as(what).contains(what.substring(0, what.indexOf(' ')));
        });
        Map<String, ApiClient.Response> malformed = Map.of(
                "value_cents", api.post("/v1/conversions", TestServer.SERVICE_KEY, conversion("c-neg", "booking",
                        "\"value_cents\":-1,\"currency\":\"USD\",", now, "\"click_id\":\"" + clickId + "\"")),
                "click_id", api.post("/v1/conversions", TestServer.SERVICE_KEY, conversion("c-id", "booking", "", now,
                        "\"click_id\":\"pcmp_not_a_click\"")),
                "occurred_at", api.post("/v1/conversions", TestServer.SERVICE_KEY,
                        "{\"conversion_id\":\"c-no-time\",\"type\":\"booking\",\"click_id\":\"" + clickId + "\"}"));
        malformed.forEach((field, response) -> {
            assertThat(response.status()).as(field + ": " + response).isEqualTo(400);
            assertThat(response.json().findValuesAsText("field")).as(field).contains(field);
        });
        assertThat(api.post("/v1/conversions", lena.key(), booking).status()).isEqualTo(403);
        assertThat(conversions()).as("nothing written by a refused conversion").isEqualTo(stored);

        ApiClient.Response unknown = api.post("/v1/conversions", TestServer.SERVICE_KEY, conversion(Marketplace.unique("c"),
                "booking", "", now, "\"click_id\":\"pevt_00000000000000000000000000\""));
        assertThat(unknown.status()).isEqualTo(201);
        assertThat(unknown.json().path("attribution").asText()).isEqualTo("unattributed");
        assertThat(unknown.json().path("unattributed_reason").asText()).isEqualTo("unknown_click");

        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        String period = "?from=" + today + "&to=" + today;
        JsonNode day = api.get("/v1/campaigns/" + campaignId + "/report" + period, lena.key()).json().path("days").get(0);
        JsonNode conversions = day.path("conversions");
        assertThat(conversions.path("conversions").asLong()).as(day.toString()).isEqualTo(2);
        assertThat(conversions.path("by_type").path("booking").path("value_cents").asLong()).isEqualTo(12000);
        assertThat(conversions.path("by_type").path("inquiry").path("conversions").asLong()).isEqualTo(1);
        assertThat(conversions.path("by_type").path("inquiry").path("cost_per_conversion_cents").asLong()).isEqualTo(60);
        assertThat(conversions.path("value_cents").asLong()).isEqualTo(12000);
        assertThat(conversions.path("cost_per_conversion_cents").asLong()).isEqualTo(30);
        assertThat(conversions.path("roas").asDouble()).isEqualTo(200.0);
        assertThat(conversions.path("conversion_rate").asDouble()).isEqualTo(2.0);
        JsonNode advertiser = api.get("/v1/advertisers/" + lena.id() + "/report" + period, lena.key()).json();
        assertThat(advertiser.path("totals").path("conversions").path("conversions").asLong()).isEqualTo(2);
        assertThat(advertiser.path("campaigns").get(0).path("totals").path("conversions").path("roas").asDouble()).isEqualTo(200.0);

        ApiClient.Response csv = api.get("/v1/campaigns/" + campaignId + "/report.csv" + period, lena.key());
        assertThat(csv.status()).as(csv.toString()).isEqualTo(200);
        assertThat(csv.contentType()).startsWith("text/csv");
        String[] lines = csv.body().split("\r\n");
        assertThat(lines).hasSize(2);
        Map<String, String> row = row(lines[0], lines[1]);
        assertThat(row).containsEntry("campaign_id", campaignId).containsEntry("day", today.toString())
                .containsEntry("spend_cents", "60").containsEntry("conversions", "2")
                .containsEntry("conversion_value_cents", "12000").containsEntry("cost_per_conversion_cents", "30")
                .containsEntry("roas", "200.0000").containsEntry("booking_conversions", "1")
                .containsEntry("cost_per_inquiry_cents", "60");
        ApiClient.Response advertiserCsv = api.get("/v1/advertisers/" + lena.id() + "/report.csv" + period, lena.key());
        assertThat(advertiserCsv.status()).isEqualTo(200);
        assertThat(advertiserCsv.body().split("\r\n")).hasSize(2);
        assertThat(api.get("/v1/campaigns/" + campaignId + "/report.csv" + period, market.advertiser().key()).status())
                .isEqualTo(404);

        String credit = "{\"from\":\"" + now.minus(Duration.ofHours(1)) + "\",\"to\":\"" + Instant.now().plusSeconds(60)
                + "\",\"reason\":\"click farm\"}";
        assertThat(api.post("/v1/campaigns/" + campaignId + "/invalid-clicks", TestServer.ADMIN_KEY, credit).status()).isEqualTo(200);
        JsonNode afterCredit = api.get("/v1/campaigns/" + campaignId + "/report" + period, lena.key()).json()
                .path("days").get(0).path("conversions");
        assertThat(afterCredit.path("conversions").asLong()).as("a credited click earns nothing").isZero();
        assertThat(afterCredit.path("roas").isNull()).isTrue();
        ApiClient.Response onCredited = api.post("/v1/conversions", TestServer.SERVICE_KEY, conversion("late-" + clickId,
                "booking", "", Instant.now(), "\"click_id\":\"" + clickId + "\""));
        assertThat(onCredited.json().path("unattributed_reason").asText()).isEqualTo("click_credited");
        assertThat(api.post("/v1/conversions", TestServer.SERVICE_KEY, booking).status())
                .as("the stored answer stays what it was").isEqualTo(200);

        assertThat(rowsMentioning(fingerprint)).as("no raw fingerprint in any table (I9)").isZero();
    }

    private static String conversion(String id, String type, String value, Instant at, String subject) {
        return "{\"conversion_id\":\"" + id + "\",\"type\":\"" + type + "\"," + value + "\"occurred_at\":\"" + at + "\","
                + subject + "}";
    }

    private static Map<String, String> row(String header, String line) {
        String[] names = header.split(",", -1);
        String[] cells = line.split(",", -1);
        assertThat(cells).hasSameSizeAs(names);
        Map<String, String> row = new java.util.HashMap<>();
        for (int i = 0; i < names.length; i++) {
            row.put(names[i], cells[i]);
        }
        return row;
    }

    private JsonNode click(String token, String fingerprint) {
        ApiClient.Response response = api.post("/v1/clicks", TestServer.SERVICE_KEY, """
                {"click_token":"%s","viewer":{"anon_fingerprint":"%s"},"client":{"ip":"%s","user_agent":"%s"}}"""
                .formatted(token, fingerprint, IP, USER_AGENT));
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json();
    }

    private String sponsoredToken(String city, String entity, String fingerprint) throws InterruptedException {
        String request = """
                {"surface":"people_search","role":"photographer","city":"%s","query":"portrait",
                 "viewer":{"anon_fingerprint":"%s"},"client":{"ip":"%s","user_agent":"%s"},
                 "organic_matches":["srv_a","%s","srv_b"]}""".formatted(city, fingerprint, IP, USER_AGENT, entity);
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (Instant.now().isBefore(deadline)) {
            JsonNode first = api.post("/v1/decisions", TestServer.SERVICE_KEY, request).json().path("results").get(0);
            if (first.path("sponsored").asBoolean()) {
                return first.path("click_token").asText();
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the campaign was never sponsored");
    }

    private static long conversions() throws Exception {
        try (Connection connection = TestServer.app().dataSource().getConnection();
             Statement statement = connection.createStatement();
             ResultSet count = statement.executeQuery("select count(*) from promo_conversion")) {
            count.next();
            return count.getLong(1);
        }
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
}
