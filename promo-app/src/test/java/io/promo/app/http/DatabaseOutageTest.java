package io.promo.app.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.promo.app.PromoApplication;
import io.promo.app.config.PromoConfig;
import io.promo.domain.shared.Actor;
import io.promo.domain.shared.Outcome;
import io.promo.persistence.EmbeddedPostgresServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * promo with its database stopped under load, and with the budget table locked (ADR 0014): decisions keep their
 * latency, money work answers 503 at once instead of hanging, {@code /health} answers within 2 s and says the
 * database is down, and clicks retried once the database is back are billed once. A promo and a PostgreSQL of
 * this test's own, since it stops the database.
 */
class DatabaseOutageTest {

    private static final long CPC = 60;
    /** Concurrent clients clicking through the outage: more than Jetty's 250 threads. */
    private static final int LOAD_CLIENTS = 300;
    private static final String USER_AGENT = "Mozilla/5.0 (X11) OutageTest/1";

    @TempDir
    Path dataDirectory;

    private EmbeddedPostgresServer database;
    private PromoApplication app;
    private ApiClient api;
    private Marketplace market;
    private final HttpClient load = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeEach
    void start() {
        database = EmbeddedPostgresServer.startPersistent(dataDirectory, Map.of());
        app = PromoApplication.start(PromoConfig.load(Map.of(
                PromoConfig.DB_URL, database.jdbcUrl(),
                PromoConfig.HTTP_PORT, "0",
                PromoConfig.ADMIN_KEY, TestServer.ADMIN_KEY,
                PromoConfig.SERVICE_KEY, TestServer.SERVICE_KEY,
                // A click pays its cpc here: what this test counts is that a click is billed once, not its price.
                "PROMO_PRICING_MODE", "first_price"), Map.of(), new SecureRandom()));
        api = new ApiClient("http://127.0.0.1:" + app.port());
        market = new Marketplace(api);
    }

    @AfterEach
    void stop() {
        app.close();
        database.close();
    }

    @Test
    void with_the_database_stopped_decisions_keep_their_latency_clicks_answer_503_and_retried_clicks_are_billed_once()
            throws Exception {
        String city = Marketplace.unique("city").toLowerCase();
        String entity = Marketplace.unique("srv");
        Marketplace.Advertiser lena = market.advertiser();
        String campaignId = market.campaign(lena, entity, city, CPC);
        market.fund(lena, campaignId, 5_000);
        assertThat(api.post("/v1/campaigns/" + campaignId + "/activate", lena.key(), null).status()).isEqualTo(200);
        List<Click> clicks = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            clicks.add(sponsoredClick(city, entity, i));
        }

        Load clicking = new Load();
        clicking.start();
        List<Long> before = decisionNanos(city, entity, 60);

        database.close();
        Instant stopped = Instant.now();
        List<Long> during = decisionNanos(city, entity, 60);
        JsonNode health = healthUntilDown(stopped);
        List<ApiClient.Response> refused = new ArrayList<>();
        for (Click click : clicks) {
            long started = System.nanoTime();
            ApiClient.Response response = send(click);
            long tookMillis = (System.nanoTime() - started) / 1_000_000;
            assertThat(tookMillis).as("a click with the database down answers at once, not after a hang: %s", response)
                    .isLessThan(4_000);
            refused.add(response);
        }
        clicking.stop();
        database = database.startAgain();

        System.out.printf("decisions: median %d us before the stop, %d us during; load answers %s%n",
                median(before) / 1_000, median(during) / 1_000, clicking.statuses);
        assertThat(median(during)).as("median decision before the stop %d us, during %d us", median(before) / 1_000,
                median(during) / 1_000).isLessThanOrEqualTo(10 * median(before));
        assertThat(health.path("status").asInt()).isEqualTo(503);
        assertThat(health.path("health").path("database").asText()).isEqualTo("unreachable");
        assertThat(health.path("health").path("down").toString()).contains("database");
        assertThat(health.path("health").path("checks").path("serving_index").path("status").asText()).isNotBlank();
        for (ApiClient.Response response : refused) {
            assertThat(response.status()).as(response.toString()).isEqualTo(503);
            assertThat(response.contentType()).startsWith("application/problem+json");
            assertThat(response.raw().headers().firstValue("Retry-After")).isPresent();
        }
        assertThat(clicking.statuses).as("the load's answers during the outage").containsKey(503)
                .doesNotContainKey(500);

