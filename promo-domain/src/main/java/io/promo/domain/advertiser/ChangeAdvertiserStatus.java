package io.promo.domain.advertiser;

import io.promo.domain.shared.OptimisticUpdate;
import io.promo.domain.shared.Outcome;
import io.promo.domain.shared.Rejection;
import io.promo.domain.shared.ServingSnapshot;
import java.time.Clock;
import java.util.Objects;

/**
 * Use case: activate, pause or suspend an advertiser. Tenants see only themselves (I8). A pause or suspension takes
 * effect on this node's next decision: the serving snapshot catches up before the use case answers; an activation
 * waits for the refresh interval (ADR 0020).
 */
public final class ChangeAdvertiserStatus {

    private final AdvertiserRepository advertisers;
    private final ServingSnapshot serving;
    private final Clock clock;

    public ChangeAdvertiserStatus(AdvertiserRepository advertisers, ServingSnapshot serving, Clock clock) {
        this.advertisers = advertisers;
        this.serving = serving;
        this.clock = clock;
    }

    public Outcome<Advertiser> change(ChangeAdvertiserStatusCommand command) {
        Objects.requireNonNull(command, "command");
        var update = new OptimisticUpdate<Advertiser>(
                () -> advertisers.findVisibleTo(command.actor(), command.advertiserId()),
                Advertiser::updatedAt,
                advertisers::updateIfUnchanged);
        Outcome<Advertiser> outcome = update.apply(() -> Rejection.notFound("advertiser", command.advertiserId()),
                current -> current.changeStatus(command.target(), command.actor(), clock.instant()));
        if (outcome.isAccepted() && command.target() != AdvertiserStatus.ACTIVE) {
            serving.catchUp();
        }
        return outcome;
    }
}
