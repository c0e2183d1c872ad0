package io.promo.domain.campaign;

import io.promo.domain.shared.Actor;
import io.promo.domain.shared.CampaignId;
import java.util.Objects;

/** Move a campaign through its lifecycle. */
public record ChangeCampaignStatusCommand(Actor actor, CampaignId campaignId, CampaignAction action) {
    public ChangeCampaignStatusCommand {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(campaignId, "campaignId");
        Objects.requireNonNull(action, "action");
    }
}
