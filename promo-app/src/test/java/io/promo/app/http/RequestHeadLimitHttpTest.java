package io.promo.app.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * A request line or headers beyond what Jetty reads ({@link JettyProblems#REQUEST_HEAD_BYTES}) are refused before any
 * route runs, on every route: 431 for the headers (an overlong key, say), 414 for the URI, each a problem with its
 * title, as the API document lists them for every operation ({@link ApiClient} holds each exchange to it).
 */
class RequestHeadLimitHttpTest {

    private final ApiClient api = new Marketplace().api;
    private final String overlong = "k".repeat(JettyProblems.REQUEST_HEAD_BYTES + 1);

    @Test
    void headers_beyond_the_limit_are_a_431_problem_on_any_route() {
        for (ApiClient.Response refused : new ApiClient.Response[] {
                api.post("/v1/decisions", overlong, "{}"), api.get("/health", overlong),
                api.get("/metrics", overlong)}) {
            assertThat(refused.status()).as(refused.toString()).isEqualTo(431);
            assertThat(refused.contentType()).startsWith("application/problem+json");
            assertThat(refused.json().path("title").asText()).isEqualTo("Request Header Fields Too Large");
            assertThat(refused.json().path("detail").asText()).contains("8 KiB");
        }
    }

    @Test
    void a_uri_beyond_the_limit_is_a_414_problem_on_any_route() {
        ApiClient.Response refused = api.get("/v1/campaigns/pcmp_" + overlong, TestServer.ADMIN_KEY);

        assertThat(refused.status()).as(refused.toString()).isEqualTo(414);
        assertThat(refused.json().path("title").asText()).isEqualTo("URI Too Long");
        assertThat(refused.json().path("detail").asText()).contains("8 KiB");
    }
}
