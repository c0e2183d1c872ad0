package io.promo.billing;

import static org.assertj.core.api.Assertions.assertThat;

import io.promo.domain.advertiser.PaymentReference;
import io.promo.domain.funding.ChargeOutcome;
import io.promo.domain.funding.ChargeRequest;
import io.promo.domain.funding.PaymentLookup;
import io.promo.domain.shared.CampaignId;
import io.promo.domain.shared.Money;
import io.promo.domain.testing.TestData;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** stripe-java for real, against {@link FakeStripeServer} on loopback. */
class StripePaymentGatewayTest {

    private final FakeStripeServer stripe = FakeStripeServer.start();
    private final StripePaymentGateway gateway = new StripePaymentGateway(stripe.settings());
    private final CampaignId campaign = TestData.IDS.newCampaignId();

    @AfterEach
    void stop() {
        stripe.close();
    }

    private ChargeRequest request(String paymentMethod, long cents, String key) {
        return new ChargeRequest(TestData.IDS.newAdvertiserId(), new PaymentReference("cus_123/" + paymentMethod),
                Money.ofCents(cents), "usd", key,
                Map.of(ChargeRequest.CAMPAIGN_ID, campaign.value(), ChargeRequest.TOPUP_REQUEST_ID, key));
    }

    @Test
    void a_successful_charge_is_an_off_session_confirmed_payment_intent_with_the_idempotency_key() {
        ChargeOutcome outcome = gateway.charge(request("pm_card_visa", 5_000, "promo-topup:k1"));

        assertThat(outcome).isInstanceOf(ChargeOutcome.Succeeded.class);
        String intentId = ((ChargeOutcome.Succeeded) outcome).processorRef();
        assertThat(intentId).startsWith("pi_");
        FakeStripeServer.Received sent = stripe.paymentIntentCreations().get(0);
        assertThat(sent.idempotencyKey()).isEqualTo("promo-topup:k1");
        assertThat(sent.authorization()).isEqualTo("Bearer " + FakeStripeServer.API_KEY);
        assertThat(sent.stripeVersion()).isEqualTo("2026-07-29.dahlia");
        assertThat(sent.form()).containsEntry("amount", "5000")
                .containsEntry("currency", "usd")
                .containsEntry("customer", "cus_123")
                .containsEntry("payment_method", "pm_card_visa")
                .containsEntry("off_session", "true")
                .containsEntry("confirm", "true")
                .containsEntry("metadata[campaign_id]", campaign.value())
                .containsEntry("metadata[topup_request_id]", "promo-topup:k1");
    }

    @Test
    void the_same_idempotency_key_twice_makes_one_payment_intent() {
        ChargeOutcome first = gateway.charge(request("pm_card_visa", 5_000, "promo-topup:k1"));
        ChargeOutcome second = gateway.charge(request("pm_card_visa", 5_000, "promo-topup:k1"));

        assertThat(second).isEqualTo(first);
        assertThat(stripe.intents()).hasSize(1);
    }

    @Test
    void a_card_declined_for_insufficient_funds_is_declined_with_its_code_and_a_message_for_a_person() {
        ChargeOutcome outcome = gateway.charge(request("pm_card_chargeDeclinedInsufficientFunds", 5_000, "k1"));

        assertThat(outcome).isEqualTo(new ChargeOutcome.Declined("insufficient_funds", "Your card has insufficient funds."));
    }

    @Test
    void a_card_that_needs_authentication_off_session_answers_the_payment_intent_and_its_client_secret() {
        ChargeOutcome outcome = gateway.charge(request("pm_card_authenticationRequired", 5_000, "k1"));

        assertThat(outcome).isInstanceOf(ChargeOutcome.RequiresAction.class);
        ChargeOutcome.RequiresAction action = (ChargeOutcome.RequiresAction) outcome;
        String secret = stripe.intent(action.processorRef()).orElseThrow().get("client_secret").getAsString();
        assertThat(action.clientSecret()).isEqualTo(secret);
    }

    @Test
    void a_payment_intent_left_requiring_action_answers_its_client_secret() {
        ChargeOutcome outcome = gateway.charge(request("pm_card_threeDSecureRequired", 5_000, "k1"));

        assertThat(outcome).isInstanceOf(ChargeOutcome.RequiresAction.class);
        assertThat(((ChargeOutcome.RequiresAction) outcome).clientSecret()).contains("_secret_");
    }

    @Test
    void a_processing_payment_is_reported_as_processing() {
        assertThat(gateway.charge(request("pm_card_processing", 5_000, "k1"))).isInstanceOf(ChargeOutcome.Processing.class);
    }

    @Test
    void a_500_is_retried_with_the_same_idempotency_key_and_the_retry_succeeds() {
        stripe.nextAnswersStatus(500);

        ChargeOutcome outcome = gateway.charge(request("pm_card_visa", 5_000, "promo-topup:k1"));

        assertThat(outcome).isInstanceOf(ChargeOutcome.Succeeded.class);
        assertThat(stripe.paymentIntentCreations()).hasSize(2)
                .extracting(FakeStripeServer.Received::idempotencyKey).containsOnly("promo-topup:k1");
        assertThat(stripe.intents()).hasSize(1);
    }

    @Test
    void errors_that_outlast_the_retries_fail_temporarily() {
        stripe.nextAnswersStatus(500);
        stripe.nextAnswersStatus(503);
        stripe.nextAnswersStatus(502);

        ChargeOutcome outcome = gateway.charge(request("pm_card_visa", 5_000, "k1"));

        assertThat(outcome).isInstanceOf(ChargeOutcome.FailedTemporarily.class);
        assertThat(stripe.paymentIntentCreations()).hasSize(3);
        assertThat(stripe.intents()).isEmpty();
    }

