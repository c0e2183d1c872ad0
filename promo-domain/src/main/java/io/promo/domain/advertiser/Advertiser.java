package io.promo.domain.advertiser;

import io.promo.domain.shared.Actor;
import io.promo.domain.shared.AdvertiserId;
import io.promo.domain.shared.Outcome;
import io.promo.domain.shared.Rejection;
import io.promo.domain.shared.RowVersion;
import io.promo.domain.shared.UserId;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A seller who pays for promotion: a marketplace user, optionally with a Stripe customer and payment
 * method to charge top-ups to. {@code updatedAt} is its optimistic-concurrency version.
 */
public record Advertiser(
        AdvertiserId id,
        UserId userId,
        Optional<PaymentReference> defaultPayment,
        AdvertiserStatus status,
        Instant createdAt,
        Instant updatedAt) {

    public Advertiser {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(defaultPayment, "defaultPayment");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }

    public static Advertiser onboard(AdvertiserId id, UserId userId, Optional<PaymentReference> defaultPayment,
            Instant now) {
        Instant stored = RowVersion.stored(now);
        return new Advertiser(id, userId, defaultPayment, AdvertiserStatus.ACTIVE, stored, stored);
    }

    /**
     * The advertiser in {@code target} status. An admin may move between any statuses; an advertiser
     * itself may only pause and re-activate, never lift a suspension. Asking for the current status
     * answers with this very instance.
     */
    public Outcome<Advertiser> changeStatus(AdvertiserStatus target, Actor actor, Instant now) {
        if (status == target) {
            return Outcome.accepted(this);
        }
        if (!actor.isAdmin() && (status == AdvertiserStatus.SUSPENDED || target == AdvertiserStatus.SUSPENDED)) {
            return Outcome.rejected(Rejection.forbidden("only an admin can suspend an advertiser or lift a suspension"));
        }
        return Outcome.accepted(new Advertiser(id, userId, defaultPayment, target, createdAt,
                RowVersion.next(updatedAt, now)));
    }

    public boolean isActive() {
        return status == AdvertiserStatus.ACTIVE;
    }
}
