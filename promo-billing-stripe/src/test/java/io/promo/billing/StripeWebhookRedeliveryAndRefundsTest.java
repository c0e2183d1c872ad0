package io.promo.billing;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.promo.domain.advertiser.PaymentReference;
import io.promo.domain.funding.ChargeOutcome;
import io.promo.domain.funding.ChargeRequest;
import io.promo.domain.funding.FundingFixture;
import io.promo.domain.funding.PaymentGateway;
import io.promo.domain.ledger.EntryKind;
import io.promo.domain.shared.Money;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What a webhook delivery costs and what a {@code charge.refunded} books: a finished event is answered
 * from its stored result before Stripe is asked anything, and the refunds booked for a charge add up to
 * its {@code amount_refunded}, whatever the event's embedded list says.
 */
class StripeWebhookRedeliveryAndRefundsTest {

    private static final String SECRET = "whsec_test_current";

    private final FakeStripeServer stripe = FakeStripeServer.start();
    private final FundingFixture fixture = new FundingFixture();
    private final Billing billing = Billing.forConfig(
            new BillingConfig(true, Optional.of(stripe.settings()), List.of(SECRET)), fixture.clock);
    private final PaymentGateway gateway = billing.paymentGateway();
    private final StripeWebhookEndpoint endpoint = endpointOf(billing);

    @AfterEach
    void stop() {
        stripe.close();
    }

    private StripeWebhookEndpoint endpointOf(Billing wired) {
        return wired.webhookEndpoint(fixture.handlePaymentEvent(wired.paymentGateway())).orElseThrow();
    }

    private WebhookResponse deliver(StripeWebhookEndpoint to, String payload) {
        return to.handle(payload.getBytes(StandardCharsets.UTF_8),
                StripeEvents.signature(payload, SECRET, fixture.clock.instant()));
    }

    /** A PaymentIntent Stripe charged for the campaign, booked as its top-up. */
    private String chargedAndBooked(long cents) {
        ChargeOutcome outcome = gateway.charge(new ChargeRequest(fixture.advertiser.id(),
                new PaymentReference("cus_123/pm_card_visa"), Money.ofCents(cents), "usd", "k1",
                Map.of(ChargeRequest.CAMPAIGN_ID, fixture.campaign.id().value(), ChargeRequest.TOPUP_REQUEST_ID, "k1")));
        String intentId = ((ChargeOutcome.Succeeded) outcome).processorRef();
        assertThat(deliver(endpoint, StripeEvents.event("evt_paid", "payment_intent.succeeded",
                stripe.intent(intentId).orElseThrow())).status()).isEqualTo(200);
        return intentId;
    }

    /** The charge as an event of an older API version carries it: with its refunds embedded. */
    private static JsonObject withEmbeddedRefunds(JsonObject charge, JsonObject... refunds) {
        JsonObject list = new JsonObject();
        list.addProperty("object", "list");
        list.addProperty("url", "/v1/charges/" + charge.get("id").getAsString() + "/refunds");
        list.addProperty("has_more", false);
        JsonArray data = new JsonArray();
        for (JsonObject refund : refunds) {
            data.add(refund);
        }
        list.add("data", data);
        charge.add("refunds", list);
        return charge;
    }

    private Money refunded() {
        return fixture.entries(EntryKind.ADJUSTMENT).stream().map(e -> e.amount().negate()).reduce(Money.ZERO, Money::plus);
    }

    @Test
    void a_finished_event_delivered_again_answers_200_from_its_stored_result_without_asking_stripe() {
        String intentId = chargedAndBooked(5_000);
        stripe.refund(intentId, 1_000);
        String refunded = StripeEvents.event("evt_refund", "charge.refunded", stripe.chargeOf(intentId));
        assertThat(deliver(endpoint, refunded).status()).isEqualTo(200);
        int requestsBefore = stripe.received().size();
        StripeSettings unreachable = FakeStripeServer.unreachable();
        Billing offline = Billing.forConfig(
                new BillingConfig(false, Optional.of(unreachable), List.of(SECRET)), fixture.clock);

        WebhookResponse withStripeDown = deliver(endpointOf(offline), refunded);
        WebhookResponse withStripeUp = deliver(endpoint, refunded);

        assertThat(withStripeDown.status()).as(withStripeDown.message()).isEqualTo(200);
        assertThat(withStripeDown.message()).contains("already processed").contains("applied");
        assertThat(withStripeUp.status()).isEqualTo(200);
        assertThat(stripe.received()).hasSize(requestsBefore);
        assertThat(fixture.balance()).isEqualTo(Money.ofCents(4_000));
    }

    @Test
    void a_signed_body_that_is_not_json_is_a_bad_request_and_changes_nothing() {
        WebhookResponse response = deliver(endpoint, "not json {");

        assertThat(response.status()).isEqualTo(400);
        assertThat(fixture.processedEvents.size()).isZero();
    }

    @Test
    void an_embedded_refund_list_that_misses_a_refund_is_not_trusted_the_charge_refunds_are_listed() {
        String intentId = chargedAndBooked(5_000);
        JsonObject first = stripe.refund(intentId, 1_000);
        stripe.refund(intentId, 2_000);

        WebhookResponse response = deliver(endpoint, StripeEvents.event("evt_refund", "charge.refunded",
                withEmbeddedRefunds(stripe.chargeOf(intentId), first)));

        assertThat(response.status()).as(response.message()).isEqualTo(200);
        assertThat(refunded()).isEqualTo(Money.ofCents(3_000));
        assertThat(fixture.balance()).isEqualTo(Money.ofCents(2_000));
    }

