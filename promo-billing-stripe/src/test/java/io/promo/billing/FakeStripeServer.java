package io.promo.billing;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small Stripe that speaks Stripe's JSON over HTTP on 127.0.0.1, for stripe-java to talk to for real.
 * It serves what promo uses: creating and confirming a PaymentIntent, retrieving PaymentIntents and
 * Charges, listing a charge's Refunds. Like Stripe it replays an idempotency key's first answer, refuses
 * a key reused with other parameters, and picks a payment's fate by its payment method, after Stripe's
 * test payment methods:
 *
 * <ul>
 * <li>{@code pm_card_chargeDeclinedInsufficientFunds}: 402 card_error, decline code insufficient_funds;</li>
 * <li>{@code pm_card_authenticationRequired}: 402 card_error authentication_required, with the
 *     PaymentIntent and its client secret in the error;</li>
 * <li>{@code pm_card_threeDSecureRequired}: 200, status requires_action;</li>
 * <li>{@code pm_card_processing}: 200, status processing;</li>
 * <li>{@code pm_detached}: 400 resource_missing on payment_method;</li>
 * <li>anything else: 200, status succeeded, with a charge.</li>
 * </ul>
 *
 * Faults are scripted per request to create a PaymentIntent: an HTTP status (500, 429) or a delay.
 */
final class FakeStripeServer implements AutoCloseable {

    static final String API_KEY = "sk_test_fake_promo";

    /** One request as received. */
    record Received(String method, String path, String idempotencyKey, String authorization, String stripeVersion,
            Map<String, String> form) {
    }

    private record Stored(String fingerprint, int status, String body) {
    }

    private sealed interface Fault permits Status, Delay {
    }

    private record Status(int code) implements Fault {
    }

    private record Delay(Duration duration) implements Fault {
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final List<Received> received = Collections.synchronizedList(new ArrayList<>());
    private final Deque<Fault> faults = new ArrayDeque<>();
    private final Map<String, Stored> byIdempotencyKey = new ConcurrentHashMap<>();
    private final Map<String, JsonObject> intents = new ConcurrentHashMap<>();
    private final Map<String, JsonObject> charges = new ConcurrentHashMap<>();
    private final Map<String, List<JsonObject>> refundsByCharge = new ConcurrentHashMap<>();
    private final Map<String, Integer> refundListLag = new ConcurrentHashMap<>();
    private final AtomicInteger sequence = new AtomicInteger();
    private final List<JsonObject> webhookEndpoints = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger inFlight = new AtomicInteger();

    private FakeStripeServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        server.setExecutor(executor);
        server.createContext("/", this::serve);
        server.start();
    }

    static FakeStripeServer start() {
        try {
            return new FakeStripeServer();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the fake Stripe server", e);
        }
    }

    /** Settings for a Stripe that cannot be reached: a server started and closed at once, no retries. */
    static StripeSettings unreachable() {
        FakeStripeServer gone = start();
        gone.close();
        return gone.settings().withMaxNetworkRetries(0);
    }

    URI baseUri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Settings for stripe-java against this server: short timeouts, 2 retries. */
    StripeSettings settings() {
        return new StripeSettings(API_KEY, baseUri(), Duration.ofSeconds(2), Duration.ofSeconds(2), 2);
    }

    synchronized void nextAnswersStatus(int status) {
        faults.add(new Status(status));
    }

    synchronized void nextIsDelayed(Duration delay) {
        faults.add(new Delay(delay));
    }

    List<Received> received() {
        synchronized (received) {
            return List.copyOf(received);
        }
    }

    List<Received> paymentIntentCreations() {
        return received().stream().filter(r -> r.method().equals("POST") && r.path().equals("/v1/payment_intents")).toList();
    }

    /** PaymentIntents Stripe created (not replays). */
    List<JsonObject> intents() {
        return List.copyOf(intents.values());
    }

    Optional<JsonObject> intent(String id) {
        return Optional.ofNullable(intents.get(id)).map(JsonObject::deepCopy);
    }

    /** The charge of a succeeded PaymentIntent. */
    JsonObject chargeOf(String intentId) {
        String chargeId = intents.get(intentId).get("latest_charge").getAsString();
        return charges.get(chargeId).deepCopy();
    }

