package io.promo.billing;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import io.promo.domain.advertiser.PaymentReference;
import io.promo.domain.funding.ChargeOutcome;
import io.promo.domain.funding.ChargeRequest;
import io.promo.domain.funding.FundingFixture;
import io.promo.domain.funding.HandlePaymentEvent;
import io.promo.domain.funding.PaymentGateway;
import io.promo.domain.funding.ProcessedPaymentEvent;
import io.promo.domain.funding.TopUpCampaign;
import io.promo.domain.funding.TopUpCommand;
import io.promo.domain.funding.TopUpRequest;
import io.promo.domain.funding.TopUpResult;
import io.promo.domain.ledger.EntryKind;
import io.promo.domain.shared.Actor;
import io.promo.domain.shared.Money;
import io.promo.domain.testing.Race;
import io.promo.domain.testing.TestData;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The webhook endpoint as promo-app will call it, wired through {@link Billing} to the domain's use
 * cases over in-memory fakes, with stripe-java against {@link FakeStripeServer} for the payments.
 */
class StripeWebhookEndpointTest {

    private static final String SECRET = "whsec_test_current";
    private static final String OLD_SECRET = "whsec_test_previous";

    private final FakeStripeServer stripe = FakeStripeServer.start();
    private final FundingFixture fixture = new FundingFixture();
    private final Billing billing = Billing.forConfig(
            new BillingConfig(true, Optional.of(stripe.settings()), List.of(SECRET, OLD_SECRET)), fixture.clock);
    private final PaymentGateway gateway = billing.paymentGateway();
    private final HandlePaymentEvent handler = fixture.handlePaymentEvent(gateway);
    private final StripeWebhookEndpoint endpoint = billing.webhookEndpoint(handler).orElseThrow();

    @AfterEach
    void stop() {
        stripe.close();
    }

    private WebhookResponse deliver(String payload) {
        return deliver(payload, StripeEvents.signature(payload, SECRET, fixture.clock.instant()));
    }

    private WebhookResponse deliver(String payload, String signature) {
        return endpoint.handle(payload.getBytes(StandardCharsets.UTF_8), signature);
    }

    /** A PaymentIntent Stripe charged for the campaign, which promo has not booked yet. */
    private JsonObject chargedAtStripe(long cents, String key) {
        ChargeOutcome outcome = gateway.charge(new ChargeRequest(fixture.advertiser.id(),
                new PaymentReference("cus_123/pm_card_visa"), Money.ofCents(cents), "usd", key,
                Map.of(ChargeRequest.CAMPAIGN_ID, fixture.campaign.id().value(), ChargeRequest.TOPUP_REQUEST_ID, key)));
        return stripe.intent(((ChargeOutcome.Succeeded) outcome).processorRef()).orElseThrow();
    }

    private static String succeededEvent(String eventId, JsonObject intent) {
        return StripeEvents.event(eventId, "payment_intent.succeeded", intent);
    }

