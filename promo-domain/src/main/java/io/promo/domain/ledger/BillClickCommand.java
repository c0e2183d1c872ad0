package io.promo.domain.ledger;

import io.promo.domain.shared.CampaignId;
import io.promo.domain.shared.EventId;
import io.promo.domain.shared.Money;
import io.promo.domain.shared.Violations;
import java.time.Instant;
import java.util.Objects;

/** Bill one click at the cpc it was served with (carried by its token), at the time it happened. */
public record BillClickCommand(CampaignId campaignId, EventId clickEventId, Money cpc, Instant clickedAt) {

    public BillClickCommand {
        Objects.requireNonNull(campaignId, "campaignId");
        Objects.requireNonNull(clickEventId, "clickEventId");
        Objects.requireNonNull(cpc, "cpc");
        Objects.requireNonNull(clickedAt, "clickedAt");
        new Violations()
                .require(cpc.isPositive(), "cpc_cents", "must be greater than 0 (got " + cpc.cents() + ")")
                .require(cpc.fitsColumn(), "cpc_cents", "must be at most " + Integer.MAX_VALUE + " (got " + cpc.cents() + ")")
                .throwIfAny();
    }
}
