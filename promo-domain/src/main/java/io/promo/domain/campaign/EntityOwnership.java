package io.promo.domain.campaign;

import io.promo.domain.shared.UserId;
import io.promo.domain.shared.Violation;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * I10: an advertiser promotes only entities its marketplace user owns. What happens to an entity the marketplace
 * never registered is the deployment's choice (ADR 0017): refused in production, claimed by its first promoter in
 * dev mode so that a demo runs without a marketplace behind it.
 */
public final class EntityOwnership {

    /** What an entity nobody registered means. */
    public enum Unregistered {
        /** Production: only the marketplace says who owns what. */
        REFUSED,
        /** Dev mode: the first advertiser's user to promote it owns it from then on. */
        CLAIMED_BY_FIRST_PROMOTER
    }

    static final String FIELD = "target_entity_id";

    private final EntityOwners owners;
    private final Unregistered unregistered;

    public EntityOwnership(EntityOwners owners, Unregistered unregistered) {
        this.owners = Objects.requireNonNull(owners, "owners");
        this.unregistered = Objects.requireNonNull(unregistered, "unregistered");
    }

    /** Why {@code promoter} may not promote {@code entity}, read-only: nothing is claimed yet. */
    public List<Violation> refusals(TargetEntity entity, UserId promoter) {
        Optional<UserId> owner = owners.ownerOf(entity);
        if (owner.isPresent()) {
            return owner.get().equals(promoter) ? List.of() : List.of(foreign(entity));
        }
        return unregistered == Unregistered.REFUSED
                ? List.of(new Violation(FIELD, entity.type().code() + " " + entity.id() + " is not registered by the"
                        + " marketplace as an entity of yours; only entities your marketplace user owns can be promoted"))
                : List.of();
    }

    /**
     * Once the campaign is otherwise valid (so that a refused request records nothing): an unregistered entity is
     * claimed for {@code promoter} in dev mode. Answers a refusal when another user's claim came first.
     */
    public List<Violation> claim(TargetEntity entity, UserId promoter) {
        if (unregistered == Unregistered.REFUSED) {
            return List.of();
        }
        return owners.claim(entity, promoter).equals(promoter) ? List.of() : List.of(foreign(entity));
    }

    private static Violation foreign(TargetEntity entity) {
        // The owner is not named: who owns what is the marketplace's business, not another advertiser's.
        return new Violation(FIELD, entity.type().code() + " " + entity.id() + " belongs to another marketplace user;"
                + " only entities your marketplace user owns can be promoted");
    }
}
