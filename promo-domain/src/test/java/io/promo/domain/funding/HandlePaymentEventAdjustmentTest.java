package io.promo.domain.funding;

import static org.assertj.core.api.Assertions.assertThat;

import io.promo.domain.campaign.Campaign;
import io.promo.domain.ledger.EntryKind;
import io.promo.domain.ledger.FundingCommand;
import io.promo.domain.ledger.IdempotencyKey;
import io.promo.domain.ledger.LedgerEntry;
import io.promo.domain.shared.CampaignId;
import io.promo.domain.shared.Money;
import io.promo.domain.testing.TestData;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Disputes (HandlePaymentEvent's adjustments): a lost dispute takes its amount back, a won one returns it, each
 * once, on the campaign the disputed payment funded; money promo cannot place is left to an operator.
 */
class HandlePaymentEventAdjustmentTest {

    private final FundingFixture fixture = new FundingFixture();
    private final FakePaymentGateway gateway = new FakePaymentGateway();
    private final HandlePaymentEvent handler = fixture.handlePaymentEvent(gateway);
    private final CampaignId campaign = fixture.campaign.id();

    private static PaymentEvent.DisputeFundsWithdrawn withdrawn(String eventId, String dispute, Optional<String> payment,
            Optional<CampaignId> hint, long cents, String currency) {
        return new PaymentEvent.DisputeFundsWithdrawn(eventId, "charge.dispute.funds_withdrawn", dispute, payment, hint,
                Money.ofCents(cents), currency);
    }

    private static PaymentEvent.DisputeFundsWithdrawn withdrawn(String eventId, String payment, long cents) {
        return withdrawn(eventId, "dp_1", Optional.of(payment), Optional.empty(), cents, "usd");
    }

    private static PaymentEvent.DisputeFundsReinstated reinstated(String eventId, String payment, long cents) {
        return new PaymentEvent.DisputeFundsReinstated(eventId, "dp_1", Optional.of(payment), Optional.empty(),
                Money.ofCents(cents), "usd");
    }

    private void paid(String payment, long cents) {
        handler.handle(new PaymentEvent.PaymentSucceeded("evt_paid_" + payment, payment, Optional.of(campaign),
                Money.ofCents(cents), "usd"));
    }

    private String unmatchedReason(PaymentEventOutcome outcome) {
        assertThat(outcome).isInstanceOf(PaymentEventOutcome.Unmatched.class);
        return ((PaymentEventOutcome.Unmatched) outcome).reason();
    }

    private ProcessedPaymentEvent stored(String eventId) {
        return fixture.processedEvents.find(eventId).orElseThrow();
    }

    @Test
    void a_lost_dispute_is_a_negative_adjustment_of_its_amount_keyed_by_the_dispute_and_the_operator_sees_it() {
        paid("pi_1", 5_000);

        PaymentEventOutcome outcome = handler.handle(withdrawn("evt_2", "pi_1", 3_000));

        LedgerEntry adjustment = ((PaymentEventOutcome.Applied) outcome).entries().get(0);
        assertThat(adjustment.kind()).isEqualTo(EntryKind.ADJUSTMENT);
        assertThat(adjustment.amount()).isEqualTo(Money.ofCents(-3_000));
        assertThat(adjustment.campaignId()).isEqualTo(campaign);
        assertThat(adjustment.idempotencyKey()).isEqualTo(new IdempotencyKey(IdempotencyKey.STRIPE, "dp_1:withdrawn"));
        assertThat(adjustment.reason()).contains("dispute dp_1: funds withdrawn");
        assertThat(fixture.balance()).isEqualTo(Money.ofCents(2_000));
        assertThat(stored("evt_2").result()).isEqualTo(ProcessedPaymentEvent.Result.APPLIED);
        assertThat(stored("evt_2").detail()).contains("dispute dp_1: funds withdrawn: adjustment -3000 on " + campaign);
    }

    @Test
    void a_won_dispute_gives_the_amount_back_as_a_positive_adjustment_once() {
        paid("pi_1", 5_000);
        handler.handle(withdrawn("evt_2", "pi_1", 3_000));

        PaymentEventOutcome first = handler.handle(reinstated("evt_3", "pi_1", 3_000));
        PaymentEventOutcome again = handler.handle(reinstated("evt_4", "pi_1", 3_000));

        assertThat(((PaymentEventOutcome.Applied) first).entries().get(0).amount()).isEqualTo(Money.ofCents(3_000));
        assertThat(((PaymentEventOutcome.Applied) again).summary()).endsWith("(already in the ledger)");
        assertThat(fixture.entries(EntryKind.ADJUSTMENT)).hasSize(2);
        assertThat(fixture.balance()).isEqualTo(Money.ofCents(5_000));
    }

    @Test
    void a_dispute_that_names_its_campaign_is_booked_there_without_asking_the_processor() {
        gateway.lookupsAnswer(new PaymentLookup.Unavailable("connection refused"));

        PaymentEventOutcome outcome = handler.handle(withdrawn("evt_2", "dp_1", Optional.of("pi_1"),
                Optional.of(campaign), 1_000, "usd"));

        assertThat(outcome).isInstanceOf(PaymentEventOutcome.Applied.class);
        assertThat(fixture.balance()).isEqualTo(Money.ofCents(-1_000));
    }

    @Test
    void a_dispute_finds_its_campaign_through_the_payments_top_up_already_in_the_ledger() {
        paid("pi_1", 5_000);
        gateway.lookupsAnswer(new PaymentLookup.Unavailable("connection refused"));

        assertThat(handler.handle(withdrawn("evt_2", "pi_1", 1_000))).isInstanceOf(PaymentEventOutcome.Applied.class);
        assertThat(fixture.balance()).isEqualTo(Money.ofCents(4_000));
    }

    @Test
    void only_a_top_up_tells_which_campaign_a_payment_funded() {
        // An entry of another kind under the payment's reference says nothing about where its money went.
        Campaign elsewhere = fixture.activeCampaign(fixture.advertiser);
        fixture.recordFunding.record(FundingCommand.adjustment(elsewhere.id(), Money.ofCents(-1), IdempotencyKey.STRIPE,
                "pi_1", "a correction under the payment's id")).orElseThrow();
        gateway.knowsPayment("pi_1", Optional.of(campaign), Money.ofCents(5_000));

        handler.handle(withdrawn("evt_2", "pi_1", 1_000));

        assertThat(fixture.balance()).isEqualTo(Money.ofCents(-1_000));
        assertThat(fixture.balance(elsewhere.id())).isEqualTo(Money.ofCents(-1));
    }

    @Test
    void a_dispute_that_arrives_before_its_payment_finds_the_campaign_in_the_payments_metadata_at_the_processor() {
        gateway.knowsPayment("pi_1", Optional.of(campaign), Money.ofCents(5_000));

        assertThat(handler.handle(withdrawn("evt_2", "pi_1", 5_000))).isInstanceOf(PaymentEventOutcome.Applied.class);
        paid("pi_1", 5_000);

        assertThat(fixture.balance()).isEqualTo(Money.ZERO);
    }

    @Test
    void a_dispute_waits_for_a_redelivery_when_the_processor_cannot_be_asked() {
        gateway.lookupsAnswer(new PaymentLookup.Unavailable("connection refused"));

        PaymentEventOutcome outcome = handler.handle(withdrawn("evt_2", "pi_1", 1_000));

        assertThat(outcome).isInstanceOf(PaymentEventOutcome.RetryLater.class);
        assertThat(((PaymentEventOutcome.RetryLater) outcome).reason()).contains("pi_1").contains("connection refused");
        assertThat(fixture.processedEvents.find("evt_2")).isEmpty();
        assertThat(fixture.entries()).isEmpty();
    }

    @Test
    void a_dispute_in_another_currency_is_not_booked_but_left_to_an_operator() {
        paid("pi_1", 5_000);

        String reason = unmatchedReason(handler.handle(withdrawn("evt_2", "dp_1", Optional.of("pi_1"), Optional.empty(),
                1_000, "eur")));

        assertThat(reason).contains("eur").contains("usd");
        assertThat(fixture.entries(EntryKind.ADJUSTMENT)).isEmpty();
        assertThat(stored("evt_2").result()).isEqualTo(ProcessedPaymentEvent.Result.UNMATCHED);
    }

    @Test
    void a_dispute_on_a_payment_promo_did_not_make_is_unmatched_and_says_why() {
        gateway.knowsPayment("pi_shop", Optional.empty(), Money.ofCents(5_000));

        assertThat(unmatchedReason(handler.handle(withdrawn("evt_2", "pi_shop", 1_000))))
                .contains("pi_shop carries no campaign_id");
        assertThat(unmatchedReason(handler.handle(withdrawn("evt_3", "pi_nobody", 1_000))))
                .contains("pi_nobody is unknown to the processor");
        assertThat(unmatchedReason(handler.handle(withdrawn("evt_4", "dp_2", Optional.empty(), Optional.empty(), 1_000,
                "usd")))).contains("belongs to no payment intent promo made");
        assertThat(unmatchedReason(handler.handle(withdrawn("evt_5", "dp_3", Optional.of("pi with spaces"),
                Optional.empty(), 1_000, "usd")))).contains("belongs to no payment intent promo made");
        assertThat(fixture.entries()).isEmpty();
    }

    @Test
    void a_dispute_whose_id_cannot_key_a_ledger_entry_is_unmatched_rather_than_booked_unkeyed() {
        String reason = unmatchedReason(handler.handle(withdrawn("evt_2", "dp 1", Optional.empty(), Optional.of(campaign),
                1_000, "usd")));

        assertThat(reason).contains("cannot key a ledger entry");
        assertThat(fixture.entries()).isEmpty();
    }

    @Test
    void a_dispute_on_a_campaign_that_does_not_exist_is_unmatched_and_names_it() {
        CampaignId unknown = TestData.IDS.newCampaignId();

        String reason = unmatchedReason(handler.handle(withdrawn("evt_2", "dp_1", Optional.of("pi_1"), Optional.of(unknown),
                1_000, "usd")));

        assertThat(reason).contains(unknown.value()).contains("not booked");
    }
}