        awaitHealthy();
        for (Click click : clicks) {
            ApiClient.Response billed = send(click);
            assertThat(billed.status()).as(billed.toString()).isEqualTo(200);
            assertThat(billed.json().path("type").asText()).as(billed.toString()).isEqualTo("click");
            assertThat(billed.json().path("billed_cents").asLong()).isEqualTo(CPC);
            ApiClient.Response again = send(click);
            assertThat(again.json().path("billed_cents").asLong()).as(again.toString()).isZero();
        }
        JsonNode balance = api.get("/v1/campaigns/" + campaignId + "/balance", lena.key()).json();
        assertThat(balance.path("balance_cents").asLong()).as(balance.toString()).isEqualTo(5_000 - clicks.size() * CPC);
        Outcome<?> reconciled = app.useCases().budgetQueries().reconcile(Actor.ADMIN);
        assertThat(reconciled).isEqualTo(Outcome.accepted(List.of()));
    }

    @Test
    void with_the_budget_table_locked_a_click_answers_503_within_the_lock_timeout_and_is_billed_once_after()
            throws Exception {
        String city = Marketplace.unique("city").toLowerCase();
        String entity = Marketplace.unique("srv");
        Marketplace.Advertiser lena = market.advertiser();
        String campaignId = market.campaign(lena, entity, city, CPC);
        market.fund(lena, campaignId, 5_000);
        assertThat(api.post("/v1/campaigns/" + campaignId + "/activate", lena.key(), null).status()).isEqualTo(200);
        Click click = sponsoredClick(city, entity, 0);

        ApiClient.Response locked;
        long tookMillis;
        try (Connection holder = DriverManager.getConnection(database.jdbcUrl());
             Statement statement = holder.createStatement()) {
            holder.setAutoCommit(false);
            statement.execute("lock table promo_campaign_budget in access exclusive mode");
            Thread releaser = new Thread(() -> {
                sleep(Duration.ofSeconds(20)); // a hang long enough to tell apart, short enough to end the test
                try {
                    holder.rollback();
                } catch (java.sql.SQLException ignored) {
                    // closed already: the test is over
                }
            });
            releaser.setDaemon(true);
            releaser.start();
            long started = System.nanoTime();
            locked = send(click);
            tookMillis = (System.nanoTime() - started) / 1_000_000;
            holder.rollback();
        }

        assertThat(locked.status()).as(locked.toString()).isEqualTo(503);
        assertThat(tookMillis).as("answered after %d ms; the lock timeout is %s", tookMillis,
                PromoConfig.DEFAULT_DB_LOCK_TIMEOUT).isLessThan(PromoConfig.DEFAULT_DB_LOCK_TIMEOUT.toMillis() + 1_500);
        assertThat(locked.raw().headers().firstValue("Retry-After")).isPresent();
        assertThat(locked.text("detail")).contains("lock");
        ApiClient.Response billed = send(click);
        assertThat(billed.json().path("billed_cents").asLong()).as(billed.toString()).isEqualTo(CPC);
        assertThat(send(click).json().path("billed_cents").asLong()).isZero();
        assertThat(api.get("/v1/campaigns/" + campaignId + "/balance", lena.key()).json().path("balance_cents").asLong())
                .isEqualTo(5_000 - CPC);
    }

    /** A sponsored result's click token with the viewer and client that saw it; each viewer its own. */
    private record Click(String token, String fingerprint, String ip) {
    }

    private Click sponsoredClick(String city, String entity, int viewer) {
        String fingerprint = "fp_outage_" + viewer;
        String ip = "198.51.100." + (viewer + 1);
        String request = decisionJson(city, entity, fingerprint, ip);
        Instant deadline = Instant.now().plusSeconds(10);
        while (Instant.now().isBefore(deadline)) {
            ApiClient.Response page = api.post("/v1/decisions", TestServer.SERVICE_KEY, request);
            JsonNode first = page.json().path("results").get(0);
            if (first.path("sponsored").asBoolean()) {
                return new Click(first.path("click_token").asText(), fingerprint, ip);
            }
            sleep(Duration.ofMillis(100));
        }
        throw new AssertionError("the campaign was never sponsored");
    }

    private static String decisionJson(String city, String entity, String fingerprint, String ip) {
        return """
                {"surface":"people_search","role":"photographer","city":"%s","query":"portrait",
                 "viewer":{"anon_fingerprint":"%s"},"client":{"ip":"%s","user_agent":"%s"},
                 "organic_matches":["srv_a","%s","srv_b"]}""".formatted(city, fingerprint, ip, USER_AGENT, entity);
    }

    private ApiClient.Response send(Click click) {
        return api.post("/v1/clicks", TestServer.SERVICE_KEY, """
                {"click_token":"%s","viewer":{"anon_fingerprint":"%s"},"client":{"ip":"%s","user_agent":"%s"}}"""
                .formatted(click.token(), click.fingerprint(), click.ip(), USER_AGENT));
    }

    /** The time of each of {@code count} decisions, one after another; every one must be answered 200. */
    private List<Long> decisionNanos(String city, String entity, int count) {
        String request = decisionJson(city, entity, "fp_timing", "192.0.2.1");
        List<Long> nanos = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            long started = System.nanoTime();
            ApiClient.Response page = api.post("/v1/decisions", TestServer.SERVICE_KEY, request);
            nanos.add(System.nanoTime() - started);
            assertThat(page.status()).as(page.toString()).isEqualTo(200);
            sleep(Duration.ofMillis(20));
        }
        return nanos;
    }

    private static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

    /** Polls /health until it reports the database down; each answer within 2 s, the verdict within 5 s of the stop. */
    private JsonNode healthUntilDown(Instant stopped) {
        while (true) {
            long started = System.nanoTime();
            ApiClient.Response health = api.get("/health", null);
            long tookMillis = (System.nanoTime() - started) / 1_000_000;
            assertThat(tookMillis).as("/health answered after %d ms: %s", tookMillis, health).isLessThan(2_000);
            if (health.status() != 200) {
                assertThat(health.contentType()).startsWith("application/problem+json");
                return health.json();
            }
            assertThat(Duration.between(stopped, Instant.now())).as("/health still says ok: %s", health)
                    .isLessThan(Duration.ofSeconds(5));
            sleep(Duration.ofMillis(200));
        }
    }

    private void awaitHealthy() {
        Instant deadline = Instant.now().plusSeconds(30);
        while (api.get("/health", null).status() != 200) {
            assertThat(Instant.now()).as("promo never found its database again").isBefore(deadline);
            sleep(Duration.ofMillis(200));
        }
    }

    /** {@link #LOAD_CLIENTS} clients each clicking (a bad token: still database work) every 250 ms until stopped. */
    private final class Load {
        final Map<Integer, Integer> statuses = new ConcurrentHashMap<>();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final List<Thread> clients = new ArrayList<>();

        void start() {
            for (int i = 0; i < LOAD_CLIENTS; i++) {
                String body = """
                        {"click_token":"v1.not-a-token-%d","viewer":{"anon_fingerprint":"fp_load_%d"},
                         "client":{"ip":"203.0.113.%d","user_agent":"%s"}}""".formatted(i, i, i % 250, USER_AGENT);
                Thread client = new Thread(() -> {
                    while (running.get()) {
                        try {
                            HttpResponse<Void> response = load.send(HttpRequest.newBuilder(
                                            URI.create("http://127.0.0.1:" + app.port() + "/v1/clicks"))
                                    .timeout(Duration.ofSeconds(60))
                                    .header("Authorization", "Bearer " + TestServer.SERVICE_KEY)
                                    .header("Content-Type", "application/json")
                                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                                    HttpResponse.BodyHandlers.discarding());
                            statuses.merge(response.statusCode(), 1, Integer::sum);
                        } catch (Exception e) {
                            statuses.merge(-1, 1, Integer::sum);
                        }
                        sleep(Duration.ofMillis(250));
                    }
                }, "load-" + i);
                client.setDaemon(true);
                clients.add(client);
            }
            clients.forEach(Thread::start);
            sleep(Duration.ofSeconds(1)); // every client has a click in flight
        }

        void stop() throws InterruptedException {
            running.set(false);
            for (Thread client : clients) {
                client.join(5_000);
            }
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
