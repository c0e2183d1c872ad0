package io.promo.app.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The refusals every route of a kind can answer, swept over every served route: a key the route is not for (403),
 * a body that is not JSON (415) or over the size limit (413), a method its path does not have (405), and a
 * report period promo does not cover (422). {@link ApiClient} holds each answer to docs/api/openapi.yaml, so a
 * route whose operation does not declare the status fails here; none of them changes anything.
 */
class DeclaredStatusesHttpTest {

    private final Marketplace market = new Marketplace();
    private final ApiClient api = market.api;
    private Marketplace.Advertiser lena;
    private String campaign;

    @BeforeEach
    void an_advertiser_with_a_campaign() {
        lena = market.advertiser();
        campaign = market.campaign(lena, Marketplace.unique("srv"), "berlin", 60);
    }

    @Test
    void a_known_key_on_a_route_that_is_not_for_it_answers_403_on_every_route() {
        Map<String, String> before = TestServer.databaseSnapshot();

        for (ApiRouter.Route route : TestServer.app().http().routes()) {
            List<String> wrongKeys = switch (route.access()) {
                case ADMIN -> List.of(lena.key(), TestServer.SERVICE_KEY);
                case ADVERTISER -> List.of(TestServer.SERVICE_KEY);
                case SEARCH_SERVICE -> List.of(TestServer.ADMIN_KEY, lena.key());
                case PUBLIC, STRIPE_SIGNATURE -> List.of();
            };
            for (String key : wrongKeys) {
                ApiClient.Response response = api.send(route.method(), path(route), key, null, null);

                assertThat(response.status()).as(route + " " + response).isEqualTo(403);
            }
        }
        assertThat(TestServer.databaseSnapshot()).isEqualTo(before);
    }

    @Test
    void a_body_that_is_not_json_answers_415_on_every_route_that_reads_a_json_body() {
        Map<String, String> before = TestServer.databaseSnapshot();

        for (ApiRouter.Route route : routesWithABody()) {
            if (route.access() == Access.STRIPE_SIGNATURE) {
                continue; // Stripe's raw payload is verified byte for byte, whatever its declared type.
            }
            ApiClient.Response response = api.send(route.method(), path(route), keyFor(route), "user_id=usr_x",
                    "application/x-www-form-urlencoded");

            assertThat(response.status()).as(route + " " + response).isEqualTo(415);
        }
        assertThat(TestServer.databaseSnapshot()).isEqualTo(before);
    }

    @Test
    void a_body_over_the_limit_answers_413_on_every_route_that_reads_a_json_body() {
        Map<String, String> before = TestServer.databaseSnapshot();
        byte[] huge = ("{\"name\":\"" + "x".repeat((int) TestServer.MAX_BODY_BYTES) + "\"}").getBytes(StandardCharsets.UTF_8);

        for (ApiRouter.Route route : routesWithABody()) {
            if (route.access() == Access.STRIPE_SIGNATURE) {
                continue; // The test server has no Stripe webhook secret: 404 before the body is read.
            }
            ApiClient.Response response = api.sendBytes(route.method(), path(route), "Bearer " + keyFor(route), huge,
                    "application/json");

            assertThat(response.status()).as(route + " " + response).isEqualTo(413);
        }
        assertThat(TestServer.databaseSnapshot()).isEqualTo(before);
    }

    @Test
    void a_method_a_path_does_not_have_answers_405_naming_its_methods_on_every_path() {
        Map<String, Set<String>> methodsByPath = TestServer.app().http().routes().stream().collect(Collectors.groupingBy(
                ApiRouter.Route::path, Collectors.mapping(ApiRouter.Route::method, Collectors.toCollection(TreeSet::new))));
        Map<String, String> before = TestServer.databaseSnapshot();

        methodsByPath.forEach((template, methods) -> {
            ApiClient.Response response = api.send("DELETE", path(template), TestServer.ADMIN_KEY, null, null);

            assertThat(response.status()).as(template + " " + response).isEqualTo(405);
            assertThat(response.raw().headers().firstValue("Allow")).as(template).hasValue(String.join(", ", methods));
        });
        assertThat(TestServer.databaseSnapshot()).isEqualTo(before);
    }

    @Test
    void a_report_period_that_ends_before_it_starts_or_spans_more_than_366_days_answers_422() {
        for (String report : List.of("/v1/campaigns/" + campaign + "/report", "/v1/advertisers/" + lena.id() + "/report")) {
            ApiClient.Response backwards = api.get(report + "?from=2026-12-02&to=2026-12-01", lena.key());
            ApiClient.Response tooLong = api.get(report + "?from=2025-01-01&to=2026-01-02", lena.key());

            assertThat(backwards.status()).as(backwards.toString()).isEqualTo(422);
            assertThat(tooLong.status()).as(tooLong.toString()).isEqualTo(422);
        }
    }

    /** The served routes whose operation in the document reads a request body. */
    private static List<ApiRouter.Route> routesWithABody() {
        JsonNode paths = document().path("paths");
        List<ApiRouter.Route> routes = TestServer.app().http().routes().stream()
                .filter(route -> paths.path(route.path()).path(route.method().toLowerCase(Locale.ROOT)).has("requestBody"))
                .toList();
        assertThat(routes).as("routes with a body").hasSizeGreaterThan(5);
        return routes;
    }

    private String keyFor(ApiRouter.Route route) {
        return switch (route.access()) {
            case ADMIN -> TestServer.ADMIN_KEY;
            case ADVERTISER -> lena.key();
            case SEARCH_SERVICE -> TestServer.SERVICE_KEY;
            case PUBLIC, STRIPE_SIGNATURE -> null;
        };
    }

    private String path(ApiRouter.Route route) {
        return path(route.path());
    }

    /** A route's path with ids of this test's own advertiser and campaign. */
    private String path(String template) {
        return template.replace("/v1/advertisers/{id}", "/v1/advertisers/" + lena.id())
                .replace("{type}/{id}", "service_profile/srv_" + lena.userId().substring("usr_".length()))
                .replace("{id}", campaign);
    }

    private static JsonNode document() {
        try {
            return new ObjectMapper(new YAMLFactory()).readTree(OpenApiContract.DOCUMENT.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
