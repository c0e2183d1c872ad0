package io.promo.domain.serving.ranking;

import io.promo.domain.serving.ranking.CtrCounts;
import io.promo.domain.serving.ranking.CtrStatistics;
import io.promo.domain.shared.CampaignId;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Fake of the CTR feed (traffic.TrafficCtrStatistics): tests set the counts they are about. */
public final class InMemoryCtrStatistics implements CtrStatistics {

    private final Map<CampaignId, CtrCounts> counts = new ConcurrentHashMap<>();

    public void set(CampaignId campaignId, long impressions, long clicks) {
        counts.put(campaignId, new CtrCounts(impressions, clicks));
    }

    @Override
    public Map<CampaignId, CtrCounts> countsByCampaign() {
        return Map.copyOf(counts);
    }
}
