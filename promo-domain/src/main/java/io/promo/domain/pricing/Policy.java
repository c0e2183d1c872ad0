package io.promo.domain.pricing;

import io.promo.domain.shared.PolicyId;
import io.promo.domain.shared.RowVersion;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * An admin's pricing and density policy for one scope.
 *
 * @param pricingMode what a click pays in this scope; empty: the deployment's {@code PROMO_PRICING_MODE}
 */
public record Policy(PolicyId id, PolicyScope scope, PolicyLimits limits, Instant updatedAt,
        Optional<PricingMode> pricingMode) {

    public Policy {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(limits, "limits");
        updatedAt = RowVersion.stored(Objects.requireNonNull(updatedAt, "updatedAt"));
        Objects.requireNonNull(pricingMode, "pricingMode");
    }

    /** A policy with the deployment's pricing mode. */
    public Policy(PolicyId id, PolicyScope scope, PolicyLimits limits, Instant updatedAt) {
        this(id, scope, limits, updatedAt, Optional.empty());
    }
}
