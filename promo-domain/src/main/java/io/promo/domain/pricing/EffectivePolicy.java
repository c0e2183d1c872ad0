package io.promo.domain.pricing;

import java.util.Objects;
import java.util.Optional;

/** The limits that apply to a search context, and which rule of the resolution chain supplied them. */
public record EffectivePolicy(PolicyLimits limits, Source source, Optional<Policy> policy) {

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
        if (policy.isPresent() == (source == Source.DEPLOYMENT_DEFAULT)) {
            throw new IllegalArgumentException("a policy is named exactly when one matched");
        }
    }
}
