package io.promo.domain.shared;

import java.util.Objects;

/**
 * Who is asking. Use cases decide access from it, so tenant isolation (I8) holds whichever adapter
 * calls them.
 */
public sealed interface Actor permits Actor.Admin, Actor.Tenant {

    Actor ADMIN = new Admin();

    static Actor tenant(AdvertiserId advertiserId) {
        return new Tenant(advertiserId);
    }

    /** True when this actor may see and change data owned by {@code owner}. */
    boolean mayAccess(AdvertiserId owner);

    default boolean isAdmin() {
        return this instanceof Admin;
    }

    /** The marketplace's operators: see and change everything. */
    record Admin() implements Actor {
        @Override
        public boolean mayAccess(AdvertiserId owner) {
            return true;
        }
    }

    /** An advertiser acting on its own data, and only on it. */
    record Tenant(AdvertiserId advertiserId) implements Actor {
        public Tenant {
            Objects.requireNonNull(advertiserId, "advertiserId");
        }

        @Override
        public boolean mayAccess(AdvertiserId owner) {
            return advertiserId.equals(owner);
        }
    }
}
