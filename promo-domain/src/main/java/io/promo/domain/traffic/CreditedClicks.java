package io.promo.domain.traffic;

import io.promo.domain.shared.Money;
import java.util.Objects;

/**
 * What a retroactive credit did.
 *
 * @param billedClicks    billed clicks found in the period
 * @param newlyCredited   of those, credited by this request
 * @param alreadyCredited of those, credited by an earlier request (nothing written again)
 * @param creditedNow     the amount this request refunded
 */
public record CreditedClicks(int billedClicks, int newlyCredited, int alreadyCredited, Money creditedNow) {
    public CreditedClicks {
        Objects.requireNonNull(creditedNow, "creditedNow");
    }
}
