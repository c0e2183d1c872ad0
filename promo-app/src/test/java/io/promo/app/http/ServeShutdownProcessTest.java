package io.promo.app.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.promo.persistence.EmbeddedPostgresServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./promo serve} as a process of its own: SIGTERM with the database down and impressions buffered ends
 * within PROMO_SHUTDOWN_TIMEOUT, and the shutdown's log lines (java.util.logging's, which its own shutdown hook
 * used to close first) are in the output, the dropped impressions counted.
 */
class ServeShutdownProcessTest {

    private static final long SHUTDOWN_SECONDS = 5;

    @TempDir
    Path dataDirectory;

    private EmbeddedPostgresServer database;
    private Process promo;
    private final List<String> stdout = Collections.synchronizedList(new ArrayList<>());
    private final List<String> stderr = Collections.synchronizedList(new ArrayList<>());

    @AfterEach
    void cleanUp() {
        if (promo != null && promo.isAlive()) {
            promo.destroyForcibly();
        }
        if (database != null) {
            database.close();
        }
    }

    @Test
    void sigterm_with_the_database_down_exits_within_the_shutdown_timeout_and_logs_what_it_dropped() throws Exception {
        database = EmbeddedPostgresServer.startPersistent(dataDirectory, Map.of());
        promo = serve();
        ApiClient api = new ApiClient("http://127.0.0.1:" + port());
        Marketplace market = new Marketplace(api);
        String city = Marketplace.unique("city").toLowerCase();
        String entity = Marketplace.unique("srv");
        Marketplace.Advertiser lena = market.advertiser();
        String campaignId = market.campaign(lena, entity, city, 60);
        market.fund(lena, campaignId, 5_000);
        assertThat(api.post("/v1/campaigns/" + campaignId + "/activate", lena.key(), null).status()).isEqualTo(200);
        String decision = """
                {"surface":"people_search","role":"photographer","city":"%s","query":"portrait",
                 "viewer":{"anon_fingerprint":"fp_sigterm"},"client":{"ip":"198.51.100.9","user_agent":"Mozilla/5.0"},
                 "organic_matches":["srv_a","%s","srv_b"]}""".formatted(city, entity);
        Instant deadline = Instant.now().plusSeconds(10);
        while (!api.post("/v1/decisions", TestServer.SERVICE_KEY, decision).json().path("results").get(0)
                .path("sponsored").asBoolean()) {
            assertThat(Instant.now()).as("never sponsored").isBefore(deadline);
            Thread.sleep(100);
        }

        database.close();
        int sponsored = 0;
        for (int i = 0; i < 213; i++) {
            JsonNode first = api.post("/v1/decisions", TestServer.SERVICE_KEY, decision).json().path("results").get(0);
            sponsored += first.path("sponsored").asBoolean() ? 1 : 0;
        }
        assertThat(sponsored).as("impressions buffered while the database is down").isPositive();
        Thread.sleep(500); // the writer is failing its batch

        long started = System.nanoTime();
        promo.destroy(); // SIGTERM
        boolean exited = promo.waitFor(SHUTDOWN_SECONDS + 30, TimeUnit.SECONDS);
        long tookMillis = (System.nanoTime() - started) / 1_000_000;
        Thread.sleep(200); // the output readers reach the end of the streams
        String out = String.join("\n", stdout);
        String err = String.join("\n", stderr);

        assertThat(exited).as("still running after %d s", SHUTDOWN_SECONDS + 30).isTrue();
        assertThat(tookMillis).as("SIGTERM to exit; stdout:%n%s", out)
                .isLessThan(TimeUnit.SECONDS.toMillis(SHUTDOWN_SECONDS) + 3_000);
        assertThat(out).contains("promo: stopped in");
        assertThat(err).as("the shutdown's log lines").contains("closed HTTP server").contains("closed impression buffer")
                .contains("closed database connections").contains("stopped in");
        Matcher dropped = Pattern.compile("(\\d+) buffered impressions were not written").matcher(err);
        assertThat(dropped.find()).as("the dropped impressions are logged:%n%s", err).isTrue();
        assertThat(Long.parseLong(dropped.group(1))).isEqualTo(sponsored);
    }

    private Process serve() throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        ProcessBuilder builder = new ProcessBuilder(java, "-cp", classpath, "io.promo.app.Main", "serve");
        builder.environment().keySet().removeIf(name -> name.startsWith("PROMO_"));
        builder.environment().putAll(Map.of(
                "PROMO_DB_URL", database.jdbcUrl(),
                "PROMO_HTTP_PORT", "0",
                "PROMO_ADMIN_KEY", TestServer.ADMIN_KEY,
                "PROMO_SERVICE_KEY", TestServer.SERVICE_KEY,
                "PROMO_SHUTDOWN_TIMEOUT", SHUTDOWN_SECONDS + "s"));
        Process process = builder.start();
        read(process.getInputStream(), stdout);
        read(process.getErrorStream(), stderr);
        return process;
    }

    /** The port promo printed it listens on. */
    private int port() throws InterruptedException {
        Pattern listening = Pattern.compile("listening on http://[^:]+:(\\d+)");
        Instant deadline = Instant.now().plusSeconds(60);
        while (Instant.now().isBefore(deadline)) {
            synchronized (stdout) {
                for (String line : stdout) {
                    Matcher matcher = listening.matcher(line);
                    if (matcher.find()) {
                        return Integer.parseInt(matcher.group(1));
                    }
                }
            }
            assertThat(promo.isAlive()).as("promo exited at start:%n%s", String.join("\n", stderr)).isTrue();
            Thread.sleep(100);
        }
        throw new AssertionError("promo did not start in 60 s:\n" + String.join("\n", stderr));
    }

    private static void read(InputStream stream, List<String> lines) {
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    lines.add(line);
                }
            } catch (IOException ignored) {
                // the process is gone
            }
        });
        reader.setDaemon(true);
        reader.start();
    }
}
