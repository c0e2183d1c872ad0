package io.promo.domain.funding;

import static org.assertj.core.api.Assertions.assertThat;

import io.promo.domain.ledger.EntryKind;
import io.promo.domain.ledger.FundingCommand;
import io.promo.domain.ledger.IdempotencyKey;
import io.promo.domain.ledger.LedgerEntry;
import io.promo.domain.shared.Actor;
import io.promo.domain.shared.CampaignId;
import io.promo.domain.shared.Money;
import io.promo.domain.shared.Outcome;
import io.promo.domain.testing.Race;
import io.promo.domain.testing.TestData;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;

class HandlePaymentEventTest {

    private final FundingFixture fixture = new FundingFixture();
    private final FakePaymentGateway gateway = new FakePaymentGateway();
    private final HandlePaymentEvent handler = fixture.handlePaymentEvent(gateway);
    private final Optional<CampaignId> campaign = Optional.of(fixture.campaign.id());

    private PaymentEvent.PaymentSucceeded succeeded(String eventId, String pi, long cents) {
        return new PaymentEvent.PaymentSucceeded(eventId, pi, campaign, Money.ofCents(cents), "usd");
    }

    private static PaymentEvent.Refunded refunded(String eventId, String pi, PaymentEvent.Refund... refunds) {
        return new PaymentEvent.Refunded(eventId, "ch_" + pi, Optional.of(pi), Optional.empty(), List.of(refunds));
    }

    private static PaymentEvent.Refund refund(String id, long cents) {
        return new PaymentEvent.Refund(id, Money.ofCents(cents), "usd");
    }

    private static PaymentEvent.DisputeFundsWithdrawn withdrawn(String eventId, String type, String dispute, String pi,
            long cents) {
        return new PaymentEvent.DisputeFundsWithdrawn(eventId, type, dispute, Optional.of(pi), Optional.empty(),
                Money.ofCents(cents), "usd");
    }

    private static PaymentEvent.DisputeFundsReinstated reinstated(String eventId, String dispute, String pi, long cents) {
        return new PaymentEvent.DisputeFundsReinstated(eventId, dispute, Optional.of(pi), Optional.empty(),
                Money.ofCents(cents), "usd");
    }

    private static PaymentEvent.RefundFailed refundFailed(String eventId, String refund, String pi, long cents) {
        return new PaymentEvent.RefundFailed(eventId, refund, "ch_" + pi, Optional.of(pi), Money.ofCents(cents), "usd",
                "expired_or_canceled_card");
    }

    private ProcessedPaymentEvent.Result storedResult(String eventId) {
        return fixture.processedEvents.find(eventId).orElseThrow().result();
    }

    @Test
    void a_succeeded_payment_becomes_one_topup_keyed_by_its_payment_id() {
        PaymentEventOutcome outcome = handler.handle(succeeded("evt_1", "pi_1", 5_000));

        assertThat(outcome).isInstanceOf(PaymentEventOutcome.Applied.class);
        LedgerEntry topUp = ((PaymentEventOutcome.Applied) outcome).entries().get(0);
        assertThat(topUp.kind()).isEqualTo(EntryKind.TOPUP);
        assertThat(topUp.idempotencyKey()).isEqualTo(new IdempotencyKey(IdempotencyKey.STRIPE, "pi_1"));
        assertThat(fixture.balance()).isEqualTo(Money.ofCents(5_000));
        assertThat(storedResult("evt_1")).isEqualTo(ProcessedPaymentEvent.Result.APPLIED);
    }

    @Test
    void the_same_event_delivered_again_is_recognised_and_changes_nothing() {
        handler.handle(succeeded("evt_1", "pi_1", 5_000));

        PaymentEventOutcome again = handler.handle(succeeded("evt_1", "pi_1", 5_000));

        assertThat(again).isInstanceOf(PaymentEventOutcome.AlreadyProcessed.class);
        assertThat(fixture.entries()).hasSize(1);
    }

