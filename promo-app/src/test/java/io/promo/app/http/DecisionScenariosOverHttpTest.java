package io.promo.app.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.promo.embedded.AdRequest;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** {@link DecisionScenarios} through {@code POST /v1/decisions} of the test JVM's promo, as the search service calls it. */
class DecisionScenariosOverHttpTest extends DecisionScenarios {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ApiClient api = TestServer.client();

    @Override
    Page decide(AdRequest request) {
        ApiClient.Response answer = api.post("/v1/decisions", TestServer.SERVICE_KEY, json(request));
        if (answer.status() != 200) {
            throw new AssertionError("not decided: " + answer);
        }
        return page(answer.json());
    }

    @Override
    Set<String> refusedFields(AdRequest request) {
        ApiClient.Response answer = api.post("/v1/decisions", TestServer.SERVICE_KEY, json(request));
        Set<String> fields = new LinkedHashSet<>();
        if (answer.status() != 200) {
            answer.json().path("errors").forEach(error -> fields.add(error.path("field").asText()));
        }
        return fields;
    }

    @Override
    void catchUp() {
        TestServer.app().servingIndex().refresh();
    }

    /** The request as the search service sends it: unset fields left out. */
    static String json(AdRequest request) {
        ObjectNode body = JSON.createObjectNode();
        body.put("surface", request.surface());
        if (request.role() != null) {
            body.put("role", request.role());
        }
        body.put("city", request.city());
        if (request.query() != null) {
            body.put("query", request.query());
        }
        ObjectNode viewer = body.putObject("viewer");
        if (request.userId() != null) {
            viewer.put("user_id", request.userId());
        }
        if (request.anonymousFingerprint() != null) {
            viewer.put("anon_fingerprint", request.anonymousFingerprint());
        }
        ObjectNode client = body.putObject("client");
        client.put("ip", request.clientIp());
        client.put("user_agent", request.clientUserAgent());
        if (request.pageSize() != null) {
            body.put("page_size", request.pageSize());
        }
        request.organicMatches().forEach(body.putArray("organic_matches")::add);
        return body.toString();
    }

    static Page page(JsonNode page) {
        List<Position> results = new ArrayList<>();
        page.path("results").forEach(result -> results.add(new Position(result.path("position").asInt(),
                result.path("entity_id").asText(), result.path("sponsored").asBoolean(), text(result, "campaign_id"),
                text(result, "format"), result.path("cpc_cents").isNumber() ? result.path("cpc_cents").asLong() : null,
                text(result, "click_token") != null)));
        return new Page(page.path("surface").asText(), text(page, "role"), page.path("city").asText(),
                page.path("query_hash").asText(), results);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isMissingNode() || value.isNull() ? null : value.asText();
    }
}
