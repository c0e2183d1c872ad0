package io.promo.domain.funding;

import static org.assertj.core.api.Assertions.assertThat;

import io.promo.domain.shared.CampaignId;
import io.promo.domain.shared.Money;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Payments and refunds promo cannot book: each is acknowledged and stored for an operator with the reason, and
 * moves no money. Also what an operator reads for the events that did something.
 */
class HandlePaymentEventUnplacedMoneyTest {

    private final FundingFixture fixture = new FundingFixture();
    private final FakePaymentGateway gateway = new FakePaymentGateway();
    private final HandlePaymentEvent handler = fixture.handlePaymentEvent(gateway);
    private final Optional<CampaignId> campaign = Optional.of(fixture.campaign.id());

    private static PaymentEvent.Refunded refunded(String eventId, Optional<String> payment, PaymentEvent.Refund... refunds) {
        return new PaymentEvent.Refunded(eventId, "ch_1", payment, Optional.empty(), List.of(refunds));
    }

    private static PaymentEvent.Refund refund(String id, long cents, String currency) {
        return new PaymentEvent.Refund(id, Money.ofCents(cents), currency);
    }

    private void paid(String payment, long cents) {
        handler.handle(new PaymentEvent.PaymentSucceeded("evt_paid", payment, campaign, Money.ofCents(cents), "usd"));
    }

    private ProcessedPaymentEvent stored(String eventId) {
        return fixture.processedEvents.find(eventId).orElseThrow();
    }

    private static String unmatchedReason(PaymentEventOutcome outcome) {
        assertThat(outcome).isInstanceOf(PaymentEventOutcome.Unmatched.class);
        return ((PaymentEventOutcome.Unmatched) outcome).reason();
    }

    @Test
    void a_payment_whose_id_cannot_key_a_ledger_entry_is_not_booked() {
        String reason = unmatchedReason(handler.handle(new PaymentEvent.PaymentSucceeded("evt_1", "pi with spaces",
                campaign, Money.ofCents(5_000), "usd")));

        assertThat(reason).contains("cannot key a ledger entry");
        assertThat(fixture.entries()).isEmpty();
    }

    @Test
    void a_failed_payment_is_stored_with_its_code_and_message_for_an_operator() {
        handler.handle(new PaymentEvent.PaymentFailed("evt_1", "pi_1", campaign, "card_declined", "Your card was declined."));

        assertThat(stored("evt_1").result()).isEqualTo(ProcessedPaymentEvent.Result.NOTED);
        assertThat(stored("evt_1").detail()).contains("payment pi_1 failed (card_declined): Your card was declined.");
    }

    @Test
    void a_type_promo_does_not_act_on_is_stored_saying_so() {
        handler.handle(new PaymentEvent.Ignored("evt_1", "customer.created"));

        assertThat(stored("evt_1").detail()).contains("type customer.created is not acted on");
    }

    @Test
    void a_top_up_event_is_stored_with_the_entry_it_booked() {
        paid("pi_1", 5_000);

        assertThat(stored("evt_paid").detail()).contains("top-up pi_1: topup 5000 on " + fixture.campaign.id());
    }

    @Test
    void a_refund_of_a_charge_made_without_a_payment_intent_is_unmatched() {
        assertThat(unmatchedReason(handler.handle(refunded("evt_1", Optional.empty(), refund("re_1", 100, "usd")))))
                .contains("charge ch_1 belongs to no payment intent promo made");
        assertThat(fixture.entries()).isEmpty();
    }

    @Test
    void a_refunded_charge_that_lists_no_refund_is_noted_and_moves_no_money() {
        paid("pi_1", 5_000);

        PaymentEventOutcome outcome = handler.handle(refunded("evt_1", Optional.of("pi_1")));

        assertThat(outcome).isInstanceOf(PaymentEventOutcome.Noted.class);
        assertThat(stored("evt_1").result()).isEqualTo(ProcessedPaymentEvent.Result.NOTED);
        assertThat(fixture.balance()).isEqualTo(Money.ofCents(5_000));
    }

    @Test
    void a_refund_in_another_currency_books_none_of_the_charges_refunds() {
        paid("pi_1", 5_000);

        String reason = unmatchedReason(handler.handle(refunded("evt_1", Optional.of("pi_1"),
                refund("re_1", 100, "usd"), refund("re_2", 100, "eur"))));

        assertThat(reason).contains("refund re_2 is in eur");
        assertThat(fixture.balance()).isEqualTo(Money.ofCents(5_000));
    }

    @Test
    void a_refund_whose_id_cannot_key_a_ledger_entry_books_none_of_the_charges_refunds() {
        paid("pi_1", 5_000);

        String reason = unmatchedReason(handler.handle(refunded("evt_1", Optional.of("pi_1"),
                refund("re_1", 100, "usd"), refund("re 2", 100, "usd"))));

        assertThat(reason).contains("refund id re 2 cannot key a ledger entry");
        assertThat(fixture.balance()).isEqualTo(Money.ofCents(5_000));
    }

    @Test
    void a_refund_that_cannot_be_booked_on_its_campaign_stops_there_and_says_why() {
        CampaignId unknown = new CampaignId("pcmp_gone");
        PaymentEvent.Refunded onUnknown = new PaymentEvent.Refunded("evt_1", "ch_1", Optional.of("pi_1"),
                Optional.of(unknown), List.of(refund("re_1", 100, "usd")));

        assertThat(unmatchedReason(handler.handle(onUnknown))).contains("pcmp_gone").contains("not booked");
    }
}
