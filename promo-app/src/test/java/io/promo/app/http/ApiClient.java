package io.promo.app.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A JSON client of the API over a real port (java.net.http). Every exchange is held to docs/api/openapi.yaml
 * ({@link OpenApiContract}): a test that makes the server answer what the document does not say fails.
 */
final class ApiClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private final boolean heldToTheDocument;

    ApiClient(String base) {
        this(base, true);
    }

    private ApiClient(String base, boolean heldToTheDocument) {
        this.base = base;
        this.heldToTheDocument = heldToTheDocument;
    }

    /**
     * This client without the document's check: for an exchange on which the server is known to break the document
     * today (a defect to fix), or a burst of an exchange already checked whose timing the test depends on. Never a
     * way to test something the document does not describe; {@code why} says which.
     */
    ApiClient notHeldToTheDocument(String why) {
        if (why == null || why.isBlank()) {
            throw new IllegalArgumentException("say why this exchange is not held to the document");
        }
        return new ApiClient(base, false);
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
        return exchange(method, path, authorization, body, contentType, stripeSignature,
                body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
    }

    /** The body sent chunked, without a {@code Content-Length} for the server to trust. */
    Response sendChunked(String method, String path, String authorization, byte[] body, String contentType) {
        return exchange(method, path, authorization, body, contentType, null,
                HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)));
    }

    private Response exchange(String method, String path, String authorization, byte[] body, String contentType,
            String stripeSignature, HttpRequest.BodyPublisher publisher) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .method(method, publisher);
        Map<String, String> headers = new LinkedHashMap<>();
        if (authorization != null) {
            headers.put("Authorization", authorization);
        }
        if (stripeSignature != null) {
            headers.put("Stripe-Signature", stripeSignature);
        }
        if (body != null && contentType != null) {
            headers.put("Content-Type", contentType);
        }
        headers.forEach(request::header);
        try {
            HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            if (heldToTheDocument) {
                OpenApiContract.documented().check(new OpenApiContract.Exchange(method, response.request().uri(), headers,
                        body, response.statusCode(), response.headers(), response.body()));
            }
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
