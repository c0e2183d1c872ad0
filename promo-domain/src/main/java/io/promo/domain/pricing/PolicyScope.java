package io.promo.domain.pricing;

import io.promo.domain.shared.CityCode;
import io.promo.domain.shared.RoleCode;
import io.promo.domain.shared.Surface;
import java.util.Objects;
import java.util.Optional;

/**
 * What a policy applies to: a surface and city, and optionally one role (a people-search tab).
 * An empty role means "any role in this city"; it is the fallback for role-specific lookups.
 * There is at most one policy per scope.
 */
public record PolicyScope(Surface surface, Optional<RoleCode> role, CityCode city) {

    public PolicyScope {
        Objects.requireNonNull(surface, "surface");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(city, "city");
    }

    public static PolicyScope cityWide(Surface surface, CityCode city) {
        return new PolicyScope(surface, Optional.empty(), city);
    }

    /** The scope one level up the resolution chain: the same surface and city for any role. */
    public PolicyScope cityWide() {
        return cityWide(surface, city);
    }

    @Override
    public String toString() {
        return surface.code() + "/" + role.map(RoleCode::value).orElse("*") + "/" + city.value();
    }
}
