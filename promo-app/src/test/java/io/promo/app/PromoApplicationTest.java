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

    @Test
    void a_request_in_flight_when_shutdown_begins_is_still_answered() throws Exception {
        PromoApplication app = start();
        byte[] body = "{\"user_id\":\"usr_in_flight\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", app.port())) {
            java.io.OutputStream out = socket.getOutputStream();
            out.write(("POST /v1/advertisers HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + ADMIN_KEY
                    + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n")
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            out.write(body, 0, 5);
            out.flush();
            Thread.sleep(300); // the handler is now waiting for the rest of the body
            Thread closer = new Thread(app::close, "closer");
            closer.start();
            Thread.sleep(500); // shutdown has begun and waits for this request
            out.write(body, 5, body.length - 5);
            out.flush();
            String statusLine = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(),
                    java.nio.charset.StandardCharsets.US_ASCII)).readLine();
            closer.join(20_000);

            assertThat(statusLine).isEqualTo("HTTP/1.1 201 Created");
            assertThat(closer.isAlive()).isFalse();
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
