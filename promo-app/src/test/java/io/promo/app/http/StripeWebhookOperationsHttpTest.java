package io.promo.app.http;

import static io.promo.app.http.StripeConfiguredPromo.WEBHOOK_SECRET;
import static io.promo.app.http.StripeConfiguredPromo.sign;
import static org.assertj.core.api.Assertions.assertThat;

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

    private StripeConfiguredPromo promo;
    private ApiClient api;

    @BeforeAll
    void promo_configured_for_stripe_with_a_campaign() {
        promo = new StripeConfiguredPromo("usr_ops", "srv_ops");
        api = promo.api;
    }

    @AfterAll
    void stop() {
        promo.close();
    }

    private ApiClient.Response deliver(String event) {
        return promo.deliver(event, sign(event, WEBHOOK_SECRET));
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
        ApiClient.Response other = deliver(StripeConfiguredPromo.event("evt_ops_2", "customer.created",
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
        return promo.succeeded(eventId, paymentIntent, cents);
    }
}
