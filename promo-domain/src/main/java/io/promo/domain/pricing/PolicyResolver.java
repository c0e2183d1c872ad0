package io.promo.domain.pricing;

import io.promo.domain.shared.CityCode;
import io.promo.domain.shared.RoleCode;
import io.promo.domain.shared.Surface;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The resolution chain of docs/design.md "Administer": (surface, role, city) → (surface, any role, city) →
 * deployment default. An immutable snapshot of the policies, cheap to query on the serving path.
 */
public final class PolicyResolver {

    private final Map<PolicyScope, Policy> byScope;
    private final PolicyLimits deploymentDefault;

    public PolicyResolver(Collection<Policy> policies, PolicyLimits deploymentDefault) {
        this.deploymentDefault = Objects.requireNonNull(deploymentDefault, "deploymentDefault");
        Map<PolicyScope, Policy> index = new HashMap<>();
        for (Policy policy : policies) {
            if (index.put(policy.scope(), policy) != null) {
                throw new IllegalArgumentException("two policies for scope " + policy.scope());
            }
        }
        this.byScope = Map.copyOf(index);
    }

    public EffectivePolicy resolve(Surface surface, Optional<RoleCode> role, CityCode city) {
        PolicyScope scope = new PolicyScope(surface, role, city);
        Policy cityWide = byScope.get(scope.cityWide());
        Optional<PricingMode> cityMode = cityWide == null ? Optional.empty() : cityWide.pricingMode();
        if (role.isPresent()) {
            Policy exact = byScope.get(scope);
            if (exact != null) {
                // Limits come whole from the most specific policy; a pricing mode it leaves unset is the city's.
                return new EffectivePolicy(exact.limits(), EffectivePolicy.Source.ROLE_AND_CITY, Optional.of(exact),
                        exact.pricingMode().or(() -> cityMode));
            }
        }
        if (cityWide != null) {
            return new EffectivePolicy(cityWide.limits(), EffectivePolicy.Source.CITY, Optional.of(cityWide), cityMode);
        }
        return new EffectivePolicy(deploymentDefault, EffectivePolicy.Source.DEPLOYMENT_DEFAULT, Optional.empty(),
                Optional.empty());
    }

    /** The floor authoring checks: a campaign targets cities, not roles, so the city-wide floor applies. */
    public EffectivePolicy resolveCityWide(Surface surface, CityCode city) {
        return resolve(surface, Optional.empty(), city);
    }
}