    @Test
    void two_success_events_for_one_payment_still_make_one_topup() {
        handler.handle(succeeded("evt_1", "pi_1", 5_000));
        PaymentEventOutcome second = handler.handle(succeeded("evt_2", "pi_1", 5_000));

        assertThat(((PaymentEventOutcome.Applied) second).summary()).contains("already in the ledger");
        assertThat(fixture.entries(EntryKind.TOPUP)).hasSize(1);
        assertThat(fixture.balance()).isEqualTo(Money.ofCents(5_000));
    }

    @Test
    void the_synchronous_topup_and_the_webhook_write_one_topup_whichever_comes_first() {
        TopUpCampaign topUp = fixture.topUpCampaign(gateway);
        TopUpResult.Charged charged = (TopUpResult.Charged) topUp.topUp(new TopUpCommand(
                Actor.tenant(fixture.advertiser.id()), fixture.campaign.id(), Money.ofCents(5_000), "req-1")).orElseThrow();
        handler.handle(succeeded("evt_1", charged.processorRef(), 5_000));

        handler.handle(succeeded("evt_2", "pi_webhook_first", 700));
        fixture.recordFunding.record(io.promo.domain.ledger.FundingCommand.topUp(fixture.campaign.id(),
                Money.ofCents(700), IdempotencyKey.STRIPE, "pi_webhook_first")).orElseThrow();

        assertThat(fixture.entries(EntryKind.TOPUP)).hasSize(2);
        assertThat(fixture.balance()).isEqualTo(Money.ofCents(5_700));
    }

    @Test
    void a_payment_that_needed_authentication_is_funded_when_its_success_arrives() {
        gateway.thenAnswer(new ChargeOutcome.RequiresAction("pi_3ds", "pi_3ds_secret"));
        fixture.topUpCampaign(gateway).topUp(new TopUpCommand(Actor.tenant(fixture.advertiser.id()),
                fixture.campaign.id(), Money.ofCents(5_000), "req-1")).orElseThrow();
        assertThat(fixture.entries()).isEmpty();

        handler.handle(succeeded("evt_1", "pi_3ds", 5_000));

        assertThat(fixture.balance()).isEqualTo(Money.ofCents(5_000));
    }

    @Test
    void a_failed_payment_is_noted_and_moves_no_money() {
        PaymentEventOutcome outcome = handler.handle(new PaymentEvent.PaymentFailed("evt_1", "pi_1", campaign,
                "insufficient_funds", "Your card has insufficient funds."));

        assertThat(outcome).isInstanceOf(PaymentEventOutcome.Noted.class);
        assertThat(fixture.entries()).isEmpty();
        ProcessedPaymentEvent stored = fixture.processedEvents.find("evt_1").orElseThrow();
        assertThat(stored.result()).isEqualTo(ProcessedPaymentEvent.Result.NOTED);
        assertThat(stored.detail()).hasValueSatisfying(d -> assertThat(d).contains("insufficient_funds"));
    }

    @Test
    void each_refund_is_one_negative_adjustment_however_often_it_is_reported() {
        handler.handle(succeeded("evt_1", "pi_1", 5_000));

        handler.handle(refunded("evt_2", "pi_1", refund("re_1", 1_000)));
        handler.handle(refunded("evt_3", "pi_1", refund("re_1", 1_000), refund("re_2", 500)));

        assertThat(fixture.entries(EntryKind.ADJUSTMENT)).extracting(e -> e.idempotencyKey().reference())
                .containsExactlyInAnyOrder("re_1", "re_2");
        assertThat(fixture.balance()).isEqualTo(Money.ofCents(3_500));
    }

    @Test
    void a_refund_that_arrives_before_the_success_finds_its_campaign_at_the_processor() {
        gateway.knowsPayment("pi_1", campaign, Money.ofCents(5_000));

        PaymentEventOutcome refundFirst = handler.handle(refunded("evt_2", "pi_1", refund("re_1", 5_000)));
        assertThat(refundFirst).isInstanceOf(PaymentEventOutcome.Applied.class);
        assertThat(fixture.balance()).isEqualTo(Money.ofCents(-5_000));

        handler.handle(succeeded("evt_1", "pi_1", 5_000));

        assertThat(fixture.entries(EntryKind.TOPUP)).hasSize(1);
        assertThat(fixture.balance()).isEqualTo(Money.ZERO);
    }

