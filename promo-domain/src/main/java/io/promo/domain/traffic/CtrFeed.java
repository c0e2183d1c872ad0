package io.promo.domain.traffic;

import io.promo.domain.serving.ranking.CtrCounts;
import io.promo.domain.shared.CampaignId;
import java.time.LocalDate;
import java.util.Map;

/** Out port: the ranking's CTR evidence, from the per-day counts of the traffic log. */
public interface CtrFeed {

    /** Impressions and valid clicks (billed or not) per campaign on budget days from {@code firstDay} on. */
    Map<CampaignId, CtrCounts> countsSince(LocalDate firstDay);
}
