package io.promo.domain.funding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.promo.domain.shared.AdvertiserId;
import io.promo.domain.shared.CampaignId;
import io.promo.domain.shared.InvalidCommandException;
import io.promo.domain.shared.Money;
import io.promo.domain.advertiser.PaymentReference;
import io.promo.domain.testing.TestData;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The funding values: an object that exists is valid, and its names are the processor's. */
class FundingValuesTest {

    private static final Optional<CampaignId> CAMPAIGN = Optional.of(new CampaignId("pcmp_1"));
    private static final Money AMOUNT = Money.ofCents(500);

    /** Every kind of payment event, made with the given event id. */
    private static final List<Function<String, PaymentEvent>> EVENTS = List.of(
            id -> new PaymentEvent.PaymentSucceeded(id, "pi_1", CAMPAIGN, AMOUNT, "usd"),
            id -> new PaymentEvent.PaymentFailed(id, "pi_1", CAMPAIGN, "card_declined", "declined"),
            id -> new PaymentEvent.Refunded(id, "ch_1", Optional.of("pi_1"), CAMPAIGN, List.of()),
            id -> new PaymentEvent.DisputeFundsWithdrawn(id, "charge.dispute.created", "dp_1", Optional.of("pi_1"),
                    CAMPAIGN, AMOUNT, "usd"),
            id -> new PaymentEvent.DisputeFundsReinstated(id, "dp_1", Optional.of("pi_1"), CAMPAIGN, AMOUNT, "usd"),
            id -> new PaymentEvent.Ignored(id, "customer.created"));

    @Test
    void every_payment_event_needs_a_processor_event_id() {
        for (Function<String, PaymentEvent> event : EVENTS) {
            assertThat(event.apply("evt_1").eventId()).isEqualTo("evt_1");
            assertThatThrownBy(() -> event.apply(null)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> event.apply("evt 1")).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void payment_events_are_typed_with_the_processors_event_names() {
        assertThat(EVENTS.stream().map(event -> event.apply("evt_1").type())).containsExactly(
                "payment_intent.succeeded", "payment_intent.payment_failed", "charge.refunded", "charge.dispute.created",
                "charge.dispute.funds_reinstated", "customer.created");
    }

    @Test
    void every_charge_outcome_needs_its_processor_reference_or_message() {
        List<Function<String, ChargeOutcome>> withText = List.of(
                ChargeOutcome.Succeeded::new,
                text -> new ChargeOutcome.RequiresAction(text, "secret"),
                text -> new ChargeOutcome.RequiresAction("pi_1", text),
                text -> new ChargeOutcome.Declined(text, "Your card was declined."),
                text -> new ChargeOutcome.Declined("card_declined", text),
                ChargeOutcome.FailedTemporarily::new,
                ChargeOutcome.Processing::new,
                ChargeOutcome.KeyReused::new);
        for (Function<String, ChargeOutcome> outcome : withText) {
            assertThat(outcome.apply("x")).isNotNull();
            assertThatThrownBy(() -> outcome.apply(" ")).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> outcome.apply(null)).isInstanceOf(NullPointerException.class);
        }
    }

    @Test
    void top_up_limits_are_a_positive_minimum_up_to_a_maximum_that_fits_the_amount_column() {
        assertThat(new TopUpLimits(Money.ofCents(1), Money.ofCents(1)).allows(Money.ofCents(1))).isTrue();
        assertThat(new TopUpLimits(Money.ofCents(1), Money.MAX_COLUMN_AMOUNT).allows(Money.MAX_COLUMN_AMOUNT)).isTrue();

        assertThatThrownBy(() -> new TopUpLimits(Money.ZERO, Money.ofCents(100))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("positive");
        assertThatThrownBy(() -> new TopUpLimits(Money.ofCents(100), Money.ofCents(99)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("below");
        assertThatThrownBy(() -> new TopUpLimits(Money.ofCents(100), Money.ofCents(Integer.MAX_VALUE + 1L)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("amount_cents");
    }

    @Test
    void by_default_a_top_up_is_5_to_10000_units_of_the_currency_both_inclusive() {
        TopUpLimits defaults = TopUpLimits.defaults();

        assertThat(defaults.allows(Money.ofCents(500))).isTrue();
        assertThat(defaults.allows(Money.ofCents(1_000_000))).isTrue();
        assertThat(defaults.allows(Money.ofCents(499))).isFalse();
        assertThat(defaults.allows(Money.ofCents(1_000_001))).isFalse();
    }

    @Test
    void a_charge_idempotency_key_may_have_up_to_the_processors_255_characters() {
        AdvertiserId advertiser = TestData.IDS.newAdvertiserId();
        PaymentReference card = TestData.anAdvertiser().defaultPayment().orElseThrow();
        String longest = "k".repeat(ChargeRequest.MAX_IDEMPOTENCY_KEY_LENGTH);

        assertThat(new ChargeRequest(advertiser, card, AMOUNT, "usd", longest, Map.of()).idempotencyKey()).isEqualTo(longest);
        assertThatThrownBy(() -> new ChargeRequest(advertiser, card, AMOUNT, "usd", longest + "k", Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("idempotency key");
        assertThatThrownBy(() -> new ChargeRequest(advertiser, card, AMOUNT, "usd", " ", Map.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void a_processed_events_result_is_stored_as_a_code_and_read_back_from_it() {
        assertThat(Arrays.stream(ProcessedPaymentEvent.Result.values()).map(ProcessedPaymentEvent.Result::code))
                .containsExactly("applied", "noted", "ignored", "unmatched");
        for (ProcessedPaymentEvent.Result result : ProcessedPaymentEvent.Result.values()) {
            assertThat(ProcessedPaymentEvent.Result.parse("result", result.code())).isEqualTo(result);
        }
        assertThatThrownBy(() -> ProcessedPaymentEvent.Result.parse("result", "done"))
                .isInstanceOf(InvalidCommandException.class).hasMessageContaining("result");
    }
}
