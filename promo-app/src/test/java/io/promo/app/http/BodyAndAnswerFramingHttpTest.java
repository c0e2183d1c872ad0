package io.promo.app.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Promo reads a request body of declared length itself and writes its answers to the response's stream, past
 * Javalin's copies (docs/benchmarks.md, "Javalin's copies taken out"); a chunked body still goes through Javalin.
 * Both ways must read the same request, and an answer must keep its {@code Content-Length}.
 */
class BodyAndAnswerFramingHttpTest {

    private final ApiClient api = TestServer.client();

    @Test
    void a_decision_answer_carries_its_content_length() {
        ApiClient.Response response = api.post("/v1/decisions", TestServer.SERVICE_KEY, decision("srv_frame_a"));

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(response.raw().headers().firstValueAsLong("Content-Length")).hasValue(response.raw().body().length);
        assertThat(response.raw().headers().firstValue("Transfer-Encoding")).isEmpty();
    }

    @Test
    void a_body_with_a_declared_length_and_the_same_body_chunked_decide_the_same_page() {
        byte[] body = decision("srv_frame_b").getBytes(StandardCharsets.UTF_8);

        ApiClient.Response declared = api.sendBytes("POST", "/v1/decisions", "Bearer " + TestServer.SERVICE_KEY, body,
                "application/json");
        ApiClient.Response chunked = api.sendChunked("POST", "/v1/decisions", "Bearer " + TestServer.SERVICE_KEY, body,
                "application/json");

        assertThat(declared.status()).as(declared.toString()).isEqualTo(200);
        assertThat(chunked.status()).as(chunked.toString()).isEqualTo(200);
        assertThat(entities(declared.json())).isEqualTo(entities(chunked.json()))
                .contains("srv_frame_b", "srv_frame_b_2");
    }

    @Test
    void a_malformed_body_is_refused_alike_with_a_declared_length_and_chunked() {
        byte[] body = "{\"surface\":\"people_search\",\"organic_matches\":[\"a\",}".getBytes(StandardCharsets.UTF_8);

        ApiClient.Response declared = api.sendBytes("POST", "/v1/decisions", "Bearer " + TestServer.SERVICE_KEY, body,
                "application/json");
        ApiClient.Response chunked = api.sendChunked("POST", "/v1/decisions", "Bearer " + TestServer.SERVICE_KEY, body,
                "application/json");

        assertThat(declared.status()).as(declared.toString()).isEqualTo(400);
        assertThat(declared.text("detail")).startsWith("the body is not valid JSON: ");
        assertThat(chunked.status()).isEqualTo(400);
        assertThat(chunked.body()).isEqualTo(declared.body());
    }

    private static String decision(String entity) {
        return """
                {"surface":"people_search","city":"berlin","query":"portrait",
                 "viewer":{"anon_fingerprint":"fp-framing"},"client":{"ip":"203.0.113.60","user_agent":"Mozilla/5.0"},
                 "organic_matches":["%s","%s_2"]}""".formatted(entity, entity);
    }

    private static List<String> entities(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.path("results").forEach(result -> ids.add(result.path("entity_id").asText()));
        return ids;
    }
}
