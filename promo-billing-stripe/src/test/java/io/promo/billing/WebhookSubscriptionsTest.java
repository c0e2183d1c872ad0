package io.promo.billing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A Stripe account whose webhook endpoint misses one of the types promo acts on sends nothing and says
 * nothing; promo asks Stripe at start-up which types no enabled endpoint receives, so an operator sees it.
 */
class WebhookSubscriptionsTest {

    private final FakeStripeServer stripe = FakeStripeServer.start();
    private final Billing billing = Billing.forConfig(
            new BillingConfig(true, Optional.of(stripe.settings()), List.of("whsec_x")), Clock.systemUTC());

    @AfterEach
    void stop() {
        stripe.close();
    }

    private static String[] allBut(String type) {
        return StripeWebhookEndpoint.SUBSCRIBED_EVENT_TYPES.stream().filter(t -> !t.equals(type)).toArray(String[]::new);
    }

    @Test
    void an_endpoint_not_subscribed_to_funds_reinstated_is_reported_by_the_type_it_misses() {
        stripe.hasWebhookEndpoint("enabled", allBut("charge.dispute.funds_reinstated"));

        WebhookSubscriptions check = billing.checkWebhookSubscriptions().orElseThrow();

        assertThat(check.known()).isTrue();
        assertThat(check.missing()).containsExactly("charge.dispute.funds_reinstated");
        assertThat(check.detail()).contains("charge.dispute.funds_reinstated");
    }

    @Test
    void types_spread_over_several_enabled_endpoints_or_a_wildcard_miss_nothing() {
        stripe.hasWebhookEndpoint("enabled", "payment_intent.succeeded", "payment_intent.payment_failed");
        stripe.hasWebhookEndpoint("enabled", allBut("payment_intent.succeeded"));
        FakeStripeServer wildcardAccount = FakeStripeServer.start();
        try {
            wildcardAccount.hasWebhookEndpoint("enabled", "*");
            Billing wildcard = Billing.forConfig(new BillingConfig(true, Optional.of(wildcardAccount.settings()),
                    List.of("whsec_x")), Clock.systemUTC());

            assertThat(billing.checkWebhookSubscriptions().orElseThrow().missing()).isEmpty();
            assertThat(wildcard.checkWebhookSubscriptions().orElseThrow().missing()).isEmpty();
        } finally {
            wildcardAccount.close();
        }
    }

    @Test
    void a_disabled_endpoint_receives_nothing() {
        stripe.hasWebhookEndpoint("disabled", "*");

        assertThat(billing.checkWebhookSubscriptions().orElseThrow().missing())
                .containsExactlyElementsOf(StripeWebhookEndpoint.SUBSCRIBED_EVENT_TYPES);
    }

    @Test
    void when_stripe_cannot_be_asked_the_answer_is_unknown_not_fine() {
        StripeSettings unreachable = FakeStripeServer.unreachable();
        Billing offline = Billing.forConfig(
                new BillingConfig(true, Optional.of(unreachable), List.of("whsec_x")), Clock.systemUTC());

        WebhookSubscriptions check = offline.checkWebhookSubscriptions().orElseThrow();

        assertThat(check.known()).isFalse();
        assertThat(check.detail()).contains("cannot list").as("the base asked, which stripe-java's message does not name")
                .contains(unreachable.apiBase().toString());
    }

    @Test
    void the_dev_gateway_has_no_webhooks_to_check() {
        Billing dev = Billing.forConfig(new BillingConfig(false, Optional.empty(), List.of()), Clock.systemUTC());

        assertThat(dev.checkWebhookSubscriptions()).isEmpty();
    }
}