    /** A refund of the intent's charge, as Stripe records it when someone refunds from the dashboard. */
    JsonObject refund(String intentId, long amount) {
        JsonObject charge = charges.get(intents.get(intentId).get("latest_charge").getAsString());
        JsonObject refund = new JsonObject();
        refund.addProperty("id", "re_fake_" + sequence.incrementAndGet());
        refund.addProperty("object", "refund");
        refund.addProperty("amount", amount);
        refund.addProperty("currency", charge.get("currency").getAsString());
        refund.addProperty("charge", charge.get("id").getAsString());
        refund.addProperty("payment_intent", intentId);
        refund.addProperty("status", "succeeded");
        refund.addProperty("created", 1_795_000_000L);
        refundsByCharge.computeIfAbsent(charge.get("id").getAsString(), k -> Collections.synchronizedList(new ArrayList<>()))
                .add(refund);
        charge.addProperty("amount_refunded", charge.get("amount_refunded").getAsLong() + amount);
        charge.addProperty("refunded", charge.get("amount_refunded").getAsLong() == charge.get("amount").getAsLong());
        return refund.deepCopy();
    }

    /**
     * The refund fails, as when the card was closed: its status is {@code failed}, its money is back in our balance, and
     * the charge no longer counts it as refunded. Answers the refund as {@code refund.failed} carries it.
     */
    synchronized JsonObject failRefund(String refundId, String failureReason) {
        return failRefund(refundId, failureReason, false);
    }

    /**
     * {@link #failRefund(String, String)}, with the charge's {@code amount_refunded} left as it was when
     * {@code stillCounted}: Stripe's documentation does not say which it does, and promo must book right either way.
     */
    synchronized JsonObject failRefund(String refundId, String failureReason, boolean stillCounted) {
        for (Map.Entry<String, List<JsonObject>> byCharge : refundsByCharge.entrySet()) {
            for (JsonObject refund : byCharge.getValue()) {
                if (refund.get("id").getAsString().equals(refundId)) {
                    refund.addProperty("status", "failed");
                    refund.addProperty("failure_reason", failureReason);
                    JsonObject charge = charges.get(byCharge.getKey());
                    if (!stillCounted) {
                        charge.addProperty("amount_refunded",
                                charge.get("amount_refunded").getAsLong() - refund.get("amount").getAsLong());
                        charge.addProperty("refunded", false);
                    }
                    return refund.deepCopy();
                }
            }
        }
        throw new IllegalArgumentException("no refund " + refundId);
    }

    /** Stripe's list of the charge's refunds leaves out its newest {@code refunds} while the charge counts them. */
    void refundListLagsBehind(String chargeId, int refunds) {
        refundListLag.put(chargeId, refunds);
    }

    /** A webhook endpoint of the account, as {@code GET /v1/webhook_endpoints} lists it. */
    void hasWebhookEndpoint(String status, String... enabledEvents) {
        JsonObject endpoint = new JsonObject();
        endpoint.addProperty("id", "we_fake_" + sequence.incrementAndGet());
        endpoint.addProperty("object", "webhook_endpoint");
        endpoint.addProperty("url", "https://promo.example/v1/stripe/webhook");
        endpoint.addProperty("status", status);
        endpoint.addProperty("api_version", StripeEvents.API_VERSION);
        JsonArray events = new JsonArray();
        for (String type : enabledEvents) {
            events.add(type);
        }
        endpoint.add("enabled_events", events);
        webhookEndpoints.add(endpoint);
    }

