package io.promo.domain.report;

import io.promo.domain.serving.share.ShareCounts;
import io.promo.domain.shared.AdvertiserId;
import io.promo.domain.shared.CampaignId;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * An advertiser's totals over a period: per campaign, and over all of them.
 *
 * @param conversionTotals what all its campaigns' clicks earned (ADR 0035)
 * @param auctions the impression share of all its campaigns together: their candidate auctions summed
 */
public record AdvertiserReport(AdvertiserId advertiserId, LocalDate from, LocalDate to, List<CampaignTotals> campaigns,
        TrafficFigures totals, ConversionFigures conversionTotals, ShareCounts auctions) {

    public AdvertiserReport {
        Objects.requireNonNull(advertiserId, "advertiserId");
        Objects.requireNonNull(totals, "totals");
        Objects.requireNonNull(conversionTotals, "conversionTotals");
        Objects.requireNonNull(auctions, "auctions");
        campaigns = List.copyOf(campaigns);
    }

    /**
     * @param conversions what the campaign's clicks of the period earned
     * @param auctions    the campaign's impression share over the period
     */
    public record CampaignTotals(CampaignId campaignId, String name, TrafficFigures totals, ConversionFigures conversions,
            ShareCounts auctions) {
        public CampaignTotals {
            Objects.requireNonNull(campaignId, "campaignId");
            Objects.requireNonNull(totals, "totals");
            Objects.requireNonNull(conversions, "conversions");
            Objects.requireNonNull(auctions, "auctions");
        }
    }
}
