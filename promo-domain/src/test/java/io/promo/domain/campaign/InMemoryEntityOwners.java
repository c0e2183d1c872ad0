package io.promo.domain.campaign;

import io.promo.domain.shared.UserId;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Fake for fast domain tests; {@link EntityOwnersContract} keeps it honest. */
public final class InMemoryEntityOwners implements EntityOwners {

    private final Map<TargetEntity, UserId> owners = new ConcurrentHashMap<>();

    @Override
    public Optional<UserId> ownerOf(TargetEntity entity) {
        return Optional.ofNullable(owners.get(entity));
    }

    @Override
    public void register(TargetEntity entity, UserId owner) {
        owners.put(entity, owner);
    }

    @Override
    public UserId claim(TargetEntity entity, UserId claimant) {
        return owners.computeIfAbsent(entity, unowned -> claimant);
    }
}
