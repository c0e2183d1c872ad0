package io.promo.app.http;

import io.promo.domain.shared.Actor;
import io.promo.domain.shared.AdvertiserId;

/** Who sent a request, as its bearer key says. */
public sealed interface Caller permits Caller.Anonymous, Caller.Admin, Caller.SearchService, Caller.Advertiser {

    /** No key needed ({@code /health}, {@code /metrics}, the signature-checked Stripe webhook). */
    record Anonymous() implements Caller {
    }

    /** The marketplace's operators: the admin key. */
    record Admin() implements Caller {
    }

    /** The marketplace's search service: the service key; asks for decisions and sends clicks. */
    record SearchService() implements Caller {
    }

    /** An advertiser, by its own API key: sees and changes its own data only (I8). */
    record Advertiser(AdvertiserId advertiserId) implements Caller {
    }

    /** The domain's actor for an admin or an advertiser; anyone else never reaches a tenant use case. */
    default Actor actor() {
        if (this instanceof Admin) {
            return Actor.ADMIN;
        }
        if (this instanceof Advertiser advertiser) {
            return Actor.tenant(advertiser.advertiserId());
        }
        throw new IllegalStateException(this + " acts for no tenant");
    }
}
