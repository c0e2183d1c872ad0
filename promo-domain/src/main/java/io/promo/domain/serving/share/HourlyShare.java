package io.promo.domain.serving.share;

import io.promo.domain.shared.CampaignId;
import java.time.LocalDate;
import java.util.Objects;

/**
 * A campaign's auctions in one hour of a budget day, as they are stored.
 *
 * @param hour 0–23: the 24th of the budget day (a day of 23 or 25 hours has 24 of them, as pacing counts them)
 */
public record HourlyShare(CampaignId campaignId, LocalDate day, int hour, ShareCounts counts) {

    public HourlyShare {
        Objects.requireNonNull(campaignId, "campaignId");
        Objects.requireNonNull(day, "day");
        Objects.requireNonNull(counts, "counts");
        if (hour < 0 || hour > 23) {
            throw new IllegalArgumentException("hour is 0–23, got " + hour);
        }
    }
}