    @Test
    void an_empty_embedded_refund_list_of_a_refunded_charge_is_not_trusted() {
        String intentId = chargedAndBooked(5_000);
        stripe.refund(intentId, 5_000);

        WebhookResponse response = deliver(endpoint, StripeEvents.event("evt_refund", "charge.refunded",
                withEmbeddedRefunds(stripe.chargeOf(intentId))));

        assertThat(response.status()).as(response.message()).isEqualTo(200);
        assertThat(refunded()).isEqualTo(Money.ofCents(5_000));
        assertThat(fixture.balance()).isEqualTo(Money.ZERO);
    }

    @Test
    void refunds_that_do_not_add_up_to_the_amount_refunded_are_not_booked_and_stripe_is_asked_to_deliver_again() {
        String intentId = chargedAndBooked(5_000);
        stripe.refund(intentId, 1_000);
        stripe.refund(intentId, 2_000);
        String chargeId = stripe.chargeOf(intentId).get("id").getAsString();
        // Stripe's list lags behind the charge: the second refund of 2,000 is not listed yet.
        stripe.refundListLagsBehind(chargeId, 1);
        String refunded = StripeEvents.event("evt_refund", "charge.refunded", stripe.chargeOf(intentId));

        WebhookResponse response = deliver(endpoint, refunded);

        assertThat(response.status()).as(response.message()).isEqualTo(503);
        assertThat(fixture.entries(EntryKind.ADJUSTMENT)).isEmpty();
        assertThat(fixture.processedEvents.find("evt_refund")).isEmpty();

        stripe.refundListLagsBehind(chargeId, 0);
        WebhookResponse redelivered = deliver(endpoint, refunded);

        assertThat(redelivered.status()).as(redelivered.message()).isEqualTo(200);
        assertThat(refunded()).isEqualTo(Money.ofCents(3_000));
    }

    @Test
    void late_refund_events_of_a_charge_whose_first_refund_failed_since_book_the_rest() {
        lateRefundEventsAfterAFailure(false);
    }

    @Test
    void late_refund_events_book_the_rest_also_if_stripe_still_counts_a_failed_refund_as_refunded() {
        lateRefundEventsAfterAFailure(true);
    }

    /**
     * Two refunds, their events held up (an outage), the first refund failing meanwhile: each event's charge says what
     * was refunded when it was made, Stripe lists the refunds as they are now. Every delivery must book, not wait.
     */
    private void lateRefundEventsAfterAFailure(boolean stillCounted) {
        String intentId = chargedAndBooked(5_000);
        JsonObject first = stripe.refund(intentId, 1_000);
        String firstRefunded = StripeEvents.event("evt_late_1", "charge.refunded", stripe.chargeOf(intentId));
        stripe.refund(intentId, 500);
        String secondRefunded = StripeEvents.event("evt_late_2", "charge.refunded", stripe.chargeOf(intentId));
        JsonObject failed = stripe.failRefund(first.get("id").getAsString(), "expired_or_canceled_card", stillCounted);

        List<WebhookResponse> responses = List.of(deliver(endpoint, firstRefunded), deliver(endpoint, secondRefunded),
                deliver(endpoint, StripeEvents.event("evt_late_failed", "refund.failed", failed)));

        assertThat(responses).allSatisfy(response -> assertThat(response.status()).as(response.message()).isEqualTo(200));
        assertThat(fixture.balance()).as("only the second refund taken for good").isEqualTo(Money.ofCents(4_500));
        assertThat(fixture.entries(EntryKind.ADJUSTMENT)).hasSize(3);
    }

    @Test
    void a_refund_that_fails_gives_its_money_back_once() {
        String intentId = chargedAndBooked(5_000);
        JsonObject refund = stripe.refund(intentId, 1_000);
        assertThat(deliver(endpoint, StripeEvents.event("evt_refund", "charge.refunded", stripe.chargeOf(intentId)))
                .status()).isEqualTo(200);
        assertThat(fixture.balance()).isEqualTo(Money.ofCents(4_000));
        String failed = StripeEvents.event("evt_refund_failed", "refund.failed",
                stripe.failRefund(refund.get("id").getAsString(), "expired_or_canceled_card"));

        WebhookResponse response = deliver(endpoint, failed);
        WebhookResponse again = deliver(endpoint, failed);

        assertThat(response.status()).as(response.message()).isEqualTo(200);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.message()).contains("already processed");
        assertThat(fixture.entries(EntryKind.ADJUSTMENT)).extracting(e -> e.idempotencyKey().reference())
                .containsExactlyInAnyOrder(refund.get("id").getAsString(), refund.get("id").getAsString() + ":failed");
        assertThat(fixture.balance()).isEqualTo(Money.ofCents(5_000));
    }

    @Test
    void a_refund_stripe_cannot_be_asked_about_is_deferred_naming_the_api_base_promo_called() {
        String intentId = chargedAndBooked(5_000);
        stripe.refund(intentId, 1_000);
        String refunded = StripeEvents.event("evt_refund_offline", "charge.refunded", stripe.chargeOf(intentId));
        StripeSettings unreachable = FakeStripeServer.unreachable();
        Billing offline = Billing.forConfig(
                new BillingConfig(false, Optional.of(unreachable), List.of(SECRET)), fixture.clock);

        WebhookResponse response = deliver(endpointOf(offline), refunded);

        assertThat(response.status()).as(response.message()).isEqualTo(503);
        assertThat(response.message()).contains("cannot list the refunds")
                .contains("Stripe at " + unreachable.apiBase() + " could not be reached")
                .doesNotContain("api.stripe.com");
        assertThat(fixture.entries(EntryKind.ADJUSTMENT)).isEmpty();
    }
}
