package io.promo.domain.advertiser;

import io.promo.domain.shared.IdGenerator;
import io.promo.domain.shared.Outcome;
import io.promo.domain.shared.Rejection;
import java.time.Clock;

/** Use case: an admin onboards an advertiser, active from the start. */
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
        if (!command.actor().isAdmin()) {
            return Outcome.rejected(Rejection.forbidden("only an admin can create advertisers"));
        }
        Advertiser advertiser = Advertiser.onboard(ids.newAdvertiserId(), command.userId(), command.defaultPayment(),
                clock.instant());
        advertisers.insert(advertiser);
        return Outcome.accepted(advertiser);
    }
}
