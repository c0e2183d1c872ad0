package io.promo.app.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.promo.app.PromoApplication;
import io.promo.app.config.PromoConfig;
import io.promo.persistence.EmbeddedPostgresServer;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An ad schedule through the API (ADR 0036), on a promo of its own whose clock the test sets: a campaign scheduled to
 * business hours (weekdays 09–17) in berlin (UTC+1 in December) and london (UTC+0) is sponsored only within them, in
 * the searched city's local time, and its diagnostics answer SCHEDULE outside them; create, read and PATCH carry the
 * schedule; bad schedules are 400 (422 for a city the zone table does not know) naming the field, and write nothing.
 */
class AdScheduleHttpTest {

    private static final String ADMIN = "schedule-test-admin-key-0123456789abcdef";
    private static final String SERVICE = "schedule-test-service-key-0123456789abcd";
    private static final String BUSINESS_HOURS = "[{\"days\":[\"mon\",\"tue\",\"wed\",\"thu\",\"fri\"],\"from_hour\":9,\"to_hour\":17}]";
    /** 2026-12-10 is a thursday. */
    private static final Instant THURSDAY_NOON = Instant.parse("2026-12-10T12:00:00Z");

    private static final AtomicReference<Instant> NOW = new AtomicReference<>(THURSDAY_NOON);
    private static EmbeddedPostgresServer database;
    private static PromoApplication app;
    private static ApiClient api;
    private static String advertiserKey;