    @Test
    void a_signed_success_event_puts_one_topup_on_the_campaign() {
        JsonObject intent = chargedAtStripe(5_000, "k1");

        WebhookResponse response = deliver(succeededEvent("evt_1", intent));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.message()).contains("applied");
        assertThat(fixture.entries(EntryKind.TOPUP)).singleElement()
                .satisfies(e -> assertThat(e.idempotencyKey().reference()).isEqualTo(intent.get("id").getAsString()));
        assertThat(fixture.balance()).isEqualTo(Money.ofCents(5_000));
    }

    @Test
    void a_success_event_settles_the_top_up_request_named_in_its_metadata() {
        fixture.topUpRequests.claim(TopUpRequest.claimed(fixture.campaign.id(), "req-1", Money.ofCents(5_000),
                fixture.clock.instant(), fixture.clock.instant().plus(TopUpCampaign.CHARGE_IN_FLIGHT)));
        JsonObject intent = chargedAtStripe(5_000, TopUpCampaign.processorIdempotencyKey(fixture.campaign.id(), "req-1"));

        deliver(succeededEvent("evt_1", intent));

        TopUpRequest settled = fixture.topUpRequests.find(fixture.campaign.id(), "req-1").orElseThrow();
        assertThat(settled.state()).isEqualTo(TopUpRequest.State.CHARGED);
        assertThat(settled.processorRef()).contains(intent.get("id").getAsString());
    }

    @Test
    void a_tampered_body_gets_400_and_changes_nothing() {
        JsonObject intent = chargedAtStripe(5_000, "k1");
        String genuine = succeededEvent("evt_1", intent);
        String signature = StripeEvents.signature(genuine, SECRET, fixture.clock.instant());

        WebhookResponse response = deliver(genuine.replace("\"amount\":5000", "\"amount\":500000"), signature);

        assertThat(response.status()).isEqualTo(400);
        assertThat(fixture.entries()).isEmpty();
        assertThat(fixture.processedEvents.size()).isZero();
    }

    @Test
    void unsigned_or_forged_requests_get_400_and_change_nothing() {
        String payload = succeededEvent("evt_1", chargedAtStripe(5_000, "k1"));

        assertThat(deliver(payload, null).status()).isEqualTo(400);
        assertThat(deliver(payload, "t=1,v1=00").status()).isEqualTo(400);
        assertThat(deliver(payload, StripeEvents.signature(payload, "whsec_attacker", fixture.clock.instant())).status())
                .isEqualTo(400);

        assertThat(fixture.entries()).isEmpty();
        assertThat(fixture.processedEvents.size()).isZero();
    }

    @Test
    void a_delivery_signed_more_than_five_minutes_ago_gets_400() {
        String payload = succeededEvent("evt_1", chargedAtStripe(5_000, "k1"));
        String signature = StripeEvents.signature(payload, SECRET, fixture.clock.instant());
        fixture.clock.advance(Duration.ofSeconds(301));

        WebhookResponse response = deliver(payload, signature);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.message()).contains("old");
        assertThat(fixture.entries()).isEmpty();
    }

    @Test
    void a_delivery_signed_with_the_previous_secret_during_a_rotation_is_accepted() {
        String payload = succeededEvent("evt_1", chargedAtStripe(5_000, "k1"));

        WebhookResponse response = deliver(payload, StripeEvents.signature(payload, OLD_SECRET, fixture.clock.instant()));

        assertThat(response.status()).isEqualTo(200);
        assertThat(fixture.balance()).isEqualTo(Money.ofCents(5_000));
    }

    @Test
    void the_same_event_delivered_five_times_concurrently_makes_one_topup() throws Exception {
        String payload = succeededEvent("evt_1", chargedAtStripe(5_000, "k1"));
        List<Callable<WebhookResponse>> deliveries = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            deliveries.add(() -> deliver(payload));
        }

        List<WebhookResponse> responses = Race.run(deliveries);

        assertThat(responses).extracting(WebhookResponse::status).containsOnly(200);
        assertThat(fixture.entries(EntryKind.TOPUP)).hasSize(1);
        assertThat(fixture.balance()).isEqualTo(Money.ofCents(5_000));
        assertThat(fixture.processedEvents.size()).isEqualTo(1);
        assertThat(fixture.ledger.reconcile()).isEmpty();
    }

    @Test
    void the_synchronous_topup_and_its_success_event_make_one_topup() {
        TopUpResult result = fixture.topUpCampaign(gateway).topUp(new TopUpCommand(Actor.tenant(fixture.advertiser.id()),
                fixture.campaign.id(), Money.ofCents(5_000), "req-1")).orElseThrow();
        String intentId = ((TopUpResult.Charged) result).processorRef();

        WebhookResponse response = deliver(succeededEvent("evt_1", stripe.intent(intentId).orElseThrow()));

        assertThat(response.message()).contains("already in the ledger");
        assertThat(fixture.entries(EntryKind.TOPUP)).hasSize(1);
        assertThat(fixture.balance()).isEqualTo(Money.ofCents(5_000));
    }

    @Test
    void a_refund_that_arrives_before_the_success_event_is_booked_against_the_right_campaign() {
        // Stripe charged, but promo's synchronous answer was lost (a timeout): nothing is booked yet.
        JsonObject intent = chargedAtStripe(5_000, "k1");
        String intentId = intent.get("id").getAsString();
        JsonObject refund = stripe.refund(intentId, 1_500);

        // Stripe leaves the refunds out of the charge: the adapter lists them. The campaign is in the
        // metadata Stripe copied from the PaymentIntent to its charge.
        WebhookResponse refundFirst = deliver(StripeEvents.event("evt_2", "charge.refunded", stripe.chargeOf(intentId)));
        assertThat(refundFirst.status()).isEqualTo(200);
        assertThat(fixture.balance()).isEqualTo(Money.ofCents(-1_500));

        deliver(succeededEvent("evt_1", stripe.intent(intentId).orElseThrow()));
        deliver(StripeEvents.event("evt_2", "charge.refunded", stripe.chargeOf(intentId)));
        deliver(succeededEvent("evt_1", stripe.intent(intentId).orElseThrow()));

        assertThat(fixture.entries(EntryKind.ADJUSTMENT)).singleElement()
                .satisfies(e -> assertThat(e.idempotencyKey().reference()).isEqualTo(refund.get("id").getAsString()));
        assertThat(fixture.entries(EntryKind.TOPUP)).hasSize(1);
        assertThat(fixture.balance()).isEqualTo(Money.ofCents(3_500));
    }

    @Test
    void a_refund_of_a_charge_without_promo_metadata_finds_its_campaign_through_the_payment_intent() {
        JsonObject intent = chargedAtStripe(5_000, "k1");
        String intentId = intent.get("id").getAsString();
        stripe.refund(intentId, 1_500);
        JsonObject charge = stripe.chargeOf(intentId);
        charge.add("metadata", new JsonObject());

        // No top-up booked yet either: the campaign comes from GET /v1/payment_intents/{id}.
        WebhookResponse response = deliver(StripeEvents.event("evt_2", "charge.refunded", charge));

        assertThat(response.status()).isEqualTo(200);
        assertThat(fixture.balance()).isEqualTo(Money.ofCents(-1_500));
        assertThat(stripe.received()).anySatisfy(r -> assertThat(r.path()).isEqualTo("/v1/payment_intents/" + intentId));
    }

    @Test
    void each_refund_of_a_charge_is_taken_back_once() {
        JsonObject intent = chargedAtStripe(5_000, "k1");
        String intentId = intent.get("id").getAsString();
        deliver(succeededEvent("evt_1", intent));

        stripe.refund(intentId, 1_000);
        deliver(StripeEvents.event("evt_2", "charge.refunded", stripe.chargeOf(intentId)));
        stripe.refund(intentId, 2_000);
        deliver(StripeEvents.event("evt_3", "charge.refunded", stripe.chargeOf(intentId)));

        assertThat(fixture.entries(EntryKind.ADJUSTMENT)).extracting(e -> e.amount().cents())
                .containsExactlyInAnyOrder(-1_000L, -2_000L);
        assertThat(fixture.balance()).isEqualTo(Money.ofCents(2_000));
    }

    @Test
    void a_dispute_takes_the_money_once_and_a_won_dispute_gives_it_back() {
        JsonObject intent = chargedAtStripe(5_000, "k1");
        String intentId = intent.get("id").getAsString();
        deliver(succeededEvent("evt_1", intent));
        JsonObject charge = stripe.chargeOf(intentId);

        deliver(StripeEvents.event("evt_2", "charge.dispute.created", StripeEvents.dispute("dp_1", "needs_response", charge, 5_000)));
        deliver(StripeEvents.event("evt_3", "charge.dispute.funds_withdrawn",
                StripeEvents.dispute("dp_1", "needs_response", charge, 5_000)));
        assertThat(fixture.balance()).isEqualTo(Money.ZERO);

        deliver(StripeEvents.event("evt_4", "charge.dispute.funds_reinstated", StripeEvents.dispute("dp_1", "won", charge, 5_000)));

        assertThat(fixture.entries(EntryKind.ADJUSTMENT)).extracting(e -> e.idempotencyKey().reference())
                .containsExactlyInAnyOrder("dp_1:withdrawn", "dp_1:reinstated");
        assertThat(fixture.balance()).isEqualTo(Money.ofCents(5_000));
    }

    @Test
    void an_inquiry_withdraws_nothing() {
        JsonObject intent = chargedAtStripe(5_000, "k1");
        deliver(succeededEvent("evt_1", intent));

        WebhookResponse response = deliver(StripeEvents.event("evt_2", "charge.dispute.created",
                StripeEvents.dispute("dp_1", "warning_needs_response", stripe.chargeOf(intent.get("id").getAsString()), 5_000)));

        assertThat(response.message()).contains("ignored");
        assertThat(fixture.balance()).isEqualTo(Money.ofCents(5_000));
    }

    @Test
    void a_failed_payment_is_noted_and_moves_no_money() {
        gateway.charge(new ChargeRequest(fixture.advertiser.id(),
                new PaymentReference("cus_123/pm_card_chargeDeclinedInsufficientFunds"), Money.ofCents(5_000), "usd", "k1",
                Map.of(ChargeRequest.CAMPAIGN_ID, fixture.campaign.id().value())));
        JsonObject failed = stripe.intents().get(0);

        WebhookResponse response = deliver(StripeEvents.event("evt_1", "payment_intent.payment_failed", failed));

        assertThat(response.status()).isEqualTo(200);
        assertThat(fixture.entries()).isEmpty();
        assertThat(fixture.processedEvents.find("evt_1").orElseThrow().detail())
                .hasValueSatisfying(d -> assertThat(d).contains("insufficient_funds"));
    }

    @Test
    void an_unknown_event_type_is_acknowledged_and_ignored() {
        JsonObject customer = new JsonObject();
        customer.addProperty("id", "cus_123");
        customer.addProperty("object", "customer");

        WebhookResponse response = deliver(StripeEvents.event("evt_1", "customer.created", customer));

        assertThat(response.status()).isEqualTo(200);
        assertThat(fixture.processedEvents.find("evt_1").orElseThrow().result())
                .isEqualTo(ProcessedPaymentEvent.Result.IGNORED);
    }

    @Test
    void money_for_an_unknown_campaign_is_acknowledged_and_left_unmatched_for_an_operator() {
        JsonObject intent = chargedAtStripe(5_000, "k1");
        JsonObject metadata = new JsonObject();
        metadata.addProperty("campaign_id", TestData.IDS.newCampaignId().value());
        intent.add("metadata", metadata);

        WebhookResponse response = deliver(succeededEvent("evt_1", intent));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.message()).contains("unmatched");
        assertThat(fixture.entries()).isEmpty();
        assertThat(fixture.processedEvents.find("evt_1").orElseThrow().result())
                .isEqualTo(ProcessedPaymentEvent.Result.UNMATCHED);
    }

    @Test
    void a_signed_body_that_is_no_event_is_a_bad_request_and_changes_nothing() {
        // No redelivery of the same bytes can ever be read: 400, not 500.
        assertThat(deliver("not json").status()).isEqualTo(400);
        assertThat(deliver("{\"hello\":\"world\"}").status()).isEqualTo(400);
        assertThat(fixture.processedEvents.size()).isZero();
    }

    @Test
    void when_stripe_cannot_be_asked_the_event_is_deferred_and_a_redelivery_books_it() {
        JsonObject intent = chargedAtStripe(5_000, "k1");
        String intentId = intent.get("id").getAsString();
        stripe.refund(intentId, 1_000);
        String refunded = StripeEvents.event("evt_2", "charge.refunded", stripe.chargeOf(intentId));
        StripeSettings unreachable = FakeStripeServer.unreachable();
        Billing offline = Billing.forConfig(
                new BillingConfig(false, Optional.of(unreachable), List.of(SECRET)), fixture.clock);
        StripeWebhookEndpoint offlineEndpoint = offline.webhookEndpoint(fixture.handlePaymentEvent(offline.paymentGateway()))
                .orElseThrow();

        WebhookResponse deferred = offlineEndpoint.handle(refunded.getBytes(StandardCharsets.UTF_8),
                StripeEvents.signature(refunded, SECRET, fixture.clock.instant()));

        assertThat(deferred.status()).isEqualTo(503);
        assertThat(fixture.processedEvents.find("evt_2")).isEmpty();
        assertThat(deliver(refunded).status()).isEqualTo(200);
        assertThat(fixture.balance()).isEqualTo(Money.ofCents(-1_000));
    }
}
