package io.promo.domain.funding;

import static io.promo.domain.shared.Outcomes.kindOf;
import static io.promo.domain.shared.Outcomes.rejectionOf;
import static io.promo.domain.shared.Outcomes.violatedFields;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.promo.domain.advertiser.Advertiser;
import io.promo.domain.advertiser.AdvertiserStatus;
import io.promo.domain.campaign.Campaign;
import io.promo.domain.campaign.CampaignAction;
import io.promo.domain.ledger.EntryKind;
import io.promo.domain.ledger.IdempotencyKey;
import io.promo.domain.shared.Actor;
import io.promo.domain.shared.CampaignId;
import io.promo.domain.shared.InvalidCommandException;
import io.promo.domain.shared.Money;
import io.promo.domain.shared.Outcome;
import io.promo.domain.shared.Rejection;
import io.promo.domain.shared.UserId;
import io.promo.domain.testing.TestData;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TopUpCampaignTest {

    private final FundingFixture fixture = new FundingFixture();
    private final FakePaymentGateway gateway = new FakePaymentGateway();
    private final TopUpCampaign topUp = fixture.topUpCampaign(gateway);
    private final Actor owner = Actor.tenant(fixture.advertiser.id());

    private Outcome<TopUpResult> topUp(Actor actor, CampaignId campaign, long cents, String key) {
        return topUp.topUp(new TopUpCommand(actor, campaign, Money.ofCents(cents), key));
    }

    private Outcome<TopUpResult> topUp(long cents, String key) {
        return topUp(owner, fixture.campaign.id(), cents, key);
    }

    @Test
    void a_successful_charge_puts_one_topup_on_the_campaign_keyed_by_the_payment_id() {
        TopUpResult result = topUp(5_000, "req-1").orElseThrow();

        assertThat(result).isInstanceOf(TopUpResult.Charged.class);
        TopUpResult.Charged charged = (TopUpResult.Charged) result;
        assertThat(charged.topUp().kind()).isEqualTo(EntryKind.TOPUP);
        assertThat(charged.topUp().amount()).isEqualTo(Money.ofCents(5_000));
        assertThat(charged.topUp().idempotencyKey()).isEqualTo(new IdempotencyKey(IdempotencyKey.STRIPE, charged.processorRef()));
        assertThat(fixture.balance()).isEqualTo(Money.ofCents(5_000));
    }

    @Test
    void the_charge_names_the_saved_payment_method_the_campaign_and_the_request() {
        topUp(5_000, "req-1").orElseThrow();

        ChargeRequest request = gateway.requests().get(0);
        assertThat(request.advertiserId()).isEqualTo(fixture.advertiser.id());
        assertThat(request.paymentMethod()).isEqualTo(fixture.advertiser.defaultPayment().orElseThrow());
        assertThat(request.amount()).isEqualTo(Money.ofCents(5_000));
        assertThat(request.currency()).isEqualTo("usd");
        assertThat(request.idempotencyKey()).isEqualTo("promo-topup:" + fixture.campaign.id() + ":req-1");
        assertThat(request.metadata()).containsEntry(ChargeRequest.CAMPAIGN_ID, fixture.campaign.id().value())
                .containsEntry(ChargeRequest.TOPUP_REQUEST_ID, request.idempotencyKey());
    }

    @Test
    void a_retried_request_with_the_same_key_charges_once_and_answers_the_same_topup() {
        TopUpResult.Charged first = (TopUpResult.Charged) topUp(5_000, "req-1").orElseThrow();
        TopUpResult.Charged again = (TopUpResult.Charged) topUp(5_000, "req-1").orElseThrow();
        TopUpResult.Charged byAdmin = (TopUpResult.Charged) topUp(Actor.ADMIN, fixture.campaign.id(), 5_000, "req-1")
                .orElseThrow();

        assertThat(gateway.successfulCharges()).isEqualTo(1);
        assertThat(again.topUp()).isEqualTo(first.topUp());
        assertThat(byAdmin.topUp()).isEqualTo(first.topUp());
        assertThat(fixture.entries(EntryKind.TOPUP)).hasSize(1);
        assertThat(fixture.balance()).isEqualTo(Money.ofCents(5_000));
    }

    @Test
    void the_same_client_key_on_two_campaigns_is_two_top_ups() {
        Campaign other = fixture.activeCampaign(fixture.advertiser);

        topUp(5_000, "req-1").orElseThrow();
        topUp(owner, other.id(), 700, "req-1").orElseThrow();

        assertThat(gateway.requests()).extracting(ChargeRequest::idempotencyKey).doesNotHaveDuplicates();
        assertThat(gateway.successfulCharges()).isEqualTo(2);
        assertThat(fixture.balance(other.id())).isEqualTo(Money.ofCents(700));
    }

    @Test
    void amounts_outside_the_configured_limits_are_refused_without_a_charge() {
        assertThat(violatedFields(topUp(499, "req-1"))).containsExactly("amount_cents");
        assertThat(violatedFields(topUp(100_001, "req-2"))).containsExactly("amount_cents");
        assertThat(violatedFields(topUp(0, "req-3"))).containsExactly("amount_cents");
        assertThat(violatedFields(topUp(-500, "req-4"))).containsExactly("amount_cents");
        assertThat(rejectionOf(topUp(499, "req-5")).detail()).contains("between 500 and 100000");

        assertThat(topUp(500, "req-6").isAccepted()).isTrue();
        assertThat(topUp(100_000, "req-7").isAccepted()).isTrue();
        assertThat(gateway.requests()).hasSize(2);
    }

    @Test
    void an_unknown_campaign_or_another_advertisers_is_not_found_and_nothing_is_charged() {
        Advertiser stranger = TestData.anAdvertiser();
        fixture.advertisers.insert(stranger);

        assertThat(kindOf(topUp(owner, TestData.IDS.newCampaignId(), 5_000, "req-1"))).isEqualTo(Rejection.Kind.NOT_FOUND);
        assertThat(kindOf(topUp(Actor.tenant(stranger.id()), fixture.campaign.id(), 5_000, "req-1")))
                .isEqualTo(Rejection.Kind.NOT_FOUND);
        assertThat(gateway.requests()).isEmpty();
    }

    @Test
    void an_ended_or_suspended_campaign_cannot_be_topped_up() {
        Campaign suspended = fixture.change(fixture.activeCampaign(fixture.advertiser), CampaignAction.SUSPEND);
        Campaign ended = fixture.change(fixture.activeCampaign(fixture.advertiser), CampaignAction.END);

        assertThat(rejectionOf(topUp(owner, suspended.id(), 5_000, "req-1")))
                .satisfies(r -> assertThat(r.kind()).isEqualTo(Rejection.Kind.FORBIDDEN))
                .satisfies(r -> assertThat(r.detail()).contains("is suspended"));
        assertThat(rejectionOf(topUp(owner, ended.id(), 5_000, "req-1")).detail()).contains("is ended");
        assertThat(gateway.requests()).isEmpty();
    }

    @Test
    void a_suspended_advertiser_cannot_top_up() {
        fixture.change(fixture.advertiser, AdvertiserStatus.SUSPENDED);

        assertThat(kindOf(topUp(5_000, "req-1"))).isEqualTo(Rejection.Kind.FORBIDDEN);
        assertThat(gateway.requests()).isEmpty();
    }

    @Test
    void a_draft_campaign_can_be_funded_before_it_runs_and_a_paused_advertiser_may_top_up() {
        Campaign draft = TestData.aCampaign(fixture.advertiser.id());
        fixture.campaigns.insert(draft);
        fixture.change(fixture.advertiser, AdvertiserStatus.PAUSED);

        assertThat(topUp(owner, draft.id(), 5_000, "req-1").orElseThrow()).isInstanceOf(TopUpResult.Charged.class);
    }

    @Test
    void an_advertiser_without_a_payment_method_on_file_gets_a_clear_error_and_no_charge() {
        Advertiser cardless = Advertiser.onboard(TestData.IDS.newAdvertiserId(), new UserId("usr_cardless"),
                Optional.empty(), TestData.NOW);
        fixture.advertisers.insert(cardless);
        Campaign campaign = fixture.activeCampaign(cardless);

        Outcome<TopUpResult> outcome = topUp(Actor.tenant(cardless.id()), campaign.id(), 5_000, "req-1");

        assertThat(violatedFields(outcome)).containsExactly("default_payment_id");
        assertThat(rejectionOf(outcome).detail()).contains("no payment method on file");
        assertThat(gateway.requests()).isEmpty();
    }

    @Test
    void every_broken_rule_is_reported_at_once() {
        Advertiser cardless = Advertiser.onboard(TestData.IDS.newAdvertiserId(), new UserId("usr_cardless"),
                Optional.empty(), TestData.NOW);
        fixture.advertisers.insert(cardless);
        Campaign campaign = fixture.activeCampaign(cardless);

        assertThat(violatedFields(topUp(Actor.tenant(cardless.id()), campaign.id(), 1, "req-1")))
                .containsExactly("amount_cents", "default_payment_id");
    }

    @Test
    void a_malformed_client_key_cannot_even_make_a_command() {
        assertThatThrownBy(() -> new TopUpCommand(owner, fixture.campaign.id(), Money.ofCents(5_000), "has space"))
                .isInstanceOf(InvalidCommandException.class)
                .hasMessageContaining("idempotency_key");
        assertThatThrownBy(() -> new TopUpCommand(owner, fixture.campaign.id(), Money.ofCents(5_000), ""))
                .isInstanceOf(InvalidCommandException.class);
        assertThatThrownBy(() -> new TopUpCommand(owner, fixture.campaign.id(), Money.ofCents(5_000), "k".repeat(101)))
                .isInstanceOf(InvalidCommandException.class);
    }

    @Test
    void a_declined_card_is_told_to_the_advertiser_and_no_money_is_recorded() {
        gateway.thenAnswer(new ChargeOutcome.Declined("insufficient_funds", "Your card has insufficient funds."));

        TopUpResult result = topUp(5_000, "req-1").orElseThrow();

        assertThat(result).isEqualTo(new TopUpResult.Declined("insufficient_funds", "Your card has insufficient funds."));
        assertThat(fixture.entries()).isEmpty();
    }

    @Test
    void a_payment_that_needs_authentication_answers_the_client_secret_and_records_nothing_yet() {
        gateway.thenAnswer(new ChargeOutcome.RequiresAction("pi_3ds", "pi_3ds_secret_abc"));

        TopUpResult result = topUp(5_000, "req-1").orElseThrow();

        assertThat(result).isEqualTo(new TopUpResult.ActionRequired("pi_3ds", "pi_3ds_secret_abc"));
        assertThat(fixture.entries()).isEmpty();
    }

    @Test
    void a_processing_payment_is_pending_and_records_nothing_yet() {
        gateway.thenAnswer(new ChargeOutcome.Processing("pi_slow"));

        assertThat(topUp(5_000, "req-1").orElseThrow()).isEqualTo(new TopUpResult.Pending("pi_slow"));
        assertThat(fixture.entries()).isEmpty();
    }

    @Test
    void a_temporary_failure_asks_to_retry_and_the_retry_with_the_same_key_charges_once() {
        gateway.thenAnswer(new ChargeOutcome.FailedTemporarily("Stripe did not answer in time"));

        assertThat(topUp(5_000, "req-1").orElseThrow()).isInstanceOf(TopUpResult.RetryLater.class);
        assertThat(fixture.entries()).isEmpty();
        assertThat(topUp(5_000, "req-1").orElseThrow()).isInstanceOf(TopUpResult.Charged.class);

        assertThat(gateway.requests()).extracting(ChargeRequest::idempotencyKey).containsOnly(
                TopUpCampaign.processorIdempotencyKey(fixture.campaign.id(), "req-1"));
        assertThat(gateway.successfulCharges()).isEqualTo(1);
        assertThat(fixture.balance()).isEqualTo(Money.ofCents(5_000));
    }

    @Test
    void a_key_reused_for_another_amount_is_a_conflict_and_records_nothing() {
        gateway.thenAnswer(new ChargeOutcome.KeyReused("Keys for idempotent requests can only be used with the same parameters"));

        Outcome<TopUpResult> outcome = topUp(7_000, "req-1");

        assertThat(kindOf(outcome)).isEqualTo(Rejection.Kind.CONFLICT);
        assertThat(rejectionOf(outcome).detail()).contains("req-1").contains("use a new key");
        assertThat(fixture.entries()).isEmpty();
    }
}
