package io.promo.billing;

import static io.promo.domain.shared.Outcomes.violatedFields;
import static org.assertj.core.api.Assertions.assertThat;

import io.promo.domain.advertiser.Advertiser;
import io.promo.domain.campaign.Campaign;
import io.promo.domain.funding.FundingFixture;
import io.promo.domain.funding.TopUpCampaign;
import io.promo.domain.funding.TopUpCommand;
import io.promo.domain.funding.TopUpResult;
import io.promo.domain.ledger.EntryKind;
import io.promo.domain.shared.Actor;
import io.promo.domain.shared.Money;
import io.promo.domain.shared.Outcome;
import io.promo.domain.shared.UserId;
import io.promo.domain.testing.TestData;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The top-up use case end to end: domain rules, stripe-java, the fake Stripe, the ledger fake. */
class TopUpThroughStripeTest {

    private final FakeStripeServer stripe = FakeStripeServer.start();
    private final FundingFixture fixture = new FundingFixture();
    private final TopUpCampaign topUp = fixture.topUpCampaign(new StripePaymentGateway(stripe.settings()));

    @AfterEach
    void stop() {
        stripe.close();
    }

    private Outcome<TopUpResult> topUp(Advertiser advertiser, Campaign campaign, long cents, String key) {
        return topUp.topUp(new TopUpCommand(Actor.tenant(advertiser.id()), campaign.id(), Money.ofCents(cents), key));
    }

    @Test
    void a_top_up_charges_the_saved_card_once_per_client_key_and_books_it() {
        TopUpResult first = topUp(fixture.advertiser, fixture.campaign, 5_000, "req-1").orElseThrow();
        TopUpResult retried = topUp(fixture.advertiser, fixture.campaign, 5_000, "req-1").orElseThrow();

        assertThat(retried).isEqualTo(first);
        assertThat(stripe.intents()).hasSize(1);
        assertThat(stripe.paymentIntentCreations()).extracting(FakeStripeServer.Received::idempotencyKey)
                .containsOnly(TopUpCampaign.processorIdempotencyKey(fixture.campaign.id(), "req-1"));
        assertThat(fixture.entries(EntryKind.TOPUP)).hasSize(1);
        assertThat(fixture.balance()).isEqualTo(Money.ofCents(5_000));
    }

    @Test
    void a_retry_after_a_500_books_one_top_up() {
        stripe.nextAnswersStatus(500);

        assertThat(topUp(fixture.advertiser, fixture.campaign, 5_000, "req-1").orElseThrow())
                .isInstanceOf(TopUpResult.Charged.class);
        assertThat(stripe.intents()).hasSize(1);
        assertThat(fixture.balance()).isEqualTo(Money.ofCents(5_000));
    }

    @Test
    void a_declined_card_books_nothing_and_says_why() {
        Advertiser broke = Advertiser.onboard(TestData.IDS.newAdvertiserId(), new UserId("usr_broke"),
                Optional.of(new io.promo.domain.advertiser.PaymentReference("cus_9/pm_card_chargeDeclinedInsufficientFunds")),
                TestData.NOW);
        fixture.advertisers.insert(broke);
        Campaign campaign = fixture.activeCampaign(broke);

        TopUpResult result = topUp(broke, campaign, 5_000, "req-1").orElseThrow();

        assertThat(result).isEqualTo(new TopUpResult.Declined("insufficient_funds", "Your card has insufficient funds."));
        assertThat(fixture.balance(campaign.id())).isEqualTo(Money.ZERO);
    }

    @Test
    void bad_input_is_refused_before_stripe_is_asked() {
        Advertiser cardless = Advertiser.onboard(TestData.IDS.newAdvertiserId(), new UserId("usr_cardless"),
                Optional.empty(), TestData.NOW);
        fixture.advertisers.insert(cardless);
        Campaign campaign = fixture.activeCampaign(cardless);

        assertThat(violatedFields(topUp(fixture.advertiser, fixture.campaign, 1, "req-1"))).containsExactly("amount_cents");
        assertThat(violatedFields(topUp(fixture.advertiser, fixture.campaign, 10_000_000, "req-2")))
                .containsExactly("amount_cents");
        assertThat(violatedFields(topUp(cardless, campaign, 5_000, "req-3"))).containsExactly("default_payment_id");
        assertThat(topUp(fixture.advertiser, campaign, 5_000, "req-4").isAccepted()).as("another advertiser's campaign")
                .isFalse();

        assertThat(stripe.received()).isEmpty();
    }
}
