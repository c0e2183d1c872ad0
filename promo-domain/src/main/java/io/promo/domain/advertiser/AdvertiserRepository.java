package io.promo.domain.advertiser;

import io.promo.domain.shared.Actor;
import io.promo.domain.shared.AdvertiserId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Out port: the advertiser table. */
public interface AdvertiserRepository {

    /**
     * Stores a new advertiser (its id must be new) unless its user already has one (ADR 0019): then answers that
     * one and writes nothing. Atomic: of concurrent inserts for one user exactly one is stored.
     */
    Optional<Advertiser> insert(Advertiser advertiser);

    Optional<Advertiser> findById(AdvertiserId id);

    /** The advertiser if {@code actor} may see it (I8): an admin any, a tenant only itself. */
    default Optional<Advertiser> findVisibleTo(Actor actor, AdvertiserId id) {
        return findById(id).filter(advertiser -> actor.mayAccess(advertiser.id()));
    }

    /** All advertisers, oldest first. */
    List<Advertiser> findAll();

    /**
     * Stores {@code changed} if the stored row still has {@code updated_at = expectedVersion};
     * false (and nothing written) when another writer got there first or the row is gone.
     */
    boolean updateIfUnchanged(Advertiser changed, Instant expectedVersion);
}