    /** Waits until no request is being served (delayed ones included). */
    void awaitIdle() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (inFlight.get() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void serve(HttpExchange exchange) throws IOException {
        inFlight.incrementAndGet();
        try {
            String method = exchange.getRequestMethod();
            URI uri = exchange.getRequestURI();
            Map<String, String> form = parseForm(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            if (uri.getRawQuery() != null) {
                form.putAll(parseForm(uri.getRawQuery()));
            }
            String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
            received.add(new Received(method, uri.getPath(), key, exchange.getRequestHeaders().getFirst("Authorization"),
                    exchange.getRequestHeaders().getFirst("Stripe-Version"), form));
            if (!("Bearer " + API_KEY).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                respond(exchange, 401, error("invalid_request_error", null, null, null,
                        "Invalid API Key provided: " + exchange.getRequestHeaders().getFirst("Authorization")));
                return;
            }
            if (method.equals("POST") && uri.getPath().equals("/v1/payment_intents")) {
                createPaymentIntent(exchange, key, form);
            } else if (method.equals("GET") && uri.getPath().startsWith("/v1/payment_intents/")) {
                found(exchange, intents.get(uri.getPath().substring("/v1/payment_intents/".length())), "payment_intent");
            } else if (method.equals("GET") && uri.getPath().startsWith("/v1/charges/")) {
                found(exchange, charges.get(uri.getPath().substring("/v1/charges/".length())), "charge");
            } else if (method.equals("GET") && uri.getPath().equals("/v1/webhook_endpoints")) {
                JsonObject list = new JsonObject();
                list.addProperty("object", "list");
                list.addProperty("url", "/v1/webhook_endpoints");
                list.addProperty("has_more", false);
                JsonArray data = new JsonArray();
                synchronized (webhookEndpoints) {
                    webhookEndpoints.forEach(data::add);
                }
                list.add("data", data);
                respond(exchange, 200, list.toString());
            } else if (method.equals("GET") && uri.getPath().equals("/v1/refunds")) {
                JsonObject list = new JsonObject();
                list.addProperty("object", "list");
                list.addProperty("url", "/v1/refunds");
                list.addProperty("has_more", false);
                JsonArray data = new JsonArray();
                List<JsonObject> ofCharge = List.copyOf(refundsByCharge.getOrDefault(form.get("charge"), List.of()));
                ofCharge.subList(0, Math.max(0, ofCharge.size() - refundListLag.getOrDefault(form.get("charge"), 0)))
                        .forEach(data::add);
                list.add("data", data);
                respond(exchange, 200, list.toString());
            } else {
                respond(exchange, 404, error("invalid_request_error", "resource_missing", null, null,
                        "Unrecognized request URL (" + method + ": " + uri.getPath() + ")"));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // The client gave up (a read timeout): what Stripe did stays done.
        } finally {
            exchange.close();
            inFlight.decrementAndGet();
        }
    }

    private void createPaymentIntent(HttpExchange exchange, String key, Map<String, String> form)
            throws IOException, InterruptedException {
        Fault fault;
        synchronized (this) {
            fault = faults.poll();
        }
        if (fault instanceof Status status) {
            respond(exchange, status.code(), status.code() == 429
                    ? error("invalid_request_error", "rate_limit", null, null, "Too many requests made to the API too quickly")
                    : error("api_error", null, null, null, "An unknown error occurred"));
            return;
        }
        if (fault instanceof Delay delay) {
            Thread.sleep(delay.duration().toMillis());
        }
        String fingerprint = new TreeMap<>(form).toString();
        Stored answer;
        synchronized (this) {
            Stored earlier = key == null ? null : byIdempotencyKey.get(key);
            if (earlier != null && !earlier.fingerprint().equals(fingerprint)) {
                respond(exchange, 400, error("idempotency_error", null, null, null,
                        "Keys for idempotent requests can only be used with the same parameters they were first used with. "
                                + "Try using a key other than '" + key + "' if you meant to execute a different request."));
                return;
            }
            if (earlier != null) {
                exchange.getResponseHeaders().add("Idempotent-Replayed", "true");
                answer = earlier;
            } else {
                answer = decide(form, fingerprint);
                if (key != null) {
                    byIdempotencyKey.put(key, answer);
                }
            }
        }
        respond(exchange, answer.status(), answer.body());
    }

    private Stored decide(Map<String, String> form, String fingerprint) {
        String paymentMethod = form.getOrDefault("payment_method", "");
        if (paymentMethod.equals("pm_detached")) {
            return new Stored(fingerprint, 400, error("invalid_request_error", "resource_missing", null, "payment_method",
                    "No such PaymentMethod: '" + paymentMethod + "'"));
        }
        JsonObject intent = newIntent(form);
        String id = intent.get("id").getAsString();
        switch (paymentMethod) {
            case "pm_card_chargeDeclinedInsufficientFunds": {
                intent.addProperty("status", "requires_payment_method");
                JsonObject lastError = errorObject("card_error", "card_declined", "insufficient_funds", null,
                        "Your card has insufficient funds.");
                intent.add("last_payment_error", lastError);
                intents.put(id, intent);
                JsonObject error = errorObject("card_error", "card_declined", "insufficient_funds", null,
                        "Your card has insufficient funds.");
                error.add("payment_intent", intent.deepCopy());
                return new Stored(fingerprint, 402, wrap(error));
            }
            case "pm_card_authenticationRequired": {
                intent.addProperty("status", "requires_payment_method");
                intents.put(id, intent);
                JsonObject error = errorObject("card_error", "authentication_required", "authentication_required", null,
                        "Your card was declined. This transaction requires authentication.");
                error.add("payment_intent", intent.deepCopy());
                return new Stored(fingerprint, 402, wrap(error));
            }
            case "pm_card_threeDSecureRequired":
                intent.addProperty("status", "requires_action");
                intents.put(id, intent);
                return new Stored(fingerprint, 200, intent.toString());
            case "pm_card_processing":
                intent.addProperty("status", "processing");
                intents.put(id, intent);
                return new Stored(fingerprint, 200, intent.toString());
            default: {
                intent.addProperty("status", "succeeded");
                intent.addProperty("amount_received", intent.get("amount").getAsLong());
                JsonObject charge = new JsonObject();
                String chargeId = "ch_fake_" + sequence.incrementAndGet();
                charge.addProperty("id", chargeId);
                charge.addProperty("object", "charge");
                charge.addProperty("amount", intent.get("amount").getAsLong());
                charge.addProperty("amount_refunded", 0);
                charge.addProperty("refunded", false);
                charge.addProperty("currency", intent.get("currency").getAsString());
                charge.addProperty("customer", form.get("customer"));
                charge.addProperty("payment_intent", id);
                charge.addProperty("payment_method", paymentMethod);
                charge.addProperty("status", "succeeded");
                charge.addProperty("paid", true);
                charge.addProperty("captured", true);
                // Stripe copies a PaymentIntent's metadata to the charge it creates, once, at confirmation.
                charge.add("metadata", intent.get("metadata").deepCopy());
                charges.put(chargeId, charge);
                intent.addProperty("latest_charge", chargeId);
                intents.put(id, intent);
                return new Stored(fingerprint, 200, intent.toString());
            }
        }
    }

    private JsonObject newIntent(Map<String, String> form) {
        String id = "pi_fake_" + sequence.incrementAndGet();
        JsonObject intent = new JsonObject();
        intent.addProperty("id", id);
        intent.addProperty("object", "payment_intent");
        intent.addProperty("amount", Long.parseLong(form.get("amount")));
        intent.addProperty("amount_received", 0);
        intent.addProperty("currency", form.get("currency"));
        intent.addProperty("customer", form.get("customer"));
        intent.addProperty("payment_method", form.get("payment_method"));
        intent.addProperty("description", form.get("description"));
        intent.addProperty("client_secret", id + "_secret_fake" + sequence.incrementAndGet());
        intent.addProperty("capture_method", "automatic");
        intent.addProperty("confirmation_method", "automatic");
        intent.addProperty("livemode", false);
        intent.addProperty("created", 1_795_000_000L);
        JsonObject metadata = new JsonObject();
        form.forEach((name, value) -> {
            if (name.startsWith("metadata[") && name.endsWith("]")) {
                metadata.addProperty(name.substring("metadata[".length(), name.length() - 1), value);
            }
        });
        intent.add("metadata", metadata);
        return intent;
    }

    private static void found(HttpExchange exchange, JsonObject object, String what) throws IOException {
        if (object == null) {
            respond(exchange, 404, error("invalid_request_error", "resource_missing", null, "id",
                    "No such " + what + ": '" + exchange.getRequestURI().getPath() + "'"));
        } else {
            respond(exchange, 200, object.toString());
        }
    }

    private static JsonObject errorObject(String type, String code, String declineCode, String param, String message) {
        JsonObject error = new JsonObject();
        error.addProperty("type", type);
        if (code != null) {
            error.addProperty("code", code);
        }
        if (declineCode != null) {
            error.addProperty("decline_code", declineCode);
        }
        if (param != null) {
            error.addProperty("param", param);
        }
        error.addProperty("message", message);
        return error;
    }

    private static String error(String type, String code, String declineCode, String param, String message) {
        return wrap(errorObject(type, code, declineCode, param, message));
    }

    private static String wrap(JsonObject error) {
        JsonObject body = new JsonObject();
        body.add("error", error);
        return body.toString();
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.getResponseHeaders().add("Request-Id", "req_fake");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static Map<String, String> parseForm(String encoded) {
        Map<String, String> form = new LinkedHashMap<>();
        if (encoded == null || encoded.isEmpty()) {
            return form;
        }
        for (String pair : encoded.split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            form.put(name, value);
        }
        return form;
    }
}
