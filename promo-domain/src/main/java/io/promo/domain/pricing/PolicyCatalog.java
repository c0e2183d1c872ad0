package io.promo.domain.pricing;

import io.promo.domain.shared.CityCode;
import io.promo.domain.shared.RoleCode;
import io.promo.domain.shared.Surface;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Use cases: list the policies, and resolve the limits (the floor first of all) that apply to a
 * search context. Reads the table on each call; the serving path keeps its own snapshot.
 */
public final class PolicyCatalog {

    private final PolicyRepository policies;
    private final PolicyLimits deploymentDefault;

    public PolicyCatalog(PolicyRepository policies, PolicyLimits deploymentDefault) {
        this.policies = policies;
        this.deploymentDefault = Objects.requireNonNull(deploymentDefault, "deploymentDefault");
    }

    public List<Policy> listPolicies() {
        return policies.findAll();
    }

    public EffectivePolicy resolve(Surface surface, Optional<RoleCode> role, CityCode city) {
        Objects.requireNonNull(surface, "surface");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(city, "city");
        return resolver().resolve(surface, role, city);
    }

    /** A snapshot of the current policies, for checking many cities at once. */
    public PolicyResolver resolver() {
        return new PolicyResolver(policies.findAll(), deploymentDefault);
    }

    public PolicyLimits deploymentDefault() {
        return deploymentDefault;
    }
}
