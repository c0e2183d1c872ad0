package io.promo.domain.campaign;

import io.promo.domain.shared.UserId;
import java.util.Optional;

/**
 * Out port: which marketplace user owns a promotable entity (I10). The marketplace is the source of truth and
 * registers its entities here; in dev mode the first promoter of an unregistered entity claims it (ADR 0017).
 */
public interface EntityOwners {

    Optional<UserId> ownerOf(TargetEntity entity);

    /** The marketplace's word: {@code owner} owns {@code entity} from now on, whoever was recorded before. */
    void register(TargetEntity entity, UserId owner);

    /**
     * Records {@code claimant} as the owner unless an owner is recorded already, atomically: of two claims at
     * once, one wins. Answers the owner recorded afterwards.
     */
    UserId claim(TargetEntity entity, UserId claimant);
}