    @Test
    void a_refund_waits_for_a_redelivery_when_the_processor_cannot_be_asked() {
        gateway.lookupsAnswer(new PaymentLookup.Unavailable("connection refused"));

        PaymentEventOutcome outcome = handler.handle(refunded("evt_2", "pi_1", refund("re_1", 1_000)));

        assertThat(outcome).isInstanceOf(PaymentEventOutcome.RetryLater.class);
        assertThat(fixture.processedEvents.find("evt_2")).as("not stored, so the redelivery is processed").isEmpty();

        gateway.lookupsAnswer(null);
        gateway.knowsPayment("pi_1", campaign, Money.ofCents(5_000));
        assertThat(handler.handle(refunded("evt_2", "pi_1", refund("re_1", 1_000))))
                .isInstanceOf(PaymentEventOutcome.Applied.class);
        assertThat(fixture.balance()).isEqualTo(Money.ofCents(-1_000));
    }

    @Test
    void a_refund_that_fails_gives_its_money_back_once_however_often_it_is_reported() {
        handler.handle(succeeded("evt_1", "pi_1", 5_000));
        handler.handle(refunded("evt_2", "pi_1", refund("re_1", 1_000)));
        assertThat(fixture.balance()).isEqualTo(Money.ofCents(4_000));

        PaymentEventOutcome failed = handler.handle(refundFailed("evt_3", "re_1", "pi_1", 1_000));
        handler.handle(refundFailed("evt_4", "re_1", "pi_1", 1_000));

        assertThat(failed).isInstanceOf(PaymentEventOutcome.Applied.class);
        assertThat(fixture.entries(EntryKind.ADJUSTMENT)).extracting(e -> e.idempotencyKey().reference())
                .containsExactlyInAnyOrder("re_1", "re_1:failed");
        assertThat(fixture.entries(EntryKind.ADJUSTMENT)).filteredOn(e -> e.amount().isPositive())
                .singleElement().satisfies(e -> assertThat(e.reason()).hasValueSatisfying(reason ->
                        assertThat(reason).contains("re_1").contains("failed").contains("expired_or_canceled_card")));
        assertThat(fixture.balance()).isEqualTo(Money.ofCents(5_000));
    }

    @Test
    void a_failure_reason_longer_than_a_ledger_reason_allows_is_cut_not_refused() {
        handler.handle(succeeded("evt_1", "pi_1", 5_000));
        String verbose = "x".repeat(600);

        PaymentEventOutcome outcome = handler.handle(new PaymentEvent.RefundFailed("evt_2", "re_1", "ch_pi_1",
                Optional.of("pi_1"), Money.ofCents(1_000), "usd", verbose));

        assertThat(outcome).isInstanceOf(PaymentEventOutcome.Applied.class);
        assertThat(fixture.entries(EntryKind.ADJUSTMENT)).filteredOn(e -> e.amount().isPositive()).singleElement()
                .satisfies(e -> assertThat(e.reason()).hasValueSatisfying(reason -> assertThat(reason)
                        .contains("x".repeat(100) + "…").doesNotContain("x".repeat(101))));
        assertThat(fixture.balance()).isEqualTo(Money.ofCents(5_000));
    }

    @Test
    void a_give_back_refused_after_its_take_back_was_booked_is_retried_not_stored_as_done() {
        handler.handle(succeeded("evt_1", "pi_1", 5_000));
        // The give-back's key already books money on another campaign: the ledger refuses it there.
        CampaignId other = fixture.activeCampaign(fixture.advertiser).id();
        assertThat(fixture.recordFunding.record(FundingCommand.adjustment(other, Money.ofCents(1), gateway.processor(),
                "re_1:failed", "planted"))).isInstanceOf(Outcome.Accepted.class);

        PaymentEventOutcome outcome = handler.handle(refundFailed("evt_2", "re_1", "pi_1", 1_000));

        assertThat(outcome).isInstanceOf(PaymentEventOutcome.RetryLater.class);
        assertThat(fixture.processedEvents.find("evt_2")).as("delivered again, not answered as done").isEmpty();
    }

