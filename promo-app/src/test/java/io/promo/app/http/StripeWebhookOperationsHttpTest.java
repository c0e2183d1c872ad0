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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * What an operator sees of Stripe's webhooks over HTTP: every delivery is counted by event type and
 * result on {@code /metrics} (a subscribed type that never arrives shows as a missing series), a signed
 * body that is no event is a 400 problem, and a redelivery is answered from the stored result. Stripe's
 * API points at a closed port: none of these deliveries may need it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StripeWebhookOperationsHttpTest {

    private static final String WEBHOOK_SECRET = "whsec_ops_test";
    private static final String ADMIN = "stripe-ops-admin-key-0123456789abcdefghij";

    private EmbeddedPostgresServer database;
    private PromoApplication app;
    private ApiClient api;
    private String campaignId;

    @BeforeAll
    void promo_configured_for_stripe_with_a_campaign() {
        database = EmbeddedPostgresServer.start();
        app = PromoApplication.start(PromoConfig.load(Map.of(
                PromoConfig.DB_URL, database.jdbcUrl(),
                PromoConfig.HTTP_PORT, "0",
                PromoConfig.ADMIN_KEY, ADMIN,
                PromoConfig.STRIPE_SECRET_KEY, "sk_test_promo_ops",
                PromoConfig.STRIPE_WEBHOOK_SECRET, WEBHOOK_SECRET,
                PromoConfig.STRIPE_API_BASE, "http://127.0.0.1:9"), Map.of(), new SecureRandom()));
        api = new ApiClient("http://127.0.0.1:" + app.port());
        String advertiserKey = api.post("/v1/advertisers", ADMIN,
                "{\"user_id\":\"usr_ops\",\"default_payment_id\":\"cus_1/pm_1\"}").text("api_key");
        campaignId = api.post("/v1/campaigns", advertiserKey, Marketplace.campaignJson("srv_ops", "berlin", 60))
                .text("campaign_id");
    }

    @AfterAll
    void stop() {
        app.close();
        database.close();
    }

    private ApiClient.Response deliver(String event) {
        return api.sendBytes("POST", "/v1/stripe/webhook", null, event.getBytes(StandardCharsets.UTF_8),
                "application/json; charset=utf-8", sign(event));
    }

    private String metricsLine(String type, String result) {
        return "promo_stripe_webhook_events_total{result=\"" + result + "\",type=\"" + type + "\"}";
    }

    private double counted(String type, String result) {
        String prefix = metricsLine(type, result) + " ";
        return api.get("/metrics", null).body().lines().filter(line -> line.startsWith(prefix))
                .mapToDouble(line -> Double.parseDouble(line.substring(prefix.length()))).findFirst().orElse(0);
    }

    @Test
    void deliveries_are_counted_by_type_and_result_and_a_redelivery_is_answered_from_the_stored_result() {
        String event = succeeded("evt_ops_1", "pi_ops_1", 5_000);

        ApiClient.Response first = deliver(event);
        ApiClient.Response again = deliver(event);
        ApiClient.Response other = deliver(StripeEventJson.of("evt_ops_2", "customer.created",
                "{\"id\":\"cus_1\",\"object\":\"customer\"}"));

        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.body()).contains("already processed");
        assertThat(other.status()).isEqualTo(200);
        assertThat(counted("payment_intent.succeeded", "applied")).isEqualTo(1);
        assertThat(counted("payment_intent.succeeded", "already_processed")).isEqualTo(1);
        assertThat(counted("other", "ignored")).isEqualTo(1);
    }

    @Test
    void a_signed_body_that_is_not_json_is_a_400_problem_and_is_counted() {
        ApiClient.Response response = deliver("this is not json {");

        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(counted("unread", "not_an_event")).isEqualTo(1);
    }

    private String succeeded(String eventId, String paymentIntent, long cents) {
        return StripeEventJson.of(eventId, "payment_intent.succeeded", """
                {"id":"%s","object":"payment_intent","amount":%d,"amount_received":%d,"currency":"usd",
                 "status":"succeeded","livemode":false,"created":1795000000,
                 "metadata":{"campaign_id":"%s","topup_request_id":"promo-topup:%s:k1"}}"""
                .formatted(paymentIntent, cents, cents, campaignId, campaignId));
    }

    /** Stripe's event envelope around an object, of the API version promo reads. */
    private static final class StripeEventJson {
        static String of(String id, String type, String object) {
            return """
                    {"id":"%s","object":"event","api_version":"2026-07-29.dahlia","created":%d,"livemode":false,
                     "pending_webhooks":1,"request":{"id":null,"idempotency_key":null},"type":"%s",
                     "data":{"object":%s}}""".formatted(id, Instant.now().getEpochSecond(), type, object);
        }
    }

    /** Stripe's signature: {@code t=<seconds>,v1=<HMAC-SHA256(secret, t + "." + payload) in hex>}. */
    private static String sign(String payload) {
        try {
            long t = Instant.now().getEpochSecond();
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(WEBHOOK_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "t=" + t + ",v1=" + HexFormat.of().formatHex(mac.doFinal((t + "." + payload).getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
