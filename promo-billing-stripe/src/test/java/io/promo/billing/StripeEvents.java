package io.promo.billing;

import com.google.gson.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Stripe webhook deliveries for tests: event JSON as Stripe sends it, signed as Stripe signs it. */
final class StripeEvents {

    /** stripe-java 33.3.0's API version: events of this version deserialize their object safely. */
    static final String API_VERSION = "2026-07-29.dahlia";

    private StripeEvents() {
    }

    static String event(String id, String type, JsonObject object) {
        JsonObject data = new JsonObject();
        data.add("object", object);
        JsonObject request = new JsonObject();
        request.add("id", null);
        request.add("idempotency_key", null);
        JsonObject event = new JsonObject();
        event.addProperty("id", id);
        event.addProperty("object", "event");
        event.addProperty("api_version", API_VERSION);
        event.addProperty("created", 1_795_000_000L);
        event.add("data", data);
        event.addProperty("livemode", false);
        event.addProperty("pending_webhooks", 1);
        event.add("request", request);
        event.addProperty("type", type);
        return event.toString();
    }

    /** {@code t=…,v1=…}: HMAC-SHA256 of {@code t + "." + payload} with {@code secret}, in hex. */
    static String signature(String payload, String secret, Instant at) {
        long t = at.getEpochSecond();
        return "t=" + t + ",v1=" + hmacHex(secret, t + "." + payload);
    }

    /** What Stripe sends while an endpoint has two secrets: one v1 per secret. */
    static String signatureWithBoth(String payload, String oldSecret, String newSecret, Instant at) {
        long t = at.getEpochSecond();
        return "t=" + t + ",v1=" + hmacHex(newSecret, t + "." + payload) + ",v1=" + hmacHex(oldSecret, t + "." + payload);
    }

    static String hmacHex(String secret, String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static JsonObject dispute(String id, String status, JsonObject charge, long amount) {
        JsonObject dispute = new JsonObject();
        dispute.addProperty("id", id);
        dispute.addProperty("object", "dispute");
        dispute.addProperty("amount", amount);
        dispute.addProperty("currency", charge.get("currency").getAsString());
        dispute.addProperty("charge", charge.get("id").getAsString());
        dispute.addProperty("payment_intent", charge.get("payment_intent").getAsString());
        dispute.addProperty("reason", "fraudulent");
        dispute.addProperty("status", status);
        dispute.addProperty("is_charge_refundable", false);
        dispute.addProperty("livemode", false);
        dispute.addProperty("created", 1_795_000_000L);
        return dispute;
    }
}
