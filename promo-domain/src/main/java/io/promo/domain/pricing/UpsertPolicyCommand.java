package io.promo.domain.pricing;

import io.promo.domain.shared.Actor;
import java.util.Objects;
import java.util.Optional;

/**
 * Set the limits of one scope (admin only), and what a click pays there (empty: the deployment's mode). Out-of-range
 * limits are a rejection, not an exception. The whole policy is replaced: a mode left out is the deployment's again.
 */
public record UpsertPolicyCommand(Actor actor, PolicyScope scope, long cpcFloorCents, int maxDensityTop20,
        int maxAboveFold, Optional<PricingMode> pricingMode) {

    public UpsertPolicyCommand {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(pricingMode, "pricingMode");
    }

    /** Limits with the deployment's pricing mode. */
    public UpsertPolicyCommand(Actor actor, PolicyScope scope, long cpcFloorCents, int maxDensityTop20, int maxAboveFold) {
        this(actor, scope, cpcFloorCents, maxDensityTop20, maxAboveFold, Optional.empty());
    }
}
