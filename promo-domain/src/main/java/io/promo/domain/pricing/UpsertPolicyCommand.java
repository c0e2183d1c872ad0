package io.promo.domain.pricing;

import io.promo.domain.shared.Actor;
import java.util.Objects;

/** Set the limits of one scope (admin only). Out-of-range limits are a rejection, not an exception. */
public record UpsertPolicyCommand(Actor actor, PolicyScope scope, long cpcFloorCents, int maxDensityTop20,
        int maxAboveFold) {

    public UpsertPolicyCommand {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(scope, "scope");
    }
}
