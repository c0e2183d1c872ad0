package io.promo.domain.pricing;

import java.util.Objects;
import java.util.Optional;

/**
 * The limits that apply to a search context, and which rule of the resolution chain supplied them.
 *
 * @param pricingMode the scope's pricing mode: the matched policy's, else (for a role's policy) its city-wide policy's;
 *                    empty when neither sets one, and the deployment's applies
 */
public record EffectivePolicy(PolicyLimits limits, Source source, Optional<Policy> policy,
        Optional<PricingMode> pricingMode) {

    public enum Source {
        /** A policy for exactly this surface, role and city. */
        ROLE_AND_CITY,
        /** The city-wide policy of the surface (role empty). */
        CITY,
        /** No policy matched: the deployment's defaults. */
        DEPLOYMENT_DEFAULT
    }

    public EffectivePolicy {
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(pricingMode, "pricingMode");
        if (policy.isPresent() == (source == Source.DEPLOYMENT_DEFAULT)) {
            throw new IllegalArgumentException("a policy is named exactly when one matched");
        }
    }

    /** What a click pays in this scope: {@link #pricingMode}, else {@code deployment}'s. */
    public PricingMode pricingMode(PricingMode deployment) {
        return pricingMode.orElse(deployment);
    }
}
