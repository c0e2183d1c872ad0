package io.promo.domain.campaign;

import io.promo.domain.shared.OptimisticUpdate;
import io.promo.domain.shared.Outcome;
import io.promo.domain.shared.Rejection;
import java.time.Clock;

/** Use case: activate, pause, resume, end, suspend or reinstate a campaign. */
public final class ChangeCampaignStatus {

    private final CampaignRepository campaigns;
    private final Clock clock;

    public ChangeCampaignStatus(CampaignRepository campaigns, Clock clock) {
        this.campaigns = campaigns;
        this.clock = clock;
    }

    public Outcome<Campaign> change(ChangeCampaignStatusCommand command) {
        var update = new OptimisticUpdate<Campaign>(
                () -> campaigns.findVisibleTo(command.actor(), command.campaignId()),
                Campaign::updatedAt,
                campaigns::updateIfUnchanged);
        return update.apply(() -> Rejection.notFound("campaign", command.campaignId()),
                current -> current.apply(command.action(), command.actor(), clock.instant()));
    }
}
