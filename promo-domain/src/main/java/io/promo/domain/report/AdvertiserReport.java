package io.promo.domain.report;

import io.promo.domain.shared.AdvertiserId;
import io.promo.domain.shared.CampaignId;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/** An advertiser's totals over a period: per campaign, and over all of them. */
public record AdvertiserReport(AdvertiserId advertiserId, LocalDate from, LocalDate to, List<CampaignTotals> campaigns,
        TrafficFigures totals) {

    public AdvertiserReport {
        Objects.requireNonNull(advertiserId, "advertiserId");
        Objects.requireNonNull(totals, "totals");
        campaigns = List.copyOf(campaigns);
    }

    public record CampaignTotals(CampaignId campaignId, String name, TrafficFigures totals) {
        public CampaignTotals {
            Objects.requireNonNull(campaignId, "campaignId");
            Objects.requireNonNull(totals, "totals");
        }
    }
}
