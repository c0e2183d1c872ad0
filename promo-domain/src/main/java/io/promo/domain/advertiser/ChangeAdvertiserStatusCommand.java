package io.promo.domain.advertiser;

import io.promo.domain.shared.Actor;
import io.promo.domain.shared.AdvertiserId;
import java.util.Objects;

/** Move an advertiser to another status. */
public record ChangeAdvertiserStatusCommand(Actor actor, AdvertiserId advertiserId, AdvertiserStatus target) {
    public ChangeAdvertiserStatusCommand {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(advertiserId, "advertiserId");
        Objects.requireNonNull(target, "target");
    }
}
