package io.promo.domain.funding;

import static org.assertj.core.api.Assertions.assertThat;

import io.promo.domain.ledger.EntryKind;
import io.promo.domain.shared.Actor;
import io.promo.domain.shared.CampaignId;
import io.promo.domain.shared.Money;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The success webhook settles the top-up request its payment was made for (ADR 0015): a node that charged and died
 * before storing the answer leaves the request pending, and a client retrying its key after the processor forgot
 * the key must get that payment back, not a second charge.
 */
class TopUpSettledByWebhookTest {

    private final FundingFixture fixture = new FundingFixture();
    private final Actor owner = Actor.tenant(fixture.advertiser.id());

    private TopUpRequest claimedAndAbandoned(String clientKey, long cents) {
        return fixture.topUpRequests.claim(TopUpRequest.claimed(fixture.campaign.id(), clientKey, Money.ofCents(cents),
                fixture.clock.instant(), fixture.clock.instant().plus(TopUpCampaign.CHARGE_IN_FLIGHT))).request();
    }

    private PaymentEvent.PaymentSucceeded succeeded(String eventId, String payment, long cents, String requestId) {
        return new PaymentEvent.PaymentSucceeded(eventId, payment, Optional.of(fixture.campaign.id()),
                Money.ofCents(cents), "usd", Optional.of(requestId));
    }

    private String requestId(String clientKey) {
        return TopUpCampaign.processorIdempotencyKey(fixture.campaign.id(), clientKey);
    }

    @Test
    void a_charge_whose_caller_died_is_settled_by_its_webhook_and_a_late_retry_charges_nothing() {
        claimedAndAbandoned("req-1", 5_000);
        fixture.handlePaymentEvent(new FakePaymentGateway()).handle(succeeded("evt_1", "pi_lost_answer", 5_000,
                requestId("req-1")));
        fixture.clock.advance(TopUpCampaign.CHARGE_IN_FLIGHT.multipliedBy(720)); // a day: the processor forgot the key
        ForgetfulPaymentGateway afterRestart = new ForgetfulPaymentGateway();

        TopUpResult retried = fixture.topUpCampaign(afterRestart).topUp(
                new TopUpCommand(owner, fixture.campaign.id(), Money.ofCents(5_000), "req-1")).orElseThrow();

        assertThat(retried).isInstanceOf(TopUpResult.Charged.class);
        assertThat(((TopUpResult.Charged) retried).processorRef()).isEqualTo("pi_lost_answer");
        assertThat(afterRestart.charges()).isZero();
        assertThat(fixture.entries(EntryKind.TOPUP)).hasSize(1);
        assertThat(fixture.balance()).isEqualTo(Money.ofCents(5_000));
        assertThat(fixture.topUpRequests.find(fixture.campaign.id(), "req-1").orElseThrow().state())
                .isEqualTo(TopUpRequest.State.CHARGED);
    }

    @Test
    void a_request_already_answered_keeps_its_answer_whatever_a_webhook_says() {
        TopUpRequest claimed = claimedAndAbandoned("req-1", 5_000);
        TopUpRequest declined = claimed.answered(new ChargeOutcome.Declined("card_declined", "declined"),
                fixture.clock.instant());
        fixture.topUpRequests.replace(claimed, declined);

        fixture.handlePaymentEvent(new FakePaymentGateway()).handle(succeeded("evt_1", "pi_other", 5_000,
                requestId("req-1")));

        assertThat(fixture.topUpRequests.find(fixture.campaign.id(), "req-1")).contains(declined);
    }

    @Test
    void a_webhook_settles_only_a_request_of_its_own_campaign_and_amount() {
        TopUpRequest pending = claimedAndAbandoned("req-1", 5_000);
        CampaignId other = fixture.activeCampaign(fixture.advertiser).id();
        HandlePaymentEvent handler = fixture.handlePaymentEvent(new FakePaymentGateway());

        handler.handle(succeeded("evt_1", "pi_other_campaign", 5_000,
                TopUpCampaign.processorIdempotencyKey(other, "req-1")));
        handler.handle(succeeded("evt_2", "pi_other_amount", 7_000, requestId("req-1")));
        handler.handle(succeeded("evt_3", "pi_not_ours", 5_000, "someone-elses-key"));

        assertThat(fixture.topUpRequests.find(fixture.campaign.id(), "req-1")).contains(pending);
    }

    @Test
    void a_top_up_request_id_names_its_campaign_and_client_key() {
        CampaignId campaign = fixture.campaign.id();

        assertThat(TopUpCampaign.clientKeyOf(campaign, TopUpCampaign.processorIdempotencyKey(campaign, "k:1")))
                .contains("k:1");
        assertThat(TopUpCampaign.clientKeyOf(campaign, TopUpCampaign.processorIdempotencyKey(campaign, ""))).isEmpty();
        assertThat(TopUpCampaign.clientKeyOf(campaign, "promo-topup:")).isEmpty();
    }
}
