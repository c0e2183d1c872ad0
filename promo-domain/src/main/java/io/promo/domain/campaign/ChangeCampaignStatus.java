package io.promo.domain.campaign;

import io.promo.domain.shared.OptimisticUpdate;
import io.promo.domain.shared.Outcome;
import io.promo.domain.shared.Rejection;
import io.promo.domain.shared.ServingSnapshot;
import java.time.Clock;
import java.util.Objects;

/**
 * Use case: activate, pause, resume, end, suspend or reinstate a campaign. A change to a status that does not serve
 * (pause, end, suspend) takes effect on this node's next decision: the serving snapshot catches up before the use
 * case answers. One that starts serving (activate, resume) waits for the refresh interval, so that activating many
 * campaigns does not cost a rebuild each (ADR 0020).
 */
public final class ChangeCampaignStatus {

    private final CampaignRepository campaigns;
    private final ServingSnapshot serving;
    private final Clock clock;

    public ChangeCampaignStatus(CampaignRepository campaigns, ServingSnapshot serving, Clock clock) {
        this.campaigns = campaigns;
        this.serving = serving;
        this.clock = clock;
    }

    public Outcome<Campaign> change(ChangeCampaignStatusCommand command) {
        Objects.requireNonNull(command, "command");
        var update = new OptimisticUpdate<Campaign>(
                () -> campaigns.findVisibleTo(command.actor(), command.campaignId()),
                Campaign::updatedAt,
                campaigns::updateIfUnchanged);
        Outcome<Campaign> outcome = update.apply(() -> Rejection.notFound("campaign", command.campaignId()),
                current -> current.apply(command.action(), command.actor(), clock.instant()));
        if (outcome.isAccepted() && command.action().target() != CampaignStatus.ACTIVE) {
            serving.catchUp();
        }
        return outcome;
    }
}
