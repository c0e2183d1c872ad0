package io.promo.domain.conversion;

import io.promo.domain.shared.CampaignId;
import io.promo.domain.shared.EventId;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;

/** To which click, and so which campaign, a recorded conversion is credited; decided once, when it is recorded. */
public sealed interface Attribution extends AttributionDecision permits Attribution.Attributed, Attribution.Unattributed {

    /**
     * Credited to a billed click.
     *
     * @param clickDay the click's budget day: reports count the conversion there, beside the spend that earned it
     */
    record Attributed(EventId clickId, CampaignId campaignId, Instant clickedAt, LocalDate clickDay) implements Attribution {
        public Attributed {
            Objects.requireNonNull(clickId, "clickId");
            Objects.requireNonNull(campaignId, "campaignId");
            Objects.requireNonNull(clickedAt, "clickedAt");
            Objects.requireNonNull(clickDay, "clickDay");
        }
    }

    /** Recorded, credited to no click. */
    record Unattributed(UnattributedReason reason) implements Attribution {
        public Unattributed {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