    @Test
    void a_refund_whose_failure_arrives_first_is_taken_and_given_back_and_a_late_report_of_it_takes_nothing() {
        handler.handle(succeeded("evt_1", "pi_1", 5_000));

        handler.handle(refundFailed("evt_3", "re_1", "pi_1", 1_000));
        assertThat(fixture.balance()).isEqualTo(Money.ofCents(5_000));
        // A charge.refunded of before the failure, delivered late, still lists the refund as made.
        handler.handle(refunded("evt_2", "pi_1", refund("re_1", 1_000)));

        assertThat(fixture.entries(EntryKind.ADJUSTMENT)).extracting(e -> e.idempotencyKey().reference())
                .containsExactlyInAnyOrder("re_1", "re_1:failed");
        assertThat(fixture.balance()).isEqualTo(Money.ofCents(5_000));
        assertThat(fixture.ledger.reconcile()).isEmpty();
    }

    @Test
    void a_failed_refund_of_a_payment_promo_did_not_make_or_in_another_currency_is_left_to_an_operator() {
        assertThat(handler.handle(refundFailed("evt_1", "re_1", "pi_nobody_knows", 1_000)))
                .isInstanceOf(PaymentEventOutcome.Unmatched.class);
        handler.handle(succeeded("evt_2", "pi_1", 5_000));
        assertThat(handler.handle(new PaymentEvent.RefundFailed("evt_3", "re_2", "ch_pi_1", Optional.of("pi_1"),
                Money.ofCents(1_000), "eur", "unknown"))).isInstanceOf(PaymentEventOutcome.Unmatched.class);

        assertThat(fixture.entries(EntryKind.ADJUSTMENT)).isEmpty();
        assertThat(storedResult("evt_1")).isEqualTo(ProcessedPaymentEvent.Result.UNMATCHED);
        assertThat(storedResult("evt_3")).isEqualTo(ProcessedPaymentEvent.Result.UNMATCHED);
    }

    @Test
    void a_dispute_takes_the_money_once_and_a_won_dispute_gives_it_back() {
        handler.handle(succeeded("evt_1", "pi_1", 5_000));

        handler.handle(withdrawn("evt_2", "charge.dispute.created", "dp_1", "pi_1", 5_000));
        handler.handle(withdrawn("evt_3", "charge.dispute.funds_withdrawn", "dp_1", "pi_1", 5_000));
        assertThat(fixture.balance()).isEqualTo(Money.ZERO);

        handler.handle(reinstated("evt_4", "dp_1", "pi_1", 5_000));

        assertThat(fixture.entries(EntryKind.ADJUSTMENT)).extracting(e -> e.idempotencyKey().reference())
                .containsExactlyInAnyOrder("dp_1:withdrawn", "dp_1:reinstated");
        assertThat(fixture.balance()).isEqualTo(Money.ofCents(5_000));
    }

    @Test
    void an_unknown_type_is_acknowledged_stored_and_ignored() {
        assertThat(handler.handle(new PaymentEvent.Ignored("evt_1", "customer.created")))
                .isEqualTo(new PaymentEventOutcome.Ignored("customer.created"));
        assertThat(storedResult("evt_1")).isEqualTo(ProcessedPaymentEvent.Result.IGNORED);
    }

