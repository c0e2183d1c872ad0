package io.promo.domain.serving.index;

import io.promo.domain.advertiser.Advertiser;
import io.promo.domain.campaign.Campaign;
import io.promo.domain.ledger.BudgetState;
import io.promo.domain.pricing.Policy;
import io.promo.domain.serving.pacing.TrafficCurve;
import io.promo.domain.serving.pacing.TrafficScope;
import io.promo.domain.serving.ranking.CtrCounts;
import io.promo.domain.shared.CampaignId;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything a {@link ServingIndex} is built from, read from the ports at one moment.
 *
 * @param budgets each campaign's budget state on the index's budget day; a missing campaign has no money
 * @param ctr     recent impressions and clicks per campaign; a missing campaign has none
 * @param curves  the traffic curve per surface and city; a missing scope paces on the uniform curve
 */
public record ServingData(
        List<Campaign> campaigns,
        List<Advertiser> advertisers,
        List<Policy> policies,
        Map<CampaignId, BudgetState> budgets,
        Map<CampaignId, CtrCounts> ctr,
        Map<TrafficScope, TrafficCurve> curves) {

    public ServingData {
        Objects.requireNonNull(campaigns, "campaigns");
        Objects.requireNonNull(advertisers, "advertisers");
        Objects.requireNonNull(policies, "policies");
        Objects.requireNonNull(budgets, "budgets");
        Objects.requireNonNull(ctr, "ctr");
        Objects.requireNonNull(curves, "curves");
    }
}
