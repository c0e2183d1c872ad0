package io.promo.domain.pricing;

import io.promo.domain.shared.Money;
import io.promo.domain.shared.Violation;
import io.promo.domain.shared.Violations;
import java.util.List;
import java.util.Objects;

/**
 * The knobs an admin sets per scope: the minimum cpc, how many sponsored results the top 20 may hold
 * and how many of those may sit above the fold.
 */
public record PolicyLimits(Money cpcFloor, int maxDensityTop20, int maxAboveFold) {

    public static final int TOP = 20;

    public PolicyLimits {
        Objects.requireNonNull(cpcFloor, "cpcFloor");
        List<Violation> violations = violations(cpcFloor, maxDensityTop20, maxAboveFold);
        if (!violations.isEmpty()) {
            throw new IllegalArgumentException("invalid policy limits: " + violations);
        }
    }

    public static List<Violation> violations(Money cpcFloor, int maxDensityTop20, int maxAboveFold) {
        return new Violations()
                .require(!cpcFloor.isNegative() && cpcFloor.fitsColumn(), "cpc_floor_cents",
                        "must be between 0 and " + Integer.MAX_VALUE + " (got " + cpcFloor.cents() + ")")
                .require(maxDensityTop20 >= 0 && maxDensityTop20 <= TOP, "max_density_top20",
                        "must be between 0 and " + TOP + " (got " + maxDensityTop20 + ")")
                .require(maxAboveFold >= 0 && maxAboveFold <= maxDensityTop20, "max_above_fold",
                        "must be between 0 and max_density_top20 (" + maxDensityTop20 + "), got " + maxAboveFold)
                .list();
    }
}
