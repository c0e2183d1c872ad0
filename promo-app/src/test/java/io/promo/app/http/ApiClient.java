package io.promo.app.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** A JSON client of the API over a real port (java.net.http). */
final class ApiClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;

    ApiClient(String base) {
        this.base = base;
    }

    record Response(int status, String contentType, String body, HttpResponse<byte[]> raw) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON (" + status + "): " + body, e);
            }
        }

        String text(String field) {
            return json().path(field).asText(null);
        }

        @Override
        public String toString() {
            return status + " " + contentType + " " + body;
        }
    }

    Response get(String path, String key) {
        return send("GET", path, key, null, "application/json");
    }

    Response post(String path, String key, String json) {
        return send("POST", path, key, json, "application/json");
    }

    Response put(String path, String key, String json) {
        return send("PUT", path, key, json, "application/json");
    }

    Response patch(String path, String key, String json) {
        return send("PATCH", path, key, json, "application/json");
    }

    Response send(String method, String path, String key, String body, String contentType) {
        return sendBytes(method, path, key == null ? null : "Bearer " + key,
                body == null ? null : body.getBytes(StandardCharsets.UTF_8), contentType);
    }

    Response sendBytes(String method, String path, String authorization, byte[] body, String contentType) {
        return sendBytes(method, path, authorization, body, contentType, null);
    }

    /** With a {@code Stripe-Signature} header, as Stripe delivers webhooks. */
    Response sendBytes(String method, String path, String authorization, byte[] body, String contentType,
            String stripeSignature) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        if (stripeSignature != null) {
            request.header("Stripe-Signature", stripeSignature);
        }
        if (body != null && contentType != null) {
            request.header("Content-Type", contentType);
        }
        try {
            HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Response(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                    new String(response.body(), StandardCharsets.UTF_8), response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
