package io.promo.app.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The check every HTTP test's exchange goes through ({@link OpenApiContract}) catches what it is there to catch:
 * each case plants one way an answer can break docs/api/openapi.yaml, and one holding exchange beside it shows
 * the check is not merely refusing everything.
 */
class OpenApiContractTest {

    private static final String JSON = "application/json";
    private static final String PROBLEM = "application/problem+json;charset=utf-8";
    private static final String CAMPAIGN = "pcmp_01m8fnwaxeb1pfzk3tensadm7k";
    private static final String BALANCE = """
            {"campaign_id":"%s","budget_day":"2026-12-03","balance_cents":5000,"spent_today_cents":0,
             "spent_total_cents":0,"remaining_daily_budget_cents":1500,"remaining_total_budget_cents":null,
             "remaining_today_cents":1500}""".formatted(CAMPAIGN);
    private static final String ADVERTISER = """
            {"advertiser_id":"padv_01m8fnwaxeb1pfzk3tensadm7k","user_id":"usr_lena","default_payment_id":null,
             "status":"active","created_at":"2026-12-03T10:00:00Z","updated_at":"2026-12-03T10:00:00Z"%s}""";
    private static final String PROBLEM_BODY = "{\"type\":\"about:blank\",\"title\":\"Not Found\",\"status\":%d,\"detail\":\"no\"}";

    private final OpenApiContract contract = OpenApiContract.documented();

    @Test
    void a_documented_answer_holds() {
        assertThat(problems(get("/v1/campaigns/" + CAMPAIGN + "/balance"), 200, JSON, BALANCE)).isEmpty();
    }

    @Test
    void an_undeclared_status_breaks_it() {
        assertThat(problems(get("/v1/campaigns/" + CAMPAIGN + "/balance"), 418, PROBLEM, PROBLEM_BODY.formatted(418)))
                .singleElement().asString().contains("validation.response.status.unknown");
    }

    @Test
    void a_value_of_the_wrong_type_breaks_it() {
        assertThat(problems(get("/v1/campaigns/" + CAMPAIGN + "/balance"), 200, JSON,
                BALANCE.replace("\"balance_cents\":5000", "\"balance_cents\":\"5000\"")))
                .singleElement().asString().contains("balance_cents");
    }

    @Test
    void a_request_s_integer_is_read_as_openapi_3_1_reads_it_a_fraction_breaks_it_a_zero_fraction_does_not() {
        Request request = new Request("POST", "/v1/campaigns/" + CAMPAIGN + "/topups",
                "{\"amount_cents\":1000.0,\"idempotency_key\":\"k1\"}");
        String topUp = "{\"status\":\"pending\",\"processor_ref\":\"pi_1\"}";

        assertThat(problems(request, 202, JSON, topUp)).isEmpty();
        assertThat(problems(new Request("POST", "/v1/campaigns/" + CAMPAIGN + "/topups",
                "{\"amount_cents\":1000.5,\"idempotency_key\":\"k1\"}"), 202, JSON, topUp)).singleElement().asString()
                .contains("accepted a request the document refuses").contains("amount_cents");
    }

    @Test
    void an_answer_s_integer_must_be_written_as_one() {
        assertThat(problems(get("/v1/campaigns/" + CAMPAIGN + "/balance"), 200, JSON,
                BALANCE.replace("\"balance_cents\":5000", "\"balance_cents\":5000.0")))
                .singleElement().asString().contains("balance_cents");
    }

    @Test
    void null_breaks_it_only_where_the_document_allows_no_null() {
        assertThat(problems(get("/v1/campaigns/" + CAMPAIGN + "/balance"), 200, JSON,
                BALANCE.replace("\"balance_cents\":5000", "\"balance_cents\":null")))
                .singleElement().asString().contains("balance_cents");
    }

    @Test
    void an_undocumented_field_breaks_it() {
        assertThat(problems(get("/v1/campaigns/" + CAMPAIGN + "/balance"), 200, JSON,
                BALANCE.replace("{", "{\"secret_bid_cents\":70,")))
                .singleElement().asString().contains("secret_bid_cents");
    }

    @Test
    void a_required_field_missing_breaks_it() {
        assertThat(problems(get("/v1/campaigns/" + CAMPAIGN + "/balance"), 200, JSON,
                BALANCE.replace("\"balance_cents\":5000,", "")))
                .singleElement().asString().contains("balance_cents");
    }

    @Test
    void another_content_type_breaks_it() {
        assertThat(problems(get("/v1/campaigns/" + CAMPAIGN + "/balance"), 200, "text/html", "<p>5000</p>"))
                .singleElement().asString().contains("validation.response.contentType.notAllowed");
        assertThat(problems(get("/v1/campaigns/" + CAMPAIGN + "/balance"), 404, JSON, PROBLEM_BODY.formatted(404)))
                .as("an error as plain JSON instead of problem+json")
                .singleElement().asString().contains("validation.response.contentType.notAllowed");
    }