    /** The test's clock: what promo reads as now. */
    private static final class SetClock extends Clock {
        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return NOW.get();
        }
    }

    @BeforeAll
    static void start() {
        database = EmbeddedPostgresServer.start();
        app = PromoApplication.start(PromoConfig.load(Map.of(
                PromoConfig.DB_URL, database.jdbcUrl(),
                PromoConfig.HTTP_PORT, "0",
                PromoConfig.ADMIN_KEY, ADMIN,
                PromoConfig.SERVICE_KEY, SERVICE,
                "PROMO_CITY_ZONES", "berlin=Europe/Berlin,london=Europe/London"), Map.of(), new SecureRandom()),
                new SetClock(), recorder -> { });
        api = new ApiClient("http://127.0.0.1:" + app.port());
        advertiserKey = api.post("/v1/advertisers", ADMIN,
                "{\"user_id\":\"usr_sched\",\"default_payment_id\":\"cus_sched/pm_visa\"}").text("api_key");
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
        if (database != null) {
            database.close();
        }
    }

    private static String campaignJson(String entityId, String cities, String schedule) {
        return """
                {"target_entity_type":"service_profile","target_entity_id":"%s","name":"Business hours",
                 "surface":"people_search","format":"featured","city_targets":%s,"keyword_targets":[],
                 "start_date":"2026-12-01","cpc_cents":60,"daily_budget_cents":1500,"pacing_mode":"accelerated"%s}
                """.formatted(entityId, cities, schedule == null ? "" : ",\"schedule\":" + schedule);
    }

    private static String activeCampaign(String entityId, String schedule) {
        NOW.set(THURSDAY_NOON);
        ApiClient.Response created = api.post("/v1/campaigns", advertiserKey,
                campaignJson(entityId, "[\"berlin\",\"london\"]", schedule));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String id = created.text("campaign_id");
        assertThat(api.post("/v1/campaigns/" + id + "/topups", advertiserKey,
                "{\"amount_cents\":5000,\"idempotency_key\":\"" + entityId + "\"}").status()).isEqualTo(200);
        assertThat(api.post("/v1/campaigns/" + id + "/activate", advertiserKey, null).status()).isEqualTo(200);
        return id;
    }

    /** Whether a search in {@code city} at {@code at} shows {@code entityId} sponsored. */
    private static boolean sponsoredAt(String at, String city, String entityId) {
        NOW.set(Instant.parse(at));
        app.servingIndex().refresh();
        ApiClient.Response page = api.post("/v1/decisions", SERVICE, """
                {"surface":"people_search","city":"%s","query":"portrait",
                 "viewer":{"anon_fingerprint":"fp_sched"},"client":{"ip":"203.0.113.9","user_agent":"Mozilla/5.0"},
                 "organic_matches":["srv_sched_other","%s"]}""".formatted(city, entityId));
        assertThat(page.status()).as(page.toString()).isEqualTo(200);
        for (JsonNode result : page.json().path("results")) {
            if (result.path("sponsored").asBoolean() && result.path("entity_id").asText().equals(entityId)) {
                return true;
            }
        }
        return false;
    }

    private static String decidingReason(String campaignId, String city) {
        JsonNode diagnosis = api.get("/v1/campaigns/" + campaignId + "/diagnostics?city=" + city + "&query=portrait",
                advertiserKey).json();
        return diagnosis.path("shown").asBoolean() ? "shown" : diagnosis.path("deciding_reason").asText();
    }

    @Test
    void a_business_hours_campaign_is_sponsored_only_within_its_hours_in_the_searched_citys_time() {
        String id = activeCampaign("srv_sched_business", BUSINESS_HOURS);

        assertThat(sponsoredAt("2026-12-10T08:30:00Z", "berlin", "srv_sched_business")).as("09:30 in berlin").isTrue();
        assertThat(decidingReason(id, "berlin")).isEqualTo("shown");
        assertThat(sponsoredAt("2026-12-10T16:30:00Z", "berlin", "srv_sched_business")).as("17:30 in berlin").isFalse();
        assertThat(decidingReason(id, "berlin")).isEqualTo("SCHEDULE");
        assertThat(sponsoredAt("2026-12-10T16:30:00Z", "london", "srv_sched_business")).as("16:30 in london").isTrue();
        assertThat(sponsoredAt("2026-12-10T07:30:00Z", "berlin", "srv_sched_business")).as("08:30 in berlin").isFalse();
        assertThat(sponsoredAt("2026-12-12T11:00:00Z", "berlin", "srv_sched_business")).as("a saturday").isFalse();
        assertThat(decidingReason(id, "berlin")).isEqualTo("SCHEDULE");
    }

    @Test
    void create_read_and_patch_carry_the_schedule() {
        String id = activeCampaign("srv_sched_patch", BUSINESS_HOURS);
        JsonNode read = api.get("/v1/campaigns/" + id, advertiserKey).json();
        assertThat(read.path("schedule").toString()).isEqualTo(BUSINESS_HOURS);

        ApiClient.Response weekend = api.patch("/v1/campaigns/" + id, advertiserKey,
                "{\"schedule\":[{\"days\":[\"sun\",\"sat\"],\"from_hour\":0,\"to_hour\":24}]}");
        assertThat(weekend.status()).as(weekend.toString()).isEqualTo(200);
        assertThat(weekend.json().path("schedule").toString())
                .isEqualTo("[{\"days\":[\"sat\",\"sun\"],\"from_hour\":0,\"to_hour\":24}]");
        assertThat(sponsoredAt("2026-12-12T02:00:00Z", "berlin", "srv_sched_patch")).as("a saturday night").isTrue();
        assertThat(sponsoredAt("2026-12-10T12:00:00Z", "berlin", "srv_sched_patch")).as("a thursday").isFalse();

        ApiClient.Response renamed = api.patch("/v1/campaigns/" + id, advertiserKey, "{\"name\":\"Weekends\"}");
        assertThat(renamed.json().path("schedule").toString()).as("kept when not named").contains("sat");

        ApiClient.Response cleared = api.patch("/v1/campaigns/" + id, advertiserKey, "{\"schedule\":null}");
        assertThat(cleared.status()).as(cleared.toString()).isEqualTo(200);
        assertThat(cleared.json().path("schedule").toString()).isEqualTo("[]");
        assertThat(sponsoredAt("2026-12-10T12:00:00Z", "berlin", "srv_sched_patch")).as("every hour again").isTrue();

        ApiClient.Response none = api.post("/v1/campaigns", advertiserKey,
                campaignJson("srv_sched_none", "[\"paris\"]", null));
        assertThat(none.status()).as(none.toString()).isEqualTo(201);
        assertThat(none.json().path("schedule").toString()).isEqualTo("[]");
    }

    @Test
    void bad_schedules_are_refused_naming_the_field_and_write_nothing() {
        String id = activeCampaign("srv_sched_bad", BUSINESS_HOURS);
        String before = api.get("/v1/campaigns/" + id, advertiserKey).body();
        int campaigns = api.get("/v1/campaigns", advertiserKey).json().path("campaigns").size();
        record Case(String schedule, String cities, int status, String field) {
        }
        List<Case> cases = List.of(
                new Case("[{\"days\":[\"mon\"],\"from_hour\":9,\"to_hour\":9}]", "[\"berlin\"]", 400, "schedule[0].to_hour"),
                new Case("[{\"days\":[\"mon\"],\"from_hour\":17,\"to_hour\":9}]", "[\"berlin\"]", 400, "schedule[0].to_hour"),
                new Case("[{\"days\":[\"mon\"],\"from_hour\":9,\"to_hour\":17},{\"days\":[\"funday\"],\"from_hour\":9,"
                        + "\"to_hour\":17}]", "[\"berlin\"]", 400, "schedule[1].days"),
                new Case("[{\"days\":[],\"from_hour\":9,\"to_hour\":17}]", "[\"berlin\"]", 400, "schedule[0].days"),
                new Case("[{\"days\":[\"mon\"],\"from_hour\":9}]", "[\"berlin\"]", 400, "schedule[0].to_hour"),
                new Case("[{\"days\":[\"mon\"],\"from_hour\":-1,\"to_hour\":25}]", "[\"berlin\"]", 400, "schedule[0].from_hour"),
                new Case("[{\"days\":[\"mon\"],\"from_hour\":9,\"to_hour\":17,\"zone\":\"utc\"}]", "[\"berlin\"]", 400,
                        "schedule[0].zone"),
                new Case("\"weekdays\"", "[\"berlin\"]", 400, "schedule"),
                new Case("[" + String.join(",", java.util.Collections.nCopies(22,
                        "{\"days\":[\"mon\"],\"from_hour\":9,\"to_hour\":17}")) + "]", "[\"berlin\"]", 400, "schedule"),
                new Case(BUSINESS_HOURS, "[\"berlin\",\"paris\"]", 422, "schedule"));
        for (Case c : cases) {
            ApiClient.Response created = api.post("/v1/campaigns", advertiserKey,
                    campaignJson(Marketplace.unique("srv"), c.cities(), c.schedule()));
            assertProblem(created, c.status(), c.field());
            ApiClient.Response patched = api.patch("/v1/campaigns/" + id, advertiserKey,
                    "{\"city_targets\":" + c.cities() + ",\"schedule\":" + c.schedule() + "}");
            assertProblem(patched, c.status(), c.field());
        }
        ApiClient.Response toParis = api.patch("/v1/campaigns/" + id, advertiserKey, "{\"city_targets\":[\"paris\"]}");
        assertProblem(toParis, 422, "schedule");

        assertThat(api.get("/v1/campaigns/" + id, advertiserKey).body()).isEqualTo(before);
        assertThat(api.get("/v1/campaigns", advertiserKey).json().path("campaigns").size()).isEqualTo(campaigns);
    }

    private static void assertProblem(ApiClient.Response response, int status, String field) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.contentType()).as(response.toString()).startsWith("application/problem+json");
        List<String> fields = new ArrayList<>();
        response.json().path("errors").forEach(error -> fields.add(error.path("field").asText()));
        assertThat(fields).as(response.toString()).contains(field);
    }
}
