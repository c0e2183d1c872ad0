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
        // Each field against its constant range is of its form; above-fold against density relates two fields (ADR 0008).
        Violations found = new Violations()
                .requireForm(!cpcFloor.isNegative() && cpcFloor.fitsColumn(), "cpc_floor_cents",
                        "must be between 0 and " + Integer.MAX_VALUE + " (got " + cpcFloor.cents() + ")")
                .requireForm(maxDensityTop20 >= 0 && maxDensityTop20 <= TOP, "max_density_top20",
                        "must be between 0 and " + TOP + " (got " + maxDensityTop20 + ")")
                .requireForm(maxAboveFold >= 0 && maxAboveFold <= TOP, "max_above_fold",
                        "must be between 0 and " + TOP + " (got " + maxAboveFold + ")");
        if (maxAboveFold >= 0 && maxAboveFold <= TOP) {
            found.require(maxAboveFold <= maxDensityTop20, "max_above_fold",
                    "must be at most max_density_top20 (" + maxDensityTop20 + "), got " + maxAboveFold);
        }
        return found.list();
    }
}
