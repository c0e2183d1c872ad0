package io.promo.app.http;

import static io.promo.app.http.StripeConfiguredPromo.WEBHOOK_SECRET;
import static io.promo.app.http.StripeConfiguredPromo.sign;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
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

    private StripeConfiguredPromo promo;
    private ApiClient api;
    private String campaignId;
    private String advertiserKey;

    @BeforeAll
    void promo_configured_for_stripe_with_a_campaign() {
        promo = new StripeConfiguredPromo("usr_stripe", "srv_stripe");
        api = promo.api;
        campaignId = promo.campaignId;
        advertiserKey = promo.advertiserKey;
    }

    @AfterAll
    void stop() {
        promo.close();
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
        return promo.deliver(event, signature);
    }

    private String succeeded(String eventId, String paymentIntent, long cents) {
        return promo.succeeded(eventId, paymentIntent, cents);
    }
}
