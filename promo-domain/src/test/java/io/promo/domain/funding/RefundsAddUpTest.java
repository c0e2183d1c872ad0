package io.promo.domain.funding;

import static org.assertj.core.api.Assertions.assertThat;

import io.promo.domain.ledger.EntryKind;
import io.promo.domain.shared.Money;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The refunds booked for a charge add up to what the processor says it refunded: a {@code charge.refunded}
 * whose listed refunds miss some (or list too much) books nothing, is not stored, and is delivered again.
 */
class RefundsAddUpTest {

    private final FundingFixture fixture = new FundingFixture();
    private final FakePaymentGateway gateway = new FakePaymentGateway();
    private final HandlePaymentEvent handler = fixture.handlePaymentEvent(gateway);

    private PaymentEvent.Refunded refunded(long amountRefunded, PaymentEvent.Refund... refunds) {
        return new PaymentEvent.Refunded("evt_refund", "ch_1", Optional.of("pi_1"), Optional.of(fixture.campaign.id()),
                Money.ofCents(amountRefunded), List.of(refunds));
    }

    private static PaymentEvent.Refund refund(String id, long cents) {
        return new PaymentEvent.Refund(id, Money.ofCents(cents), "usd");
    }

    @Test
    void refunds_that_add_up_to_the_amount_refunded_are_each_taken_back() {
        PaymentEventOutcome outcome = handler.handle(refunded(3_000, refund("re_1", 1_000), refund("re_2", 2_000)));

        assertThat(outcome).isInstanceOf(PaymentEventOutcome.Applied.class);
        assertThat(fixture.entries(EntryKind.ADJUSTMENT)).extracting(e -> e.amount().cents())
                .containsExactlyInAnyOrder(-1_000L, -2_000L);
    }

    @Test
    void a_list_missing_a_refund_books_nothing_and_asks_for_the_event_again() {
        PaymentEventOutcome outcome = handler.handle(refunded(3_000, refund("re_1", 1_000)));

        assertThat(outcome).isInstanceOf(PaymentEventOutcome.RetryLater.class);
        assertThat(((PaymentEventOutcome.RetryLater) outcome).reason()).contains("3000").contains("1000");
        assertThat(fixture.entries()).isEmpty();
        assertThat(fixture.processedEvents.find("evt_refund")).isEmpty();
    }

    @Test
    void an_empty_list_of_a_refunded_charge_books_nothing_and_asks_for_the_event_again() {
        assertThat(handler.handle(refunded(5_000))).isInstanceOf(PaymentEventOutcome.RetryLater.class);
        assertThat(fixture.processedEvents.find("evt_refund")).isEmpty();
    }

    @Test
    void a_list_of_more_than_the_amount_refunded_books_nothing_either() {
        assertThat(handler.handle(refunded(1_000, refund("re_1", 1_000), refund("re_2", 2_000))))
                .isInstanceOf(PaymentEventOutcome.RetryLater.class);
        assertThat(fixture.entries()).isEmpty();
    }

    @Test
    void a_charge_with_nothing_refunded_and_no_refund_listed_is_noted_without_money() {
        assertThat(handler.handle(refunded(0))).isInstanceOf(PaymentEventOutcome.Noted.class);
        assertThat(fixture.entries()).isEmpty();
    }

    @Test
    void an_event_processed_before_is_answered_from_its_stored_result() {
        handler.handle(refunded(1_000, refund("re_1", 1_000)));

        assertThat(handler.processedBefore("evt_refund")).hasValueSatisfying(
                earlier -> assertThat(earlier.result()).isEqualTo(ProcessedPaymentEvent.Result.APPLIED));
        assertThat(handler.processedBefore("evt_other")).isEmpty();
    }
}
