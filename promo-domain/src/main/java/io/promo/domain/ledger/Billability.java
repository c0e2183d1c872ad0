package io.promo.domain.ledger;

import io.promo.domain.advertiser.AdvertiserStatus;
import io.promo.domain.campaign.CampaignStatus;
import java.util.Set;

/**
 * Which campaigns a click may still be billed to. A paused campaign is billable: its ad was served
 * while it was active, and a click shortly after the pause is a real click. A draft, ended or
 * suspended campaign, or one whose advertiser is suspended, is not.
 */
public final class Billability {

    public static final Set<CampaignStatus> BILLABLE_CAMPAIGN_STATUSES = Set.of(CampaignStatus.ACTIVE, CampaignStatus.PAUSED);
    public static final Set<AdvertiserStatus> BILLABLE_ADVERTISER_STATUSES =
            Set.of(AdvertiserStatus.ACTIVE, AdvertiserStatus.PAUSED);

    private Billability() {
    }

    public static boolean isBillable(CampaignStatus campaign, AdvertiserStatus advertiser) {
        return BILLABLE_CAMPAIGN_STATUSES.contains(campaign) && BILLABLE_ADVERTISER_STATUSES.contains(advertiser);
    }
}
