package io.promo.domain.traffic;

import io.promo.domain.advertiser.AdvertiserStatus;
import io.promo.domain.campaign.CampaignStatus;
import io.promo.domain.shared.UserId;
import java.util.Objects;
import java.util.Optional;

/**
 * What the click rules need beyond the click itself, as the click log read it inside the click's atomic step (after
 * the viewer's lock, so that {@code viewerClickedLately} sees every earlier click of that viewer). {@link ClickPolicy}
 * decides from it.
 *
 * @param payer               the clicked campaign and its advertiser; empty when the campaign is unknown
 * @param impressionClicked   a click of this impression is logged already
 * @param viewerClickedLately the same viewer clicked this campaign at or after {@link ClickToLog#repeatSince()}
 * @param ipClicks            clicks of the click's ip logged after {@link ClickToLog.IpBurst#since()} by any node,
 *                            counted up to the burst limit (read after the ip's lock, so no two clicks of one ip
 *                            count past each other)
 */
public record ClickFacts(Optional<Payer> payer, boolean impressionClicked, boolean viewerClickedLately, int ipClicks) {

    public ClickFacts {
        Objects.requireNonNull(payer, "payer");
        if (ipClicks < 0) {
            throw new IllegalArgumentException("a count of clicks is not negative, got " + ipClicks);
        }
    }

    /** The facts of a click whose ip has logged no click within the burst window. */
    public ClickFacts(Optional<Payer> payer, boolean impressionClicked, boolean viewerClickedLately) {
        this(payer, impressionClicked, viewerClickedLately, 0);
    }

    /** The campaign's and its advertiser's standing, and the advertiser's own marketplace user. */
    public record Payer(CampaignStatus campaignStatus, AdvertiserStatus advertiserStatus, UserId ownerUserId) {
        public Payer {
            Objects.requireNonNull(campaignStatus, "campaignStatus");
            Objects.requireNonNull(advertiserStatus, "advertiserStatus");
            Objects.requireNonNull(ownerUserId, "ownerUserId");
        }
    }
}