    @Test
    void money_promo_cannot_place_is_stored_as_unmatched_for_an_operator_and_not_booked() {
        CampaignId unknown = TestData.IDS.newCampaignId();
        assertThat(handler.handle(new PaymentEvent.PaymentSucceeded("evt_1", "pi_1", Optional.empty(),
                Money.ofCents(5_000), "usd"))).isInstanceOf(PaymentEventOutcome.Unmatched.class);
        assertThat(handler.handle(new PaymentEvent.PaymentSucceeded("evt_2", "pi_2", Optional.of(unknown),
                Money.ofCents(5_000), "usd"))).isInstanceOf(PaymentEventOutcome.Unmatched.class);
        assertThat(handler.handle(new PaymentEvent.PaymentSucceeded("evt_3", "pi_3", campaign,
                Money.ofCents(5_000), "eur"))).isInstanceOf(PaymentEventOutcome.Unmatched.class);
        assertThat(handler.handle(refunded("evt_4", "pi_nobody_knows", refund("re_1", 100))))
                .isInstanceOf(PaymentEventOutcome.Unmatched.class);

        assertThat(fixture.entries()).isEmpty();
        assertThat(List.of("evt_1", "evt_2", "evt_3", "evt_4")).allSatisfy(id ->
                assertThat(storedResult(id)).isEqualTo(ProcessedPaymentEvent.Result.UNMATCHED));
        assertThat(fixture.processedEvents.find("evt_2").orElseThrow().detail())
                .hasValueSatisfying(d -> assertThat(d).contains(unknown.value()).contains("does not exist"));
    }

    /**
     * I6 under any order, any number of deliveries, concurrently: a payment's events (success, three
     * refunds of which one fails, a dispute lost then won) shuffled with duplicates always end at the same ledger.
     */
    @Test
    void any_order_and_any_number_of_deliveries_end_in_the_same_ledger() throws Exception {
        long seed = new Random().nextLong();
        Random random = new Random(seed);
        for (int round = 0; round < 25; round++) {
            FundingFixture f = new FundingFixture();
            FakePaymentGateway g = new FakePaymentGateway();
            g.knowsPayment("pi_1", Optional.of(f.campaign.id()), Money.ofCents(10_000));
            HandlePaymentEvent h = f.handlePaymentEvent(g);
            List<PaymentEvent> events = new ArrayList<>(List.of(
                    new PaymentEvent.PaymentSucceeded("evt_s", "pi_1", Optional.of(f.campaign.id()), Money.ofCents(10_000), "usd"),
                    refunded("evt_r1", "pi_1", refund("re_1", 1_000)),
                    refunded("evt_r2", "pi_1", refund("re_1", 1_000), refund("re_2", 2_000)),
                    refunded("evt_r3", "pi_1", refund("re_1", 1_000), refund("re_2", 2_000), refund("re_3", 1_500)),
                    refundFailed("evt_rf", "re_3", "pi_1", 1_500),
                    withdrawn("evt_d1", "charge.dispute.created", "dp_1", "pi_1", 7_000),
                    withdrawn("evt_d2", "charge.dispute.funds_withdrawn", "dp_1", "pi_1", 7_000),
                    reinstated("evt_d3", "dp_1", "pi_1", 7_000)));
            List<PaymentEvent> deliveries = new ArrayList<>();
            for (PaymentEvent event : events) {
                for (int copies = 1 + random.nextInt(3); copies > 0; copies--) {
                    deliveries.add(event);
                }
            }
            Collections.shuffle(deliveries, random);
            List<Callable<PaymentEventOutcome>> tasks = new ArrayList<>();
            deliveries.forEach(event -> tasks.add(() -> h.handle(event)));

            Race.run(tasks);

            assertThat(f.balance()).as("seed %d, round %d", seed, round).isEqualTo(Money.ofCents(7_000));
            assertThat(f.entries(EntryKind.TOPUP)).as("seed %d", seed).hasSize(1);
            assertThat(f.entries(EntryKind.ADJUSTMENT)).as("seed %d", seed).hasSize(6); // re_3 taken and given back
            assertThat(f.processedEvents.size()).as("seed %d", seed).isEqualTo(events.size());
            assertThat(f.ledger.reconcile()).as("seed %d", seed).isEmpty();
        }
    }
}
