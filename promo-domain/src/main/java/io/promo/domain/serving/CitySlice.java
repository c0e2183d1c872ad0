package io.promo.domain.serving;

import java.util.Map;

/** The part of the index one search looks at: a surface in a city, by promoted entity id. */
final class CitySlice {

    final TrafficScope scope;
    final int cityId;
    /** Entity id → the campaigns that promote it here (every status but ended), ordered by campaign id. */
    final EntityTable byEntity;
    final TrafficCurve curve;
    final int campaigns;

    CitySlice(TrafficScope scope, int cityId, Map<String, ServingCampaign[]> byEntity, TrafficCurve curve, int campaigns) {
        this.scope = scope;
        this.cityId = cityId;
        this.byEntity = new EntityTable(byEntity);
        this.curve = curve;
        this.campaigns = campaigns;
    }
}
