package io.promo.app.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.promo.app.PromoApplication;
import io.promo.app.config.PromoConfig;
import io.promo.persistence.EmbeddedPostgresServer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@code POST /v1/stripe/webhook} over HTTP, with promo configured for Stripe: a signed success becomes one
 * top-up however often it arrives (I6); unsigned or tampered deliveries are 400 problems that change nothing.
 * Stripe's API is never called for a success event, so it points at a closed port.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StripeWebhookHttpTest {

    private static final String WEBHOOK_SECRET = "whsec_http_test";
    private static final String ADMIN = "stripe-test-admin-key-0123456789abcdefghij";

    private EmbeddedPostgresServer database;
    private PromoApplication app;
    private ApiClient api;
    private String campaignId;
    private String advertiserKey;

    @BeforeAll
    void promo_configured_for_stripe_with_a_campaign() {
        database = EmbeddedPostgresServer.start();
        app = PromoApplication.start(PromoConfig.load(Map.of(
                PromoConfig.DB_URL, database.jdbcUrl(),
                PromoConfig.HTTP_PORT, "0",
                PromoConfig.ADMIN_KEY, ADMIN,
                PromoConfig.STRIPE_SECRET_KEY, "sk_test_promo_http",
                PromoConfig.STRIPE_WEBHOOK_SECRET, WEBHOOK_SECRET,
                PromoConfig.STRIPE_API_BASE, "http://127.0.0.1:9"), Map.of(), new SecureRandom()));
        api = new ApiClient("http://127.0.0.1:" + app.port());
        ApiClient.Response advertiser = api.post("/v1/advertisers", ADMIN,
                "{\"user_id\":\"usr_stripe\",\"default_payment_id\":\"cus_1/pm_1\"}");
        advertiserKey = advertiser.text("api_key");
        ApiClient.Response campaign = api.post("/v1/campaigns", advertiserKey, Marketplace.campaignJson("srv_stripe", "berlin", 60));
        assertThat(campaign.status()).as(campaign.toString()).isEqualTo(201);
        campaignId = campaign.text("campaign_id");
    }

    @AfterAll
    void stop() {
        app.close();
        database.close();
    }

    @Test
    void a_signed_success_is_booked_once_however_often_it_is_delivered() {
        String event = succeeded("evt_http_1", "pi_http_1", 5_000);

        ApiClient.Response first = deliver(event, sign(event, WEBHOOK_SECRET));
        ApiClient.Response again = deliver(event, sign(event, WEBHOOK_SECRET));

        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        assertThat(first.body()).contains("applied");
        assertThat(again.status()).isEqualTo(200);
        assertThat(api.get("/v1/campaigns/" + campaignId + "/balance", advertiserKey).json().path("balance_cents").asLong())
                .isEqualTo(5_000);
        assertThat(api.get("/v1/campaigns/" + campaignId + "/ledger", advertiserKey).json().path("entries").size())
                .isEqualTo(1);
    }

    @Test
    void unsigned_forged_and_tampered_deliveries_are_problems_and_change_nothing() {
        String event = succeeded("evt_http_2", "pi_http_2", 7_000);
        Map<String, String> before = snapshotBalance();

        ApiClient.Response unsigned = deliver(event, null);
        ApiClient.Response forged = deliver(event, sign(event, "whsec_attacker"));
        ApiClient.Response tampered = deliver(event.replace("7000", "700000"), sign(event, WEBHOOK_SECRET));

        for (ApiClient.Response response : new ApiClient.Response[] {unsigned, forged, tampered}) {
            assertThat(response.status()).as(response.toString()).isEqualTo(400);
            assertThat(response.contentType()).startsWith("application/problem+json");
        }
        assertThat(snapshotBalance()).isEqualTo(before);
    }

    private Map<String, String> snapshotBalance() {
        return Map.of("ledger", api.get("/v1/campaigns/" + campaignId + "/ledger", advertiserKey).body());
    }

    private ApiClient.Response deliver(String event, String signature) {
        return api.sendBytes("POST", "/v1/stripe/webhook", null, event.getBytes(StandardCharsets.UTF_8),
                "application/json; charset=utf-8", signature);
    }

    private String succeeded(String eventId, String paymentIntent, long cents) {
        return """
                {"id":"%s","object":"event","api_version":"2026-07-29.dahlia","created":%d,"livemode":false,
                 "pending_webhooks":1,"request":{"id":null,"idempotency_key":null},"type":"payment_intent.succeeded",
                 "data":{"object":{"id":"%s","object":"payment_intent","amount":%d,"amount_received":%d,
                   "currency":"usd","status":"succeeded","livemode":false,"created":%d,
                   "metadata":{"campaign_id":"%s","topup_request_id":"promo-topup:%s:k1"}}}}"""
                .formatted(eventId, Instant.now().getEpochSecond(), paymentIntent, cents, cents,
                        LocalDate.now(ZoneOffset.UTC).toEpochDay(), campaignId, campaignId);
    }

    /** Stripe's signature: {@code t=<seconds>,v1=<HMAC-SHA256(secret, t + "." + payload) in hex>}. */
    private static String sign(String payload, String secret) {
        try {
            long t = Instant.now().getEpochSecond();
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "t=" + t + ",v1=" + HexFormat.of().formatHex(mac.doFinal((t + "." + payload).getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
