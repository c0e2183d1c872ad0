package io.promo.billing;

import io.promo.domain.funding.HandlePaymentEvent;
import io.promo.domain.funding.PaymentGateway;
import java.time.Clock;
import java.util.Optional;

/**
 * The billing adapter as promo-app wires it: the payment gateway for top-ups, and the Stripe webhook
 * endpoint once the domain's {@link HandlePaymentEvent} exists (it needs the gateway).
 *
 * <pre>{@code
 * Billing billing = Billing.forConfig(config, clock);              // refuses dev billing in production
 * TopUpCampaign topUp = new TopUpCampaign(…, billing.paymentGateway(), …);
 * HandlePaymentEvent events = new HandlePaymentEvent(…, billing.paymentGateway(), topUpRequests, currency, clock);
 * billing.webhookEndpoint(events).ifPresent(endpoint -> …);       // POST /v1/stripe/webhook
 * }</pre>
 */
public final class Billing {

    private final PaymentGateway gateway;
    private final Optional<StripeApi> stripe;
    private final Optional<StripeWebhookVerifier> verifier;

    private Billing(PaymentGateway gateway, Optional<StripeApi> stripe, Optional<StripeWebhookVerifier> verifier) {
        this.gateway = gateway;
        this.stripe = stripe;
        this.verifier = verifier;
    }

    /**
     * Stripe when {@code config} has Stripe settings; otherwise the {@link DevPaymentGateway}, which is
     * refused in production mode. In production at least one webhook signing secret is required too,
     * since without webhooks a payment confirmed later (authentication, processing) would never be booked.
     *
     * @throws IllegalStateException when the configuration is not fit for its mode
     */
    public static Billing forConfig(BillingConfig config, Clock clock) {
        if (config.stripe().isEmpty()) {
            if (config.production()) {
                throw new IllegalStateException("promo runs in production mode without a Stripe API key: refusing the "
                        + "dev payment gateway, which charges nobody. Configure the Stripe API key.");
            }
            return new Billing(new DevPaymentGateway(), Optional.empty(), Optional.empty());
        }
        if (config.production() && config.webhookSecrets().isEmpty()) {
            throw new IllegalStateException("promo runs in production mode without a Stripe webhook signing secret: "
                    + "payments confirmed after the request (3-D Secure, processing) would never reach the ledger. "
                    + "Configure the endpoint's whsec_… secret.");
        }
        StripeApi stripe = StripeApi.connect(config.stripe().get());
        Optional<StripeWebhookVerifier> verifier = config.webhookSecrets().isEmpty()
                ? Optional.empty()
                : Optional.of(new StripeWebhookVerifier(config.webhookSecrets(), StripeWebhookVerifier.DEFAULT_TOLERANCE, clock));
        return new Billing(new StripePaymentGateway(stripe), Optional.of(stripe), verifier);
    }

    public PaymentGateway paymentGateway() {
        return gateway;
    }

    /** True when top-ups charge nobody ({@link DevPaymentGateway}). */
    public boolean isDevelopment() {
        return gateway instanceof DevPaymentGateway;
    }

    /**
     * Asks Stripe which of the event types promo acts on no enabled webhook endpoint receives (one API call);
     * empty with the dev gateway or without a signing secret, when there are no webhooks to check.
     */
    public Optional<WebhookSubscriptions> checkWebhookSubscriptions() {
        if (stripe.isEmpty() || verifier.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(WebhookSubscriptions.of(stripe.get()));
    }

    /** The Stripe webhook endpoint; empty with the dev gateway or without a signing secret (answer 404 then). */
    public Optional<StripeWebhookEndpoint> webhookEndpoint(HandlePaymentEvent handler) {
        if (stripe.isEmpty() || verifier.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new StripeWebhookEndpoint(verifier.get(), new StripeEventTranslator(stripe.get()), handler));
    }
}
