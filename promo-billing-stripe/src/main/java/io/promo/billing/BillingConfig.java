package io.promo.billing;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The billing part of promo's configuration.
 *
 * @param production     true when promo runs in production mode: then Stripe and at least one webhook
 *                       signing secret are required, and the dev gateway is refused
 * @param stripe         empty to run locally with {@link DevPaymentGateway}
 * @param webhookSecrets the webhook endpoint's signing secrets ({@code whsec_…}); during a rotation both
 *                       the old and the new one
 */
public record BillingConfig(boolean production, Optional<StripeSettings> stripe, List<String> webhookSecrets) {

    public BillingConfig {
        Objects.requireNonNull(stripe, "stripe");
        webhookSecrets = List.copyOf(webhookSecrets);
        if (webhookSecrets.stream().anyMatch(String::isBlank)) {
            throw new IllegalArgumentException("a webhook signing secret is blank");
        }
    }

    /** Local runs: no Stripe, the dev gateway. */
    public static BillingConfig development() {
        return new BillingConfig(false, Optional.empty(), List.of());
    }
}
