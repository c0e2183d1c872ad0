package io.promo.domain.funding;

import io.promo.domain.shared.Money;
import java.util.Objects;

/** The deployment's smallest and largest single top-up, both inclusive. */
public record TopUpLimits(Money minimum, Money maximum) {

    public TopUpLimits {
        Objects.requireNonNull(minimum, "minimum");
        Objects.requireNonNull(maximum, "maximum");
        if (!minimum.isPositive()) {
            throw new IllegalArgumentException("the smallest top-up must be positive: " + minimum);
        }
        if (maximum.isLessThan(minimum)) {
            throw new IllegalArgumentException("the largest top-up " + maximum + " is below the smallest " + minimum);
        }
        if (!maximum.fitsColumn()) {
            throw new IllegalArgumentException("the largest top-up must fit amount_cents: " + maximum);
        }
    }

    /** 5 to 10,000 units of the currency: $5 to $10,000 for USD. */
    public static TopUpLimits defaults() {
        return new TopUpLimits(Money.ofCents(500), Money.ofCents(1_000_000));
    }

    public boolean allows(Money amount) {
        return !amount.isLessThan(minimum) && !amount.isGreaterThan(maximum);
    }
}
