package io.promo.domain.conversion;

import io.promo.domain.shared.CampaignId;
import io.promo.domain.shared.EventId;
import java.time.Instant;
import java.util.Objects;

/**
 * A logged click as attribution sees it: the facts the conversion log loads for {@link AttributionPolicy}.
 *
 * @param billed   a {@code click} billed more than 0 (not an invalid click, not a click the budget no longer covered)
 * @param credited refunded later as invalid (a credit entry of the ledger names it)
 */
public record CandidateClick(EventId clickId, CampaignId campaignId, Instant clickedAt, boolean billed, boolean credited) {
    public CandidateClick {
        Objects.requireNonNull(clickId, "clickId");
        Objects.requireNonNull(campaignId, "campaignId");
        Objects.requireNonNull(clickedAt, "clickedAt");
    }

    /** A click that may earn a conversion at all: billed and not taken back. */
    public boolean earns() {
        return billed && !credited;
    }
}
