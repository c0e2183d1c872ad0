package io.promo.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.promo.app.config.PromoConfig;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ./promo serve} on the embedded default: data survives a restart, shutdown closes the port. */
class PromoApplicationTest {

    private static final String ADMIN_KEY = "admin-key-for-the-restart-test-0123456789";
    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path dataDirectory;

    private PromoApplication start() {
        return PromoApplication.start(PromoConfig.load(Map.of(
                PromoConfig.DATA_DIR, dataDirectory.toString(),
                PromoConfig.HTTP_PORT, "0",
                PromoConfig.ADMIN_KEY, ADMIN_KEY), Map.of(), new SecureRandom()));
    }

    @Test
    void the_embedded_database_keeps_its_data_across_a_restart_and_shutdown_stops_serving() throws Exception {
        String advertiserId;
        String apiKey;
        int port;
        try (PromoApplication first = start()) {
            port = first.port();
            HttpResponse<String> created = send(port, "POST", "/v1/advertisers", ADMIN_KEY, "{\"user_id\":\"usr_restart\"}");
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            advertiserId = field(created.body(), "advertiser_id");
            apiKey = field(created.body(), "api_key");
        }
        int closedPort = port;
        assertThatThrownBy(() -> send(closedPort, "GET", "/health", null, null)).isInstanceOf(ConnectException.class);

        try (PromoApplication second = start()) {
            HttpResponse<String> read = send(second.port(), "GET", "/v1/advertisers/" + advertiserId, apiKey, null);
            assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
            assertThat(read.body()).contains("\"user_id\":\"usr_restart\"");
        }
    }

    private HttpResponse<String> send(int port, String method, String path, String key, String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String field(String json, String name) {
        Matcher matcher = Pattern.compile("\"" + name + "\":\"([^\"]+)\"").matcher(json);
        assertThat(matcher.find()).as(json).isTrue();
        return matcher.group(1);
    }
}
