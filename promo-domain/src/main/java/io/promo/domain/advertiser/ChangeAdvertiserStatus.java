package io.promo.domain.advertiser;

import io.promo.domain.shared.OptimisticUpdate;
import io.promo.domain.shared.Outcome;
import io.promo.domain.shared.Rejection;
import java.time.Clock;

/** Use case: activate, pause or suspend an advertiser. Tenants see only themselves (I8). */
public final class ChangeAdvertiserStatus {

    private final AdvertiserRepository advertisers;
    private final Clock clock;

    public ChangeAdvertiserStatus(AdvertiserRepository advertisers, Clock clock) {
        this.advertisers = advertisers;
        this.clock = clock;
    }

    public Outcome<Advertiser> change(ChangeAdvertiserStatusCommand command) {
        var update = new OptimisticUpdate<Advertiser>(
                () -> advertisers.findVisibleTo(command.actor(), command.advertiserId()),
                Advertiser::updatedAt,
                advertisers::updateIfUnchanged);
        return update.apply(() -> Rejection.notFound("advertiser", command.advertiserId()),
                current -> current.changeStatus(command.target(), command.actor(), clock.instant()));
    }
}
