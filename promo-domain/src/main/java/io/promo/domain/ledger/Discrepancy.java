package io.promo.domain.ledger;

import io.promo.domain.shared.CampaignId;
import java.util.Objects;

/**
 * A counter that does not equal the ledger's sum (a broken I7): which campaign, which counter
 * (e.g. {@code balance}, {@code spent_total}, {@code spent_on 2026-11-27}) and both values.
 */
public record Discrepancy(CampaignId campaignId, String counter, long ledgerSum, long counterValue) {
    public Discrepancy {
        Objects.requireNonNull(campaignId, "campaignId");
        Objects.requireNonNull(counter, "counter");
    }
}
