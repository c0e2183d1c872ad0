package io.promo.billing;

import io.promo.domain.funding.ChargeRequest;
import io.promo.domain.shared.CampaignId;
import io.promo.domain.shared.IdPrefix;
import java.util.Map;
import java.util.Optional;

/** Reads what promo wrote into a Stripe object's metadata. */
final class StripeMetadata {

    private StripeMetadata() {
    }

    /** The campaign named by {@code campaign_id}, if there is one and it looks like a campaign id. */
    static Optional<CampaignId> campaignOf(Map<String, String> metadata) {
        return Optional.ofNullable(metadata)
                .map(m -> m.get(ChargeRequest.CAMPAIGN_ID))
                .filter(IdPrefix.CAMPAIGN::matches)
                .map(CampaignId::new);
    }

    /** The top-up request named by {@code topup_request_id}, if there is one. */
    static Optional<String> topUpRequestOf(Map<String, String> metadata) {
        return Optional.ofNullable(metadata).map(m -> m.get(ChargeRequest.TOPUP_REQUEST_ID)).filter(id -> !id.isBlank());
    }
}
