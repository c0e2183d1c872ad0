package io.promo.domain.campaign;

import io.promo.domain.shared.Actor;
import io.promo.domain.shared.AdvertiserId;
import io.promo.domain.shared.Surface;
import java.util.Objects;

/**
 * Author a draft campaign for {@code advertiserId}. The values may still break business rules; the
 * use case answers those as a rejection listing every broken one.
 */
public record CreateCampaignCommand(Actor actor, AdvertiserId advertiserId, Surface surface, TargetEntity target,
        CampaignSettings settings) {

    public CreateCampaignCommand {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(advertiserId, "advertiserId");
        Objects.requireNonNull(surface, "surface");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(settings, "settings");
    }
}
