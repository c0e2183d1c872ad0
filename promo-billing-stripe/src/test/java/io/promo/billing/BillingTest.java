package io.promo.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.promo.domain.funding.ChargeOutcome;
import io.promo.domain.funding.FundingFixture;
import io.promo.domain.funding.TopUpCommand;
import io.promo.domain.funding.TopUpResult;
import io.promo.domain.shared.Actor;
import io.promo.domain.shared.Money;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BillingTest {

    private final FundingFixture fixture = new FundingFixture();

    @Test
    void production_mode_refuses_to_run_without_a_stripe_key() {
        assertThatThrownBy(() -> Billing.forConfig(new BillingConfig(true, Optional.empty(), List.of("whsec_1")),
                Clock.systemUTC()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("production mode")
                .hasMessageContaining("dev payment gateway");
    }

    @Test
    void production_mode_refuses_to_run_without_a_webhook_secret() {
        assertThatThrownBy(() -> Billing.forConfig(new BillingConfig(true,
                Optional.of(StripeSettings.forKey("sk_live_x")), List.of()), Clock.systemUTC()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("webhook signing secret");
    }

    @Test
    void without_a_key_outside_production_the_dev_gateway_is_used_and_webhooks_are_off() {
        Billing billing = Billing.forConfig(BillingConfig.development(), Clock.systemUTC());

        assertThat(billing.isDevelopment()).isTrue();
        assertThat(billing.paymentGateway()).isInstanceOf(DevPaymentGateway.class);
        assertThat(billing.webhookEndpoint(fixture.handlePaymentEvent(billing.paymentGateway()))).isEmpty();
    }

    @Test
    void with_a_key_stripe_is_used() {
        Billing billing = Billing.forConfig(new BillingConfig(true, Optional.of(StripeSettings.forKey("sk_live_x")),
                List.of("whsec_1")), Clock.systemUTC());

        assertThat(billing.isDevelopment()).isFalse();
        assertThat(billing.paymentGateway()).isInstanceOf(StripePaymentGateway.class);
        assertThat(billing.webhookEndpoint(fixture.handlePaymentEvent(billing.paymentGateway()))).isPresent();
    }

    @Test
    void the_dev_gateway_succeeds_at_once_once_per_key_under_a_source_of_its_own() {
        DevPaymentGateway dev = new DevPaymentGateway();

        TopUpResult first = fixture.topUpCampaign(dev).topUp(new TopUpCommand(Actor.tenant(fixture.advertiser.id()),
                fixture.campaign.id(), Money.ofCents(5_000), "req-1")).orElseThrow();
        TopUpResult again = fixture.topUpCampaign(dev).topUp(new TopUpCommand(Actor.tenant(fixture.advertiser.id()),
                fixture.campaign.id(), Money.ofCents(5_000), "req-1")).orElseThrow();

        assertThat(first).isEqualTo(again);
        TopUpResult.Charged charged = (TopUpResult.Charged) first;
        assertThat(charged.processorRef()).startsWith("dev_pi_");
        assertThat(charged.topUp().idempotencyKey().source()).isEqualTo(DevPaymentGateway.PROCESSOR);
        assertThat(fixture.balance()).isEqualTo(Money.ofCents(5_000));
        assertThat(dev.findPayment(charged.processorRef())).isInstanceOf(
                io.promo.domain.funding.PaymentLookup.Found.class);
        assertThat(dev.charge(new io.promo.domain.funding.ChargeRequest(fixture.advertiser.id(),
                fixture.advertiser.defaultPayment().orElseThrow(), Money.ofCents(100), "usd", "other", java.util.Map.of())))
                .isInstanceOf(ChargeOutcome.Succeeded.class).isNotEqualTo(new ChargeOutcome.Succeeded(charged.processorRef()));
    }
}
