package io.promo.domain.advertiser;

import io.promo.domain.shared.Actor;
import io.promo.domain.shared.AdvertiserId;
import io.promo.domain.shared.Outcome;
import java.util.List;
import java.util.Objects;

/** Use cases: read advertisers within what the actor may see (I8): an admin all, a tenant itself. */
public final class AdvertiserQueries {

    private final AdvertiserRepository advertisers;

    public AdvertiserQueries(AdvertiserRepository advertisers) {
        this.advertisers = advertisers;
    }

    public Outcome<Advertiser> get(Actor actor, AdvertiserId id) {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(id, "id");
        return advertisers.findVisibleTo(actor, id)
                .<Outcome<Advertiser>>map(Outcome::accepted)
                .orElseGet(() -> Outcome.notFound("advertiser", id));
    }

    public List<Advertiser> list(Actor actor) {
        Objects.requireNonNull(actor, "actor");
        if (actor instanceof Actor.Tenant tenant) {
            return advertisers.findById(tenant.advertiserId()).map(List::of).orElse(List.of());
        }
        return advertisers.findAll();
    }
}
