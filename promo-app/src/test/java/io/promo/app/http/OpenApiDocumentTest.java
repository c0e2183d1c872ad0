package io.promo.app.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** docs/api/openapi.yaml describes exactly the routes that are served, each with who may call it. */
class OpenApiDocumentTest {

    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch");
    private static final Path DOCUMENT = Path.of("..", "docs", "api", "openapi.yaml");

    @Test
    void every_served_route_is_described_with_its_access_and_every_described_route_is_served() throws IOException {
        Map<String, String> described = describedRoutes();
        Map<String, String> served = new TreeMap<>();
        TestServer.app().http().routes().forEach(route ->
                served.put(route.method() + " " + route.path(), route.access().name().toLowerCase(Locale.ROOT)));

        assertThat(served).as("served routes (with their access) versus %s", DOCUMENT).isEqualTo(described);
    }

    @Test
    void every_operation_answers_its_errors_as_problems() throws IOException {
        JsonNode paths = document().path("paths");
        paths.fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(operation -> {
            if (!METHODS.contains(operation.getKey())) {
                return;
            }
            operation.getValue().path("responses").fields().forEachRemaining(response -> {
                if (response.getKey().startsWith("4") || response.getKey().startsWith("5")) {
                    assertThat(response.getValue().path("$ref").asText())
                            .as(operation.getKey() + " " + path.getKey() + " " + response.getKey())
                            .isEqualTo("#/components/responses/Problem");
                }
            });
        }));
    }

    /** "METHOD /path" → the operation's x-access. */
    private static Map<String, String> describedRoutes() throws IOException {
        Map<String, String> routes = new TreeMap<>();
        document().path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(operation -> {
            if (METHODS.contains(operation.getKey())) {
                routes.put(operation.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey(),
                        operation.getValue().path("x-access").asText("(missing x-access)"));
            }
        }));
        return routes;
    }

    private static JsonNode document() throws IOException {
        return new ObjectMapper(new YAMLFactory()).readTree(DOCUMENT.toFile());
    }
}