    @Test
    void parts_of_an_all_of_are_one_object_whose_unknown_fields_still_break_it() {
        Request created = new Request("POST", "/v1/advertisers", "{\"user_id\":\"usr_lena\"}");

        assertThat(problems(created, 201, JSON, ADVERTISER.formatted(",\"api_key\":\"pak_x.y\""))).isEmpty();
        assertThat(problems(created, 201, JSON, ADVERTISER.formatted(""))).singleElement().asString().contains("api_key");
        assertThat(problems(created, 201, JSON, ADVERTISER.formatted(",\"api_key\":\"pak_x.y\",\"api_key_hash\":\"ab\"")))
                .singleElement().asString().contains("api_key_hash");
    }

    @Test
    void accepting_a_request_the_document_refuses_breaks_it_and_refusing_it_holds() {
        Request noKey = new Request("POST", "/v1/campaigns/" + CAMPAIGN + "/topups", "{\"amount_cents\":1000}");
        String topUp = "{\"status\":\"pending\",\"processor_ref\":\"pi_1\"}";

        assertThat(problems(noKey, 202, JSON, topUp)).singleElement().asString()
                .contains("accepted a request the document refuses").contains("idempotency_key");
        assertThat(problems(noKey, 400, PROBLEM, PROBLEM_BODY.formatted(400))).isEmpty();
    }

    @Test
    void a_path_the_document_does_not_describe_must_answer_a_404_problem() {
        assertThat(problems(get("/v1/nothing"), 404, PROBLEM, PROBLEM_BODY.formatted(404))).isEmpty();
        assertThat(problems(get("/v1/nothing"), 200, JSON, "{}")).isNotEmpty();
    }

    @Test
    void a_method_the_document_does_not_describe_must_answer_405_with_the_documented_methods() {
        Request delete = new Request("DELETE", "/v1/campaigns", null);

        assertThat(problems(delete, 405, PROBLEM, PROBLEM_BODY.formatted(405), "GET, POST")).isEmpty();
        assertThat(problems(delete, 404, PROBLEM, PROBLEM_BODY.formatted(404), null)).hasSize(2);
        assertThat(problems(delete, 405, PROBLEM, PROBLEM_BODY.formatted(405), "GET")).singleElement().asString()
                .contains("[GET, POST]");
    }

    @Test
    void a_type_openapi_3_0_cannot_say_stops_the_check_instead_of_passing_loosely(@TempDir Path directory) throws IOException {
        Path document = directory.resolve("openapi.yaml");
        Files.writeString(document, """
                openapi: 3.1.0
                info: {title: t, version: '1'}
                paths: {}
                components:
                  schemas:
                    Either: {type: [string, integer]}
                """);

        assertThatThrownBy(() -> OpenApiContract.asOpenApi30(document)).hasMessageContaining("Either");
    }

    @Test
    void a_document_whose_structure_is_broken_is_refused(@TempDir Path directory) throws IOException {
        Path document = directory.resolve("openapi.yaml");
        // The unquoted comma ends the description: "null when billed" becomes a field of the schema.
        Files.writeString(document, """
                openapi: 3.1.0
                info: {title: t, version: '1'}
                paths: {}
                components:
                  schemas:
                    Click:
                      type: object
                      properties:
                        reason: {type: [string, 'null'], description: why not billed, null when billed}
                """);

        assertThatThrownBy(() -> OpenApiContract.of(document)).hasMessageContaining("null when billed");
    }

    @Test
    void the_shared_client_fails_a_test_whose_exchange_breaks_the_document() throws IOException {
        HttpServer stub = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        stub.createContext("/", exchange -> {
            byte[] body = BALANCE.replace("\"balance_cents\":5000", "\"balance_cents\":\"plenty\"").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", JSON);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        stub.start();
        try {
            ApiClient api = new ApiClient("http://127.0.0.1:" + stub.getAddress().getPort());

            assertThatThrownBy(() -> api.get("/v1/campaigns/" + CAMPAIGN + "/balance", "key"))
                    .isInstanceOf(AssertionError.class).hasMessageContaining("balance_cents");
        } finally {
            stub.stop(0);
        }
    }

    private record Request(String method, String path, String body) {
    }

    private static Request get(String path) {
        return new Request("GET", path, null);
    }

    private List<String> problems(Request request, int status, String contentType, String body) {
        return problems(request, status, contentType, body, null);
    }

    private List<String> problems(Request request, int status, String contentType, String body, String allow) {
        Map<String, List<String>> headers = allow == null
                ? Map.of("Content-Type", List.of(contentType))
                : Map.of("Content-Type", List.of(contentType), "Allow", List.of(allow));
        Map<String, String> requestHeaders = request.body() == null
                ? Map.of("Authorization", "Bearer key")
                : Map.of("Authorization", "Bearer key", "Content-Type", JSON);
        return contract.problems(new OpenApiContract.Exchange(request.method(), URI.create("http://promo" + request.path()),
                requestHeaders, request.body() == null ? null : request.body().getBytes(StandardCharsets.UTF_8), status,
                HttpHeaders.of(headers, (name, value) -> true), body.getBytes(StandardCharsets.UTF_8)));
    }
}
