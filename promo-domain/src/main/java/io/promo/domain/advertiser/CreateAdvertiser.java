package io.promo.domain.advertiser;

import io.promo.domain.shared.IdGenerator;
import io.promo.domain.shared.Outcome;
import io.promo.domain.shared.Rejection;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;

/** Use case: an admin onboards an advertiser, active from the start; one per marketplace user (ADR 0019). */
public final class CreateAdvertiser {

    private final AdvertiserRepository advertisers;
    private final IdGenerator ids;
    private final Clock clock;

    public CreateAdvertiser(AdvertiserRepository advertisers, IdGenerator ids, Clock clock) {
        this.advertisers = advertisers;
        this.ids = ids;
        this.clock = clock;
    }

    public Outcome<Advertiser> create(CreateAdvertiserCommand command) {
        Objects.requireNonNull(command, "command");
        if (!command.actor().isAdmin()) {
            return Outcome.rejected(Rejection.forbidden("only an admin can create advertisers"));
        }
        Advertiser advertiser = Advertiser.onboard(ids.newAdvertiserId(), command.userId(), command.defaultPayment(),
                clock.instant());
        Optional<Advertiser> existing = advertisers.insert(advertiser);
        if (existing.isPresent()) {
            return Outcome.rejected(Rejection.conflict("user " + command.userId() + " already has advertiser "
                    + existing.get().id() + " (one advertiser per marketplace user, ADR 0019): issue it a new key or"
                    + " change its status instead"));
        }
        return Outcome.accepted(advertiser);
    }
}
