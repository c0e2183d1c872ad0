package io.promo.app.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad input on every kind of route: malformed JSON, wrong types, missing and unknown fields, unknown enum
 * values, negative and huge amounts, oversize bodies, missing and wrong keys. Each answer is a 4xx
 * {@code application/problem+json} naming what was wrong, and the database is exactly as before.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadInputTest {

    private static final String ADMIN = TestServer.ADMIN_KEY;
    private static final String SERVICE = TestServer.SERVICE_KEY;

    private final Marketplace market = new Marketplace();
    private final ApiClient api = market.api;
    private Marketplace.Advertiser lena;
    private String campaign;

    /** One bad request: who sends what where, and what must come back. */
    record Case(String name, String method, String path, String key, String body, int status, String field) {
        @Override
        public String toString() {
            return name;
        }
    }

    @BeforeAll
    void an_advertiser_with_a_campaign() {
        lena = market.advertiser();
        campaign = market.campaign(lena, Marketplace.unique("srv"), "berlin", 60);
    }

    Stream<Case> cases() {
        String lenaKey = lena.key();
        String campaigns = "/v1/campaigns";
        String one = campaigns + "/" + campaign;
        String valid = Marketplace.campaignJson("srv_valid", "berlin", 60);
        String decision = """
                {"surface":"people_search","city":"berlin","viewer":{"user_id":"usr_1"},
                 "client":{"ip":"203.0.113.7","user_agent":"UA"},"organic_matches":["srv_1"]}""";
        String click = "{\"click_token\":\"t\",\"viewer\":{\"user_id\":\"usr_1\"},"
                + "\"client\":{\"ip\":\"203.0.113.7\",\"user_agent\":\"UA\"}}";
        List<Case> cases = new ArrayList<>(List.of(
                new Case("malformed JSON", "POST", campaigns, lenaKey, "{\"name\": ", 400, null),
                new Case("trailing garbage", "POST", campaigns, lenaKey, valid + "}", 400, null),
                new Case("empty body", "POST", campaigns, lenaKey, "", 400, null),
                new Case("an array instead of an object", "POST", campaigns, lenaKey, "[1,2]", 400, null),
                new Case("a duplicated field", "PUT", "/v1/policies", ADMIN,
                        "{\"surface\":\"people_search\",\"surface\":\"studio_search\"}", 400, null),
                new Case("nesting too deep", "POST", "/v1/decisions", SERVICE,
                        "{\"viewer\":" + "[".repeat(100) + "]".repeat(100) + "}", 400, null),
                new Case("every field missing", "POST", campaigns, lenaKey, "{}", 400, "target_entity_type"),
                new Case("cpc as a string", "POST", campaigns, lenaKey, valid.replace("\"cpc_cents\":60", "\"cpc_cents\":\"60\""), 400, "cpc_cents"),
                new Case("cpc as a fraction", "POST", campaigns, lenaKey, valid.replace("\"cpc_cents\":60", "\"cpc_cents\":60.5"), 400, "cpc_cents"),
                new Case("cpc beyond any integer", "POST", campaigns, lenaKey, valid.replace("\"cpc_cents\":60", "\"cpc_cents\":1" + "0".repeat(30)), 400, "cpc_cents"),
                // A double would read these as 60 and 0: promo reads decimals exactly, and rounds nothing.
                new Case("cpc a hair above a whole number", "POST", campaigns, lenaKey, valid.replace("\"cpc_cents\":60", "\"cpc_cents\":60.0000000000000001"), 400, "cpc_cents"),
                new Case("cpc a vanishing fraction", "POST", campaigns, lenaKey, valid.replace("\"cpc_cents\":60", "\"cpc_cents\":1e-999999999"), 400, "cpc_cents"),
                new Case("cpc with an exponent beyond any integer", "POST", campaigns, lenaKey, valid.replace("\"cpc_cents\":60", "\"cpc_cents\":1e999999999"), 400, "cpc_cents"),
                new Case("cpc with an exponent beyond any scale", "POST", campaigns, lenaKey, valid.replace("\"cpc_cents\":60", "\"cpc_cents\":10E2147483648"), 400, "cpc_cents"),
                new Case("cpc with a negative exponent beyond any scale", "POST", campaigns, lenaKey, valid.replace("\"cpc_cents\":60", "\"cpc_cents\":1E-2147483649"), 400, "cpc_cents"),
                new Case("cpc beyond the column", "POST", campaigns, lenaKey, valid.replace("\"cpc_cents\":60", "\"cpc_cents\":9999999999"), 400, "cpc_cents"),
                new Case("negative daily budget", "POST", campaigns, lenaKey, valid.replace("\"daily_budget_cents\":1500", "\"daily_budget_cents\":-5"), 400, "daily_budget_cents"),
                new Case("unknown surface", "POST", campaigns, lenaKey, valid.replace("people_search", "mars_search"), 400, "surface"),
                new Case("unknown format", "POST", campaigns, lenaKey, valid.replace("featured", "gold"), 400, "format"),
                new Case("unknown pacing mode", "POST", campaigns, lenaKey, valid.replace("accelerated", "ludicrous"), 400, "pacing_mode"),
                new Case("a misspelt field", "POST", campaigns, lenaKey, valid.replace("\"daily_budget_cents\"", "\"daily_budget\""), 400, "daily_budget"),
                new Case("city targets not a list", "POST", campaigns, lenaKey, valid.replace("[\"berlin\"]", "\"berlin\""), 400, "city_targets"),
                new Case("a date that is no date", "POST", campaigns, lenaKey, valid.replaceFirst("\"start_date\":\"[0-9-]+\"", "\"start_date\":\"tomorrow\""), 400, "start_date"),
                new Case("end before start", "POST", campaigns, lenaKey, valid.replace("\"end_date\":null", "\"end_date\":\"2001-01-01\""), 422, "end_date"),
                new Case("a studio on the people tab", "POST", campaigns, lenaKey, valid.replace("\"service_profile\",\"target_entity_id\":\"srv_valid\"", "\"studio\",\"target_entity_id\":\"std_valid\""), 422, "target_entity_type"),
                new Case("a target id of the wrong kind", "POST", campaigns, lenaKey, valid.replace("srv_valid", "std_valid"), 400, "target_entity_id"),
                new Case("text sent as text/plain", "POST", campaigns, lenaKey, valid, 415, null),
                new Case("a malformed campaign id", "GET", campaigns + "/not-an-id", lenaKey, null, 400, "campaign_id"),
                new Case("a patch of the status", "PATCH", one, lenaKey, "{\"status\":\"active\"}", 400, "status"),
                new Case("a patch clearing the name", "PATCH", one, lenaKey, "{\"name\":null}", 400, "name"),
                new Case("a patch with an unknown field", "PATCH", one, lenaKey, "{\"colour\":\"red\"}", 400, "colour"),
                new Case("a top-up of a negative amount", "POST", one + "/topups", lenaKey, "{\"amount_cents\":-500,\"idempotency_key\":\"k1\"}", 400, "amount_cents"),
                new Case("a top-up of a huge amount", "POST", one + "/topups", lenaKey, "{\"amount_cents\":99999999999999,\"idempotency_key\":\"k2\"}", 400, "amount_cents"),
                new Case("a top-up without a key", "POST", one + "/topups", lenaKey, "{\"amount_cents\":1000}", 400, "idempotency_key"),
                new Case("a top-up with a key of spaces", "POST", one + "/topups", lenaKey, "{\"amount_cents\":1000,\"idempotency_key\":\"a b\"}", 400, "idempotency_key"),
                new Case("a credit of nothing", "POST", one + "/credits", ADMIN, "{\"amount_cents\":0,\"reason\":\"x\",\"idempotency_key\":\"c1\"}", 400, "amount_cents"),
                new Case("a credit with a bad key", "POST", one + "/credits", ADMIN, "{\"amount_cents\":10,\"reason\":\"x\",\"idempotency_key\":\"no spaces please\"}", 400, "idempotency_key"),
                new Case("a ledger page of 0", "GET", one + "/ledger?limit=0", lenaKey, null, 400, "limit"),
                new Case("a ledger page of words", "GET", one + "/ledger?limit=many", lenaKey, null, 400, "limit"),
                new Case("a ledger page of a fraction", "GET", one + "/ledger?limit=20.5", lenaKey, null, 400, "limit"),
                new Case("a ledger page beyond any integer", "GET", one + "/ledger?limit=1e999999999", lenaKey, null, 400, "limit"),
                new Case("a ledger page beyond any scale", "GET", one + "/ledger?limit=10E2147483647", lenaKey, null, 400, "limit"),
                new Case("a ledger cursor that is no entry id", "GET", one + "/ledger?before=yesterday", lenaKey, null, 400, "before"),
                new Case("diagnostics without a city", "GET", one + "/diagnostics", lenaKey, null, 400, "city"),
                new Case("a policy over its own density", "PUT", "/v1/policies", ADMIN, "{\"surface\":\"people_search\",\"city\":\"berlin\",\"cpc_floor_cents\":10,\"max_density_top20\":1,\"max_above_fold\":3}", 422, "max_above_fold"),
                new Case("a policy with an unknown pricing mode", "PUT", "/v1/policies", ADMIN, "{\"surface\":\"people_search\",\"city\":\"berlin\",\"cpc_floor_cents\":10,\"max_density_top20\":2,\"max_above_fold\":1,\"pricing_mode\":\"vickrey\"}", 400, "pricing_mode"),
                new Case("a policy with a pricing mode that is no string", "PUT", "/v1/policies", ADMIN, "{\"surface\":\"people_search\",\"city\":\"berlin\",\"cpc_floor_cents\":10,\"max_density_top20\":2,\"max_above_fold\":1,\"pricing_mode\":2}", 400, "pricing_mode"),
                new Case("a policy with a negative floor", "PUT", "/v1/policies", ADMIN, "{\"surface\":\"people_search\",\"city\":\"berlin\",\"cpc_floor_cents\":-1,\"max_density_top20\":1,\"max_above_fold\":1}", 400, "cpc_floor_cents"),
                new Case("an advertiser for no user", "POST", "/v1/advertisers", ADMIN, "{\"user_id\":\"lena\"}", 400, "user_id"),
                new Case("an advertiser with card data", "POST", "/v1/advertisers", ADMIN, "{\"user_id\":\"usr_x\",\"default_payment_id\":\"4242 4242 4242 4242\"}", 400, "default_payment_id"),
                new Case("a decision without matches", "POST", "/v1/decisions", SERVICE, decision.replace(",\"organic_matches\":[\"srv_1\"]", ""), 400, "organic_matches"),
                new Case("a decision for two viewers", "POST", "/v1/decisions", SERVICE, decision.replace("{\"user_id\":\"usr_1\"}", "{\"user_id\":\"usr_1\",\"anon_fingerprint\":\"fp\"}"), 400, "viewer"),
                new Case("a decision of page size 0", "POST", "/v1/decisions", SERVICE, decision.replace("\"city\"", "\"page_size\":0,\"city\""), 400, "page_size"),
                new Case("a decision on an unknown surface", "POST", "/v1/decisions", SERVICE, decision.replace("people_search", "space"), 400, "surface"),
                new Case("a decision without the client", "POST", "/v1/decisions", SERVICE, decision.replace("\"client\":{\"ip\":\"203.0.113.7\",\"user_agent\":\"UA\"},", ""), 400, "client"),
                new Case("a decision with repeated matches", "POST", "/v1/decisions", SERVICE, decision.replace("[\"srv_1\"]", "[\"srv_1\",\"srv_1\"]"), 400, "organic_matches"),
                // Text a PostgreSQL text column cannot hold and dates beyond the accepted years (AcceptedInput): 400
                // naming the field, at parse time, on every route that reads text or dates.
                new Case("a NUL in a campaign name", "POST", campaigns, lenaKey, valid.replace("\"Portraits in", "\"Portraits\\u0000in"), 400, "name"),
                new Case("a NUL in a keyword", "POST", campaigns, lenaKey, valid.replace("\"headshot\"", "\"head\\u0000shot\""), 400, "keyword_targets"),
                new Case("an unpaired surrogate in a campaign name", "POST", campaigns, lenaKey, valid.replace("\"Portraits in", "\"Portraits \\ud800in"), 400, "name"),
                new Case("a NUL in a city", "POST", campaigns, lenaKey, valid.replace("[\"berlin\"]", "[\"ber\\u0000lin\"]"), 400, "city_targets"),
                new Case("a NUL in a target id", "POST", campaigns, lenaKey, valid.replace("srv_valid", "srv_va\\u0000lid"), 400, "target_entity_id"),
                new Case("a start date in year 999999999", "POST", campaigns, lenaKey, valid.replaceFirst("\"start_date\":\"[0-9-]+\"", "\"start_date\":\"+999999999-12-31\""), 400, "start_date"),
                new Case("an end date in year -4800", "POST", campaigns, lenaKey, valid.replace("\"end_date\":null", "\"end_date\":\"-4800-01-01\""), 400, "end_date"),
                new Case("a start date before 2000", "POST", campaigns, lenaKey, valid.replaceFirst("\"start_date\":\"[0-9-]+\"", "\"start_date\":\"1999-12-31\""), 400, "start_date"),
                new Case("a patch naming with a NUL", "PATCH", one, lenaKey, "{\"name\":\"x\\u0000y\"}", 400, "name"),
                new Case("a patch of keywords with a NUL", "PATCH", one, lenaKey, "{\"keyword_targets\":[\"a\\u0000\"]}", 400, "keyword_targets"),
                new Case("a patch of the end date to year 999999999", "PATCH", one, lenaKey, "{\"end_date\":\"+999999999-12-31\"}", 400, "end_date"),
                new Case("a credit reason with a NUL", "POST", one + "/credits", ADMIN, "{\"amount_cents\":10,\"reason\":\"good\\u0000will\",\"idempotency_key\":\"c-nul\"}", 400, "reason"),
                new Case("a credit key with a NUL", "POST", one + "/credits", ADMIN, "{\"amount_cents\":10,\"reason\":\"x\",\"idempotency_key\":\"c\\u0000\"}", 400, "idempotency_key"),
                new Case("a top-up key with a NUL", "POST", one + "/topups", lenaKey, "{\"amount_cents\":1000,\"idempotency_key\":\"k\\u0000\"}", 400, "idempotency_key"),
                new Case("a report from year 999999999", "GET", one + "/report?from=%2B999999999-12-31&to=2026-12-01", lenaKey, null, 400, "from"),
                new Case("a report to year -4800", "GET", one + "/report?from=2026-12-01&to=-4800-01-01", lenaKey, null, 400, "to"),
                new Case("an advertiser report from year 999999999", "GET", "/v1/advertisers/" + lena.id() + "/report?from=%2B999999999-12-31&to=2026-12-01", lenaKey, null, 400, "from"),
                new Case("an invalid-click period from year 999999999", "POST", one + "/invalid-clicks", ADMIN, "{\"from\":\"+999999999-12-31T00:00:00Z\",\"to\":\"2026-12-01T00:00:00Z\"}", 400, "from"),
                new Case("an invalid-click period to year -4800", "POST", one + "/invalid-clicks", ADMIN, "{\"from\":\"2026-12-01T00:00:00Z\",\"to\":\"-4800-01-01T00:00:00Z\"}", 400, "to"),
                new Case("an invalid-click reason with a NUL", "POST", one + "/invalid-clicks", ADMIN, "{\"from\":\"2026-12-01T00:00:00Z\",\"to\":\"2026-12-02T00:00:00Z\",\"reason\":\"bot\\u0000\"}", 400, "reason"),
                new Case("a diagnostics query with a NUL", "GET", one + "/diagnostics?city=berlin&query=port%00rait", lenaKey, null, 400, "query"),
                new Case("a diagnostics city with a NUL", "GET", one + "/diagnostics?city=ber%00lin", lenaKey, null, 400, "city"),
                new Case("a ledger cursor with a NUL", "GET", one + "/ledger?before=pble_%00", lenaKey, null, 400, "before"),
                // Jetty refuses a NUL in the path before any route runs, so no field can be named there.
                new Case("a campaign id with a NUL", "GET", campaigns + "/pcmp_%00", lenaKey, null, 400, null),
                new Case("an advertiser for a user id with a NUL", "POST", "/v1/advertisers", ADMIN, "{\"user_id\":\"usr_\\u0000\"}", 400, "user_id"),
                new Case("a policy city with a NUL", "PUT", "/v1/policies", ADMIN, "{\"surface\":\"people_search\",\"city\":\"b\\u0000\",\"cpc_floor_cents\":10,\"max_density_top20\":1,\"max_above_fold\":1}", 400, "city"),
                new Case("a decision query with a NUL", "POST", "/v1/decisions", SERVICE, decision.replace("\"city\":\"berlin\"", "\"city\":\"berlin\",\"query\":\"port\\u0000rait\""), 400, "query"),
                new Case("a decision viewer with a NUL", "POST", "/v1/decisions", SERVICE, decision.replace("usr_1", "usr_\\u00001"), 400, "viewer.user_id"),
                new Case("a decision user agent with a NUL", "POST", "/v1/decisions", SERVICE, decision.replace("\"UA\"", "\"U\\u0000A\""), 400, "client.user_agent"),
                new Case("a decision match with a NUL", "POST", "/v1/decisions", SERVICE, decision.replace("[\"srv_1\"]", "[\"srv_\\u00001\"]"), 400, "organic_matches"),
                new Case("a click token with a NUL", "POST", "/v1/clicks", SERVICE, "{\"click_token\":\"t\\u0000\",\"viewer\":{\"user_id\":\"usr_1\"},\"client\":{\"ip\":\"203.0.113.7\",\"user_agent\":\"UA\"}}", 400, "click_token"),
                new Case("a click fingerprint with a NUL", "POST", "/v1/clicks", SERVICE, "{\"click_token\":\"t\",\"viewer\":{\"anon_fingerprint\":\"fp\\u0000\"},\"client\":{\"ip\":\"203.0.113.7\",\"user_agent\":\"UA\"}}", 400, "viewer.anon_fingerprint"),
                new Case("an entity owner with a NUL", "PUT", "/v1/entities/service_profile/srv_valid", SERVICE, "{\"owner_user_id\":\"usr_\\u0000\"}", 400, "owner_user_id"),
                new Case("an entity id with a NUL", "PUT", "/v1/entities/service_profile/srv_%00", SERVICE, "{\"owner_user_id\":\"usr_x\"}", 400, null),
                new Case("an entity of an unknown type", "PUT", "/v1/entities/planet/srv_valid", SERVICE, "{\"owner_user_id\":\"usr_x\"}", 400, "target_entity_type"),
                new Case("an entity id of the wrong kind", "PUT", "/v1/entities/studio/srv_valid", SERVICE, "{\"owner_user_id\":\"usr_x\"}", 400, "target_entity_id"),
                new Case("an entity without an owner", "PUT", "/v1/entities/studio/std_valid", SERVICE, "{}", 400, "owner_user_id"),
                // A click the document cannot read (ADR 0008): 400, and no event is written; a token that is there
                // but malformed, forged or expired is an invalid_click instead (ClickAndReportHttpTest).
                new Case("a click without a token", "POST", "/v1/clicks", SERVICE, click.replace("\"click_token\":\"t\",", ""), 400, "click_token"),
                new Case("a click with a null token", "POST", "/v1/clicks", SERVICE, click.replace("\"click_token\":\"t\"", "\"click_token\":null"), 400, "click_token"),
                new Case("a click without a viewer", "POST", "/v1/clicks", SERVICE, click.replace("\"viewer\":{\"user_id\":\"usr_1\"},", ""), 400, "viewer"),
                new Case("a click without the client", "POST", "/v1/clicks", SERVICE, click.replace(",\"client\":{\"ip\":\"203.0.113.7\",\"user_agent\":\"UA\"}", ""), 400, "client"),
                new Case("a click without the client's ip", "POST", "/v1/clicks", SERVICE, click.replace("\"ip\":\"203.0.113.7\",", ""), 400, "client.ip"),
                new Case("a click token over its maxLength", "POST", "/v1/clicks", SERVICE, click.replace("\"t\"", "\"" + "t".repeat(1025) + "\""), 400, "click_token"),
                new Case("a click ip over its maxLength", "POST", "/v1/clicks", SERVICE, click.replace("203.0.113.7", "1".repeat(65)), 400, "client.ip"),
                // One rule for 400 versus 422 (ADR 0008): a value that breaks a constraint the document states for
                // its field (maxLength, minItems, minimum, maximum, pattern) is 400, on every route that reads it;
                // a rule relating fields, or needing stored state or the deployment's configuration, is 422.
                new Case("a campaign name of 201 characters", "POST", campaigns, lenaKey, valid.replace("\"Portraits in berlin\"", "\"" + "n".repeat(201) + "\""), 400, "name"),
                new Case("a blank campaign name", "POST", campaigns, lenaKey, valid.replace("\"Portraits in berlin\"", "\"   \""), 400, "name"),
                new Case("no city targets", "POST", campaigns, lenaKey, valid.replace("[\"berlin\"]", "[]"), 400, "city_targets"),
                new Case("101 city targets", "POST", campaigns, lenaKey, valid.replace("[\"berlin\"]", cities(101)), 400, "city_targets"),
                new Case("51 keywords", "POST", campaigns, lenaKey, valid.replace("[\"Portrait\",\"headshot\"]", keywords(51)), 400, "keyword_targets"),
                new Case("a keyword of 81 characters", "POST", campaigns, lenaKey, valid.replace("\"headshot\"", "\"" + "k".repeat(81) + "\""), 400, "keyword_targets"),
                new Case("a keyword of 300 characters", "POST", campaigns, lenaKey, valid.replace("\"headshot\"", "\"" + "k".repeat(300) + "\""), 400, "keyword_targets"),
                new Case("an unclosed exact keyword", "POST", campaigns, lenaKey, valid.replace("\"headshot\"", "\"[unclosed\""), 400, "keyword_targets"),
                new Case("an empty phrase keyword", "POST", campaigns, lenaKey, valid.replace("\"headshot\"", "\"\\\"\\\"\""), 400, "keyword_targets"),
                new Case("a lone minus as a keyword", "POST", campaigns, lenaKey, valid.replace("\"headshot\"", "\"-\""), 400, "keyword_targets"),
                new Case("a patch of an unclosed phrase keyword", "PATCH", one, lenaKey, "{\"keyword_targets\":[\"\\\"open\"]}", 400, "keyword_targets"),
                new Case("an empty keyword", "POST", campaigns, lenaKey, valid.replace("\"headshot\"", "\"\""), 400, "keyword_targets"),
                new Case("a keyword of spaces", "POST", campaigns, lenaKey, valid.replace("\"headshot\"", "\"   \""), 400, "keyword_targets"),
                new Case("a patch of an empty keyword", "PATCH", one, lenaKey, "{\"keyword_targets\":[\"portrait\",\"\"]}", 400, "keyword_targets"),
                new Case("a keyword its own negative excludes", "POST", campaigns, lenaKey, valid.replace("\"headshot\"", "\"-portrait\""), 422, "keyword_targets"),
                new Case("a patch of a phrase a negative excludes", "PATCH", one, lenaKey, "{\"keyword_targets\":[\"\\\"portrait studio\\\"\",\"-studio\"]}", 422, "keyword_targets"),
                new Case("a cpc of 0", "POST", campaigns, lenaKey, valid.replace("\"cpc_cents\":60", "\"cpc_cents\":0"), 400, "cpc_cents"),
                new Case("a total budget beyond the column", "POST", campaigns, lenaKey, valid.replace("\"total_budget_cents\":30000", "\"total_budget_cents\":2147483648"), 400, "total_budget_cents"),
                new Case("a daily budget below the cpc", "POST", campaigns, lenaKey, valid.replace("\"daily_budget_cents\":1500", "\"daily_budget_cents\":50"), 422, "daily_budget_cents"),
                new Case("a cpc below the city's floor", "POST", campaigns, lenaKey, valid.replace("\"cpc_cents\":60", "\"cpc_cents\":1"), 422, "cpc_cents"),
                new Case("a patch of a name of 201 characters", "PATCH", one, lenaKey, "{\"name\":\"" + "n".repeat(201) + "\"}", 400, "name"),
                new Case("a patch of no city targets", "PATCH", one, lenaKey, "{\"city_targets\":[]}", 400, "city_targets"),
                new Case("a patch of a negative cpc", "PATCH", one, lenaKey, "{\"cpc_cents\":-1}", 400, "cpc_cents"),
                new Case("a patch of a daily budget below the cpc", "PATCH", one, lenaKey, "{\"daily_budget_cents\":10}", 422, "daily_budget_cents"),
                new Case("a patch of an end before the start", "PATCH", one, lenaKey, "{\"end_date\":\"2001-01-01\"}", 422, "end_date"),
                new Case("a top-up of 0", "POST", one + "/topups", lenaKey, "{\"amount_cents\":0,\"idempotency_key\":\"k3\"}", 400, "amount_cents"),
                new Case("a top-up below the deployment's minimum", "POST", one + "/topups", lenaKey, "{\"amount_cents\":100,\"idempotency_key\":\"k4\"}", 422, "amount_cents"),
                new Case("a top-up above the deployment's maximum", "POST", one + "/topups", lenaKey, "{\"amount_cents\":1000001,\"idempotency_key\":\"k5\"}", 422, "amount_cents"),
                new Case("a top-up with a key of 101 characters", "POST", one + "/topups", lenaKey, "{\"amount_cents\":1000,\"idempotency_key\":\"" + "k".repeat(101) + "\"}", 400, "idempotency_key"),
                new Case("a credit beyond the column", "POST", one + "/credits", ADMIN, "{\"amount_cents\":2147483648,\"reason\":\"x\",\"idempotency_key\":\"c2\"}", 400, "amount_cents"),
                new Case("a credit with a blank reason", "POST", one + "/credits", ADMIN, "{\"amount_cents\":10,\"reason\":\"  \",\"idempotency_key\":\"c3\"}", 400, "reason"),
                new Case("a credit reason of 501 characters", "POST", one + "/credits", ADMIN, "{\"amount_cents\":10,\"reason\":\"" + "r".repeat(501) + "\",\"idempotency_key\":\"c4\"}", 400, "reason"),
                new Case("a policy density of 21", "PUT", "/v1/policies", ADMIN, "{\"surface\":\"people_search\",\"city\":\"berlin\",\"cpc_floor_cents\":10,\"max_density_top20\":21,\"max_above_fold\":1}", 400, "max_density_top20"),
                new Case("a policy with a negative above-fold", "PUT", "/v1/policies", ADMIN, "{\"surface\":\"people_search\",\"city\":\"berlin\",\"cpc_floor_cents\":10,\"max_density_top20\":1,\"max_above_fold\":-1}", 400, "max_above_fold"),
                new Case("an invalid-click reason of 301 characters", "POST", one + "/invalid-clicks", ADMIN, "{\"from\":\"2026-12-01T00:00:00Z\",\"to\":\"2026-12-02T00:00:00Z\",\"reason\":\"" + "r".repeat(301) + "\"}", 400, "reason"),
                new Case("an invalid-click period that ends before it starts", "POST", one + "/invalid-clicks", ADMIN, "{\"from\":\"2026-12-02T00:00:00Z\",\"to\":\"2026-12-01T00:00:00Z\",\"reason\":\"farm\"}", 422, "to"),
                new Case("a decision query of 257 characters", "POST", "/v1/decisions", SERVICE, decision.replace("\"city\":\"berlin\"", "\"city\":\"berlin\",\"query\":\"" + "q".repeat(257) + "\""), 400, "query"),
                new Case("a diagnostics query of 257 characters", "GET", one + "/diagnostics?city=berlin&query=" + "q".repeat(257), lenaKey, null, 400, "query"),
                // An explicit null where the schema allows none is a value of the wrong type, not a field left out.
                new Case("a campaign with null keywords", "POST", campaigns, lenaKey, valid.replace("[\"Portrait\",\"headshot\"]", "null"), 400, "keyword_targets"),
                new Case("a campaign with a null pacing mode", "POST", campaigns, lenaKey, valid.replace("\"accelerated\"", "null"), 400, "pacing_mode"),
                new Case("a campaign with a null advertiser", "POST", campaigns, lenaKey, valid.replace("{\"target_entity_type\"", "{\"advertiser_id\":null,\"target_entity_type\""), 400, "advertiser_id"),
                new Case("the admin's campaign with a null advertiser", "POST", campaigns, ADMIN, valid.replace("{\"target_entity_type\"", "{\"advertiser_id\":null,\"target_entity_type\""), 400, "advertiser_id"),
                new Case("an advertiser with a null payment", "POST", "/v1/advertisers", ADMIN, "{\"user_id\":\"usr_null_pay\",\"default_payment_id\":null}", 400, "default_payment_id"),
                new Case("a decision with a null query", "POST", "/v1/decisions", SERVICE, decision.replace("\"city\"", "\"query\":null,\"city\""), 400, "query"),
                new Case("a decision with a null page size", "POST", "/v1/decisions", SERVICE, decision.replace("\"city\"", "\"page_size\":null,\"city\""), 400, "page_size"),
                new Case("a decision for a null user and a fingerprint", "POST", "/v1/decisions", SERVICE, decision.replace("{\"user_id\":\"usr_1\"}", "{\"user_id\":null,\"anon_fingerprint\":\"fp\"}"), 400, "viewer.user_id"),
                new Case("a conversion with a null value", "POST", "/v1/conversions", SERVICE, "{\"conversion_id\":\"cv_null\",\"type\":\"booking\",\"occurred_at\":\"2026-12-01T00:00:00Z\",\"click_id\":\"pevt_01m8fnwaxeb1pfzk3tensadm7k\",\"value_cents\":null}", 400, "value_cents"),
                new Case("no key", "GET", campaigns, null, null, 401, null),
                new Case("an unknown key", "GET", campaigns, "not-a-key", null, 401, null),
                new Case("a forged advertiser key", "GET", campaigns, "pak_0123456789abcdef.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", null, 401, null),
                new Case("an advertiser on an admin route", "POST", "/v1/advertisers", lenaKey, "{\"user_id\":\"usr_x\"}", 403, null),
                new Case("the search service on an admin route", "GET", "/v1/policies", SERVICE, null, 403, null),
                new Case("the search service on an advertiser route", "GET", campaigns, SERVICE, null, 403, null),
                new Case("an advertiser asking for decisions", "POST", "/v1/decisions", lenaKey, decision, 403, null),
                new Case("the admin asking for decisions", "POST", "/v1/decisions", ADMIN, decision, 403, null),
                new Case("the admin listing without saying whose", "GET", campaigns, ADMIN, null, 400, "advertiser_id"),
                new Case("a route that does not exist", "GET", "/v1/nothing", ADMIN, null, 404, null),
                new Case("a Stripe webhook without Stripe configured", "POST", "/v1/stripe/webhook", null, "{}", 404, null)));
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void bad_input_is_refused_with_a_problem_and_changes_nothing(Case bad) {
        Map<String, String> before = TestServer.databaseSnapshot();

        ApiClient.Response response = bad.name().contains("text/plain")
                ? api.send(bad.method(), bad.path(), bad.key(), bad.body(), "text/plain")
                : api.send(bad.method(), bad.path(), bad.key(), bad.body(), "application/json");

        assertThat(response.status()).as(response.toString()).isEqualTo(bad.status());
        assertProblem(response, bad.field());
        assertThat(TestServer.databaseSnapshot()).isEqualTo(before);
    }

    @Test
    void a_whole_number_written_with_a_zero_fraction_or_an_exponent_is_that_number() {
        // The API document is OpenAPI 3.1, whose JSON Schema counts 60.0 and 6e1 as the integer 60.
        for (String spelling : List.of("60.0", "6e1", "6.000E+1")) {
            String body = Marketplace.campaignJson(Marketplace.unique("srv"), "berlin", 60)
                    .replace("\"cpc_cents\":60", "\"cpc_cents\":" + spelling);

            ApiClient.Response created = api.send("POST", "/v1/campaigns", lena.key(), body, "application/json");

            assertThat(created.status()).as(spelling + ": " + created).isEqualTo(201);
            assertThat(created.json().get("cpc_cents").asLong()).as(spelling).isEqualTo(60);
        }
    }

    @Test
    void a_whole_number_in_a_query_parameter_may_be_written_with_a_zero_fraction_too() {
        for (String spelling : List.of("20", "20.0", "2e1")) {
            ApiClient.Response page = api.get("/v1/campaigns/" + campaign + "/ledger?limit=" + spelling, lena.key());

            assertThat(page.status()).as(spelling + ": " + page).isEqualTo(200);
        }
    }

    @Test
    void a_body_over_the_limit_is_refused_with_413_before_it_is_read() {
        Map<String, String> before = TestServer.databaseSnapshot();
        String huge = "{\"name\":\"" + "x".repeat((int) TestServer.MAX_BODY_BYTES) + "\"}";

        ApiClient.Response response = api.sendBytes("POST", "/v1/campaigns", "Bearer " + lena.key(),
                huge.getBytes(StandardCharsets.UTF_8), "application/json");

        assertThat(response.status()).as(response.toString()).isEqualTo(413);
        assertProblem(response, null);
        assertThat(TestServer.databaseSnapshot()).isEqualTo(before);
    }

    @Test
    void a_chunked_body_over_the_limit_is_refused_too() {
        Map<String, String> before = TestServer.databaseSnapshot();
        byte[] huge = ("{\"name\":\"" + "x".repeat((int) TestServer.MAX_BODY_BYTES) + "\"}").getBytes(StandardCharsets.UTF_8);

        ApiClient.Response response = api.sendChunked("POST", "/v1/campaigns", "Bearer " + lena.key(), huge, "application/json");

        assertThat(response.status()).as(response.toString()).isEqualTo(413);
        assertProblem(response, null);
        assertThat(TestServer.databaseSnapshot()).isEqualTo(before);
    }

    @Test
    void a_method_a_known_path_does_not_have_answers_405_naming_the_methods_it_has() {
        Map<String, String> before = TestServer.databaseSnapshot();

        ApiClient.Response deleteOne = api.send("DELETE", "/v1/campaigns/" + campaign, lena.key(), null, "application/json");
        ApiClient.Response putAll = api.put("/v1/campaigns", lena.key(), Marketplace.campaignJson("srv_put", "berlin", 60));
        ApiClient.Response postHealth = api.post("/health", null, "{}");

        assertThat(deleteOne.status()).as(deleteOne.toString()).isEqualTo(405);
        assertThat(deleteOne.raw().headers().firstValue("Allow")).hasValue("GET, PATCH");
        assertProblem(deleteOne, null);
        assertThat(putAll.status()).as(putAll.toString()).isEqualTo(405);
        assertThat(putAll.raw().headers().firstValue("Allow")).hasValue("GET, POST");
        assertThat(postHealth.status()).as(postHealth.toString()).isEqualTo(405);
        assertThat(postHealth.raw().headers().firstValue("Allow")).hasValue("GET");
        assertThat(TestServer.databaseSnapshot()).isEqualTo(before);
    }

    @Test
    void a_second_advertiser_for_a_user_is_409_naming_the_first_and_changes_nothing() {
        Map<String, String> before = TestServer.databaseSnapshot();

        ApiClient.Response response = api.post("/v1/advertisers", ADMIN,
                "{\"user_id\":\"" + lena.userId() + "\",\"default_payment_id\":\"cus_other/pm_visa\"}");

        assertThat(response.status()).as(response.toString()).isEqualTo(409);
        assertProblem(response, null);
        assertThat(response.json().path("detail").asText()).contains(lena.userId()).contains(lena.id());
        assertThat(TestServer.databaseSnapshot()).isEqualTo(before);
    }

    @Test
    void of_concurrent_creates_for_one_user_exactly_one_is_201_and_the_others_409_naming_it() throws Exception {
        String user = Marketplace.unique("usr");
        var pool = java.util.concurrent.Executors.newFixedThreadPool(6);
        try {
            List<java.util.concurrent.Future<ApiClient.Response>> sent = new ArrayList<>();
            var start = new java.util.concurrent.CountDownLatch(1);
            for (int i = 0; i < 6; i++) {
                sent.add(pool.submit(() -> {
                    start.await();
                    return api.post("/v1/advertisers", ADMIN, "{\"user_id\":\"" + user + "\"}");
                }));
            }
            start.countDown();
            List<ApiClient.Response> responses = new ArrayList<>();
            for (var future : sent) {
                responses.add(future.get());
            }
            List<ApiClient.Response> created = responses.stream().filter(r -> r.status() == 201).toList();
            assertThat(created).as(responses.toString()).hasSize(1);
            String winner = created.get(0).text("advertiser_id");
            assertThat(responses.stream().filter(r -> r.status() == 409)).hasSize(5)
                    .allSatisfy(r -> assertThat(r.json().path("detail").asText()).contains(winner));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void every_broken_field_is_reported_at_once() {
        ApiClient.Response response = api.post("/v1/campaigns", lena.key(),
                "{\"surface\":\"mars\",\"format\":7,\"cpc_cents\":\"x\",\"colour\":\"red\"}");

        assertThat(response.status()).isEqualTo(400);
        List<String> fields = new ArrayList<>();
        response.json().path("errors").forEach(error -> fields.add(error.path("field").asText()));
        assertThat(fields).contains("surface", "format", "cpc_cents", "colour", "name", "city_targets",
                "target_entity_type", "daily_budget_cents", "start_date");
    }

    private static String cities(int count) {
        return java.util.stream.IntStream.range(0, count).mapToObj(i -> "\"city" + (char) ('a' + i / 26 % 26) + (char) ('a' + i % 26) + "\"")
                .collect(java.util.stream.Collectors.joining(",", "[", "]"));
    }

    private static String keywords(int count) {
        return java.util.stream.IntStream.range(0, count).mapToObj(i -> "\"keyword" + i + "\"")
                .collect(java.util.stream.Collectors.joining(",", "[", "]"));
    }

    private static void assertProblem(ApiClient.Response response, String field) {
        assertThat(response.contentType()).as(response.toString()).startsWith("application/problem+json");
        JsonNode problem = response.json();
        assertThat(problem.path("status").asInt()).isEqualTo(response.status());
        assertThat(problem.path("title").asText()).isNotBlank();
        assertThat(problem.path("detail").asText()).isNotBlank();
        if (field != null) {
            List<String> fields = new ArrayList<>();
            problem.path("errors").forEach(error -> {
                fields.add(error.path("field").asText());
                assertThat(error.path("message").asText()).isNotBlank();
            });
            assertThat(fields).as(response.toString()).contains(field);
        }
    }
}