    @Test
    void a_timeout_fails_temporarily_and_a_later_retry_with_the_same_key_charges_once() throws Exception {
        StripePaymentGateway impatient = new StripePaymentGateway(stripe.settings()
                .withTimeouts(Duration.ofSeconds(1), Duration.ofMillis(300)));
        for (int i = 0; i < 3; i++) {
            stripe.nextIsDelayed(Duration.ofMillis(1_200));
        }

        ChargeOutcome timedOut = impatient.charge(request("pm_card_visa", 5_000, "promo-topup:k1"));

        assertThat(timedOut).isInstanceOf(ChargeOutcome.FailedTemporarily.class);
        assertThat(((ChargeOutcome.FailedTemporarily) timedOut).reason()).contains("did not answer in time");
        assertThat(stripe.paymentIntentCreations()).hasSize(3)
                .extracting(FakeStripeServer.Received::idempotencyKey).containsOnly("promo-topup:k1");
        stripe.awaitIdle();
        // Stripe went on after the client gave up: the card was charged once, and the retry learns so.
        ChargeOutcome retried = impatient.charge(request("pm_card_visa", 5_000, "promo-topup:k1"));
        assertThat(retried).isInstanceOf(ChargeOutcome.Succeeded.class);
        assertThat(stripe.intents()).hasSize(1);
    }

    @Test
    void a_rate_limit_fails_temporarily() {
        stripe.nextAnswersStatus(429);

        ChargeOutcome outcome = gateway.charge(request("pm_card_visa", 5_000, "k1"));

        assertThat(outcome).isInstanceOf(ChargeOutcome.FailedTemporarily.class);
        assertThat(((ChargeOutcome.FailedTemporarily) outcome).reason()).contains("limiting");
    }

    @Test
    void an_unreachable_stripe_fails_temporarily() {
        stripe.close();

        ChargeOutcome outcome = new StripePaymentGateway(stripe.settings().withMaxNetworkRetries(0))
                .charge(request("pm_card_visa", 5_000, "k1"));

        assertThat(outcome).isInstanceOf(ChargeOutcome.FailedTemporarily.class);
    }

    @Test
    void an_api_key_stripe_refuses_fails_temporarily_and_charges_nothing() {
        StripePaymentGateway wrongKey = new StripePaymentGateway(new StripeSettings("sk_test_wrong", stripe.baseUri(),
                Duration.ofSeconds(2), Duration.ofSeconds(2), 0));

        ChargeOutcome outcome = wrongKey.charge(request("pm_card_visa", 5_000, "k1"));

        assertThat(outcome).isInstanceOf(ChargeOutcome.FailedTemporarily.class);
        assertThat(stripe.intents()).isEmpty();
    }

    @Test
    void a_key_reused_with_another_amount_is_reported_and_not_charged_again() {
        gateway.charge(request("pm_card_visa", 5_000, "k1"));

        ChargeOutcome outcome = gateway.charge(request("pm_card_visa", 7_000, "k1"));

        assertThat(outcome).isInstanceOf(ChargeOutcome.KeyReused.class);
        assertThat(stripe.intents()).hasSize(1);
    }

    @Test
    void a_payment_method_stripe_no_longer_knows_is_declined_as_unusable() {
        ChargeOutcome outcome = gateway.charge(request("pm_detached", 5_000, "k1"));

        assertThat(outcome).isInstanceOf(ChargeOutcome.Declined.class);
        assertThat(((ChargeOutcome.Declined) outcome).declineCode()).isEqualTo("payment_method_unusable");
    }

    @Test
    void a_default_payment_id_that_is_not_a_customer_and_payment_method_is_declined_without_asking_stripe() {
        ChargeRequest odd = new ChargeRequest(TestData.IDS.newAdvertiserId(), new PaymentReference("card_42"),
                Money.ofCents(5_000), "usd", "k1", Map.of());

        assertThat(gateway.charge(odd)).isInstanceOf(ChargeOutcome.Declined.class);
        assertThat(stripe.received()).isEmpty();
    }

    @Test
    void a_payment_is_looked_up_with_the_campaign_from_its_metadata() {
        String intentId = ((ChargeOutcome.Succeeded) gateway.charge(request("pm_card_visa", 5_000, "k1"))).processorRef();

        assertThat(gateway.findPayment(intentId)).isEqualTo(
                new PaymentLookup.Found(intentId, Optional.of(campaign), Money.ofCents(5_000), "usd"));
        assertThat(gateway.findPayment("pi_unknown")).isEqualTo(new PaymentLookup.NotFound("pi_unknown"));
    }

    @Test
    void a_lookup_while_stripe_is_unreachable_is_unavailable() {
        stripe.close();
        StripePaymentGateway offline = new StripePaymentGateway(stripe.settings().withMaxNetworkRetries(0));

        PaymentLookup lookup = offline.findPayment("pi_1");

        assertThat(lookup).isInstanceOf(PaymentLookup.Unavailable.class);
        // stripe-java's own message names https://api.stripe.com, whatever base it was given.
        assertThat(((PaymentLookup.Unavailable) lookup).reason())
                .contains("Stripe at " + stripe.settings().apiBase() + " could not be reached")
                .doesNotContain("api.stripe.com");
    }

    @Test
    void settings_never_show_the_whole_api_key() {
        assertThat(new StripeSettings("sk_live_verysecretvalue", URI.create("https://api.stripe.com"),
                Duration.ofSeconds(1), Duration.ofSeconds(1), 2).toString()).doesNotContain("verysecretvalue");
    }
}
