package io.promo.domain.campaign;

import io.promo.domain.shared.UserId;
import java.util.Objects;

/**
 * Use case: the marketplace says which of its users owns an entity ({@code PUT /v1/entities/{type}/{id}}). It is
 * the source of truth: a registration replaces whatever was recorded, a dev-mode claim included (ADR 0017).
 */
public final class RegisterEntityOwner {

    private final EntityOwners owners;

    public RegisterEntityOwner(EntityOwners owners) {
        this.owners = Objects.requireNonNull(owners, "owners");
    }

    public void register(TargetEntity entity, UserId owner) {
        owners.register(Objects.requireNonNull(entity, "entity"), Objects.requireNonNull(owner, "owner"));
    }
}
