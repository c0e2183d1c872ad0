package io.promo.domain.serving.ranking;

import io.promo.domain.shared.CampaignId;
import java.util.Map;

/**
 * Out port: recent impressions and valid clicks per campaign, which the traffic package derives from the
 * event log (its window, e.g. the last 30 days, is its choice). Read once per index refresh, never per
 * decision, so one grouped query serves every campaign.
 */
public interface CtrStatistics {

    /** No evidence for any campaign: every campaign ranks on the prior. */
    CtrStatistics NONE = Map::of;

    /** Counts per campaign; a campaign that is missing has none. */
    Map<CampaignId, CtrCounts> countsByCampaign();
}
