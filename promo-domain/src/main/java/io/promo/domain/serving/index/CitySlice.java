package io.promo.domain.serving.index;

import io.promo.domain.pricing.EffectivePolicy;
import io.promo.domain.serving.pacing.TrafficCurve;
import io.promo.domain.serving.pacing.TrafficScope;
import io.promo.domain.shared.RoleCode;
import java.util.Map;
import java.util.Optional;

/**
 * The part of the index one search looks at: a surface in a city, by promoted entity id, with the policies that
 * apply here resolved once when the index is built instead of on every search.
 */
public final class CitySlice {

    final TrafficScope scope;
    public final int cityId;
    /** Entity id → the campaigns that promote it here (every status but ended); see {@link EntityTable}. */
    public final EntityTable byEntity;
    public final TrafficCurve curve;
    final int campaigns;
    /** The policy of a search without a role, or with a role that has no policy of its own here. */
    private final EffectivePolicy anyRole;
    /** The roles with a policy of their own here: usually none. */
    private final Map<RoleCode, EffectivePolicy> byRole;

    /** @param byEntity entity id → its campaign, or its campaigns ordered by campaign id in an array */
    CitySlice(TrafficScope scope, int cityId, Map<String, Object> byEntity, TrafficCurve curve, int campaigns,
            EffectivePolicy anyRole, Map<RoleCode, EffectivePolicy> byRole) {
        this.scope = scope;
        this.cityId = cityId;
        this.byEntity = new EntityTable(byEntity);
        this.curve = curve;
        this.campaigns = campaigns;
        this.anyRole = anyRole;
        this.byRole = Map.copyOf(byRole);
    }

    private CitySlice(CitySlice from, EntityTable byEntity) {
        this.scope = from.scope;
        this.cityId = from.cityId;
        this.byEntity = byEntity;
        this.curve = from.curve;
        this.campaigns = from.campaigns;
        this.anyRole = from.anyRole;
        this.byRole = from.byRole;
    }

    /** This slice with {@code replacement} in place of {@code present} ({@link EntityTable#replacing}). */
    CitySlice replacing(ServingCampaign present, ServingCampaign replacement) {
        return new CitySlice(this, byEntity.replacing(present, replacement));
    }

    /** This slice with each campaign of {@code replacements}' keys replaced ({@link EntityTable#replacingAll}). */
    CitySlice replacingAll(java.util.IdentityHashMap<ServingCampaign, ServingCampaign> replacements) {
        return new CitySlice(this, byEntity.replacingAll(replacements));
    }

    /** The roles with a policy of their own here, for tests that compare two indexes' contents. */
    Map<RoleCode, EffectivePolicy> rolePolicies() {
        return byRole;
    }

    /** What {@code PolicyResolver.resolve} answers for this surface and city and {@code role}. */
    public EffectivePolicy policy(Optional<RoleCode> role) {
        if (role.isEmpty() || byRole.isEmpty()) {
            return anyRole;
        }
        return byRole.getOrDefault(role.get(), anyRole);
    }
}
