package io.promo.app.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.promo.app.PromoApplication;
import io.promo.app.config.PromoConfig;
import io.promo.persistence.EmbeddedPostgresServer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * promo on a database of its own, configured for Stripe, with one advertiser and one campaign, for the webhook's
 * HTTP tests. Stripe's API points at a closed port: a delivery that needed it would fail.
 */
final class StripeConfiguredPromo implements AutoCloseable {

    static final String WEBHOOK_SECRET = "whsec_http_test";
    private static final String ADMIN = "stripe-test-admin-key-0123456789abcdefghij";

    private final EmbeddedPostgresServer database;
    private final PromoApplication app;
    final ApiClient api;
    final String advertiserKey;
    final String campaignId;

    /** @param user a marketplace user id ({@code usr_…}) and {@code entity} its service profile ({@code srv_…}) */
    StripeConfiguredPromo(String user, String entity) {
        database = EmbeddedPostgresServer.start();
        app = PromoApplication.start(PromoConfig.load(Map.of(
                PromoConfig.DB_URL, database.jdbcUrl(),
                PromoConfig.HTTP_PORT, "0",
                PromoConfig.ADMIN_KEY, ADMIN,
                PromoConfig.STRIPE_SECRET_KEY, "sk_test_promo_http",
                PromoConfig.STRIPE_WEBHOOK_SECRET, WEBHOOK_SECRET,
                PromoConfig.STRIPE_API_BASE, "http://127.0.0.1:9"), Map.of(), new SecureRandom()));
        api = new ApiClient("http://127.0.0.1:" + app.port());
        advertiserKey = api.post("/v1/advertisers", ADMIN,
                "{\"user_id\":\"" + user + "\",\"default_payment_id\":\"cus_1/pm_1\"}").text("api_key");
        ApiClient.Response campaign = api.post("/v1/campaigns", advertiserKey, Marketplace.campaignJson(entity, "berlin", 60));
        assertThat(campaign.status()).as(campaign.toString()).isEqualTo(201);
        campaignId = campaign.text("campaign_id");
    }

    ApiClient.Response deliver(String event, String signature) {
        return api.sendBytes("POST", "/v1/stripe/webhook", null, event.getBytes(StandardCharsets.UTF_8),
                "application/json; charset=utf-8", signature);
    }

    /** A {@code payment_intent.succeeded} of the campaign, as promo's own top-up request {@code k1} charged it. */
    String succeeded(String eventId, String paymentIntent, long cents) {
        return event(eventId, "payment_intent.succeeded", """
                {"id":"%s","object":"payment_intent","amount":%d,"amount_received":%d,"currency":"usd",
                 "status":"succeeded","livemode":false,"created":1795000000,
                 "metadata":{"campaign_id":"%s","topup_request_id":"promo-topup:%s:k1"}}"""
                .formatted(paymentIntent, cents, cents, campaignId, campaignId));
    }

    /** Stripe's event envelope around an object, of the API version promo reads. */
    static String event(String id, String type, String object) {
        return """
                {"id":"%s","object":"event","api_version":"2026-07-29.dahlia","created":%d,"livemode":false,
                 "pending_webhooks":1,"request":{"id":null,"idempotency_key":null},"type":"%s",
                 "data":{"object":%s}}""".formatted(id, Instant.now().getEpochSecond(), type, object);
    }

    /** Stripe's signature: {@code t=<seconds>,v1=<HMAC-SHA256(secret, t + "." + payload) in hex>}. */
    static String sign(String payload, String secret) {
        try {
            long t = Instant.now().getEpochSecond();
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "t=" + t + ",v1=" + HexFormat.of().formatHex(mac.doFinal((t + "." + payload).getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        app.close();
        database.close();
    }
}
