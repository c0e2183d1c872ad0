package io.promo.domain.campaign;

import io.promo.domain.shared.Actor;
import io.promo.domain.shared.AdvertiserId;
import io.promo.domain.shared.CampaignId;
import io.promo.domain.shared.Outcome;
import io.promo.domain.shared.Rejection;
import io.promo.domain.shared.RowVersion;
import io.promo.domain.shared.Surface;
import io.promo.domain.shared.Violation;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A campaign as stored: who pays, what it promotes where, its settings and its lifecycle status.
 * A campaign that exists satisfies every rule of its settings and the surface/target pairing.
 * {@code updatedAt} is also its optimistic-concurrency version ({@link RowVersion}).
 */
public record Campaign(
        CampaignId id,
        AdvertiserId advertiserId,
        Surface surface,
        TargetEntity target,
        CampaignSettings settings,
        CampaignStatus status,
        Instant createdAt,
        Instant updatedAt) {

    public Campaign {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(advertiserId, "advertiserId");
        Objects.requireNonNull(surface, "surface");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        List<Violation> violations = authoringViolations(surface, target, settings);
        if (!violations.isEmpty()) {
            throw new IllegalArgumentException("campaign " + id + " breaks its rules: " + violations);
        }
    }

    /** The rules a campaign's own values must satisfy (floors, which need policies, are checked by the use cases). */
    public static List<Violation> authoringViolations(Surface surface, TargetEntity target, CampaignSettings settings) {
        List<Violation> violations = new java.util.ArrayList<>(settings.violations());
        if (target.type().surface() != surface) {
            violations.add(0, new Violation("target_entity_type", surface.code() + " promotes a "
                    + (surface == Surface.PEOPLE_SEARCH ? "service_profile" : "studio")
                    + ", not a " + target.type().code()));
        }
        return List.copyOf(violations);
    }

    /** A new draft; the caller has checked {@link #authoringViolations}. */
    public static Campaign draft(CampaignId id, AdvertiserId advertiserId, Surface surface, TargetEntity target,
            CampaignSettings settings, Instant now) {
        Instant stored = RowVersion.stored(now);
        return new Campaign(id, advertiserId, surface, target, settings, CampaignStatus.DRAFT, stored, stored);
    }

    /**
     * The campaign after {@code action} by {@code actor}: the same instance when it already has the
     * target status, a rejection when the move is not allowed.
     */
    public Outcome<Campaign> apply(CampaignAction action, Actor actor, Instant now) {
        if (action.adminOnly() && !actor.isAdmin()) {
            return Outcome.rejected(Rejection.forbidden("only an admin can " + action.code() + " a campaign"));
        }
        Optional<String> refusal = action.refusal(status);
        if (refusal.isPresent()) {
            return Outcome.rejected(Rejection.illegalTransition(refusal.get()));
        }
        if (status == action.target()) {
            return Outcome.accepted(this);
        }
        return Outcome.accepted(new Campaign(id, advertiserId, surface, target, settings, action.target(), createdAt,
                RowVersion.next(updatedAt, now)));
    }

    /** The campaign with new, already validated settings. */
    public Campaign withSettings(CampaignSettings newSettings, Instant now) {
        return new Campaign(id, advertiserId, surface, target, newSettings, status, createdAt,
                RowVersion.next(updatedAt, now));
    }

    public boolean isOwnedBy(AdvertiserId advertiser) {
        return advertiserId.equals(advertiser);
    }
}
