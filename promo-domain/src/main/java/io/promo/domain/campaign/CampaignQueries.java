package io.promo.domain.campaign;

import io.promo.domain.shared.Actor;
import io.promo.domain.shared.AdvertiserId;
import io.promo.domain.shared.CampaignId;
import io.promo.domain.shared.Outcome;
import java.util.List;
import java.util.Objects;

/** Use cases: read one campaign or list an advertiser's, within what the actor may see (I8). */
public final class CampaignQueries {

    private final CampaignRepository campaigns;

    public CampaignQueries(CampaignRepository campaigns) {
        this.campaigns = campaigns;
    }

    public Outcome<Campaign> get(Actor actor, CampaignId id) {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(id, "id");
        return campaigns.findVisibleTo(actor, id)
                .<Outcome<Campaign>>map(Outcome::accepted)
                .orElseGet(() -> Outcome.notFound("campaign", id));
    }

    /** A tenant lists its own campaigns; an admin lists any advertiser's. */
    public List<Campaign> list(Actor actor, AdvertiserId advertiserId) {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(advertiserId, "advertiserId");
        if (!actor.mayAccess(advertiserId)) {
            return List.of();
        }
        return campaigns.findByAdvertiser(advertiserId);
    }
}
