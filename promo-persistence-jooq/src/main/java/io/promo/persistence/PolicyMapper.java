package io.promo.persistence;

import io.promo.domain.pricing.Policy;
import io.promo.domain.pricing.PolicyLimits;
import io.promo.domain.pricing.PolicyScope;
import io.promo.domain.pricing.PricingMode;
import io.promo.domain.shared.CityCode;
import io.promo.domain.shared.Money;
import io.promo.domain.shared.PolicyId;
import io.promo.domain.shared.RoleCode;
import io.promo.domain.shared.Surface;
import io.promo.persistence.jooq.generated.tables.records.PromoPolicyRecord;
import java.util.Optional;

/** Converts at the module's edge: generated records never leave persistence. */
final class PolicyMapper {

    private PolicyMapper() {
    }

    /** @param pricingMode the policy's row in {@code promo_policy_pricing}, if it has one */
    static Policy toDomain(PromoPolicyRecord row, Optional<PricingMode> pricingMode) {
        return new Policy(
                new PolicyId(row.getPolicyId()),
                new PolicyScope(Surface.parse("surface", row.getSurface()),
                        Optional.ofNullable(row.getRole()).map(RoleCode::new),
                        new CityCode(row.getCity())),
                new PolicyLimits(Money.ofCents(row.getCpcFloorCents()), row.getMaxDensityTop20(), row.getMaxAboveFold()),
                Timestamps.fromColumn(row.getUpdatedAt()),
                pricingMode);
    }

    static PromoPolicyRecord toRecord(Policy policy) {
        return new PromoPolicyRecord(
                policy.id().value(),
                policy.scope().surface().code(),
                policy.scope().role().map(RoleCode::value).orElse(null),
                policy.scope().city().value(),
                Cents.toColumn(policy.limits().cpcFloor()),
                policy.limits().maxDensityTop20(),
                policy.limits().maxAboveFold(),
                Timestamps.toColumn(policy.updatedAt()));
    }
}
