package io.promo.domain.pricing;

import io.promo.domain.shared.PolicyId;
import io.promo.domain.shared.RowVersion;
import java.time.Instant;
import java.util.Objects;

/** An admin's pricing and density policy for one scope. */
public record Policy(PolicyId id, PolicyScope scope, PolicyLimits limits, Instant updatedAt) {

    public Policy {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(limits, "limits");
        updatedAt = RowVersion.stored(Objects.requireNonNull(updatedAt, "updatedAt"));
    }
}
