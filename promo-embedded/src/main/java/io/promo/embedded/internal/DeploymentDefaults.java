package io.promo.embedded.internal;

import io.promo.domain.pricing.PolicyLimits;
import io.promo.domain.shared.Money;

/** What applies where no policy row does (docs/design.md "Administer": the last step of floor resolution). */
public final class DeploymentDefaults {

    /** A 25¢ floor, two sponsored results in the top 20, one of them above the fold. */
    public static final PolicyLimits POLICY_LIMITS = new PolicyLimits(Money.ofCents(25), 2, 1);

    private DeploymentDefaults() {
    }
}
