package io.promo.persistence;

import static io.promo.persistence.jooq.generated.Tables.PROMO_ENTITY_OWNER;

import io.promo.domain.campaign.EntityOwners;
import io.promo.domain.campaign.TargetEntity;
import io.promo.domain.shared.UserId;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/** {@link EntityOwners} on {@code promo_entity_owner} (V13): one row per entity. */
public final class JooqEntityOwners implements EntityOwners {

    private final DSLContext db;

    public JooqEntityOwners(DSLContext db) {
        this.db = db;
    }

    @Override
    public Optional<UserId> ownerOf(TargetEntity entity) {
        return db.select(PROMO_ENTITY_OWNER.OWNER_USER_ID).from(PROMO_ENTITY_OWNER)
                .where(PROMO_ENTITY_OWNER.ENTITY_TYPE.eq(entity.type().code()))
                .and(PROMO_ENTITY_OWNER.ENTITY_ID.eq(entity.id()))
                .fetchOptional(PROMO_ENTITY_OWNER.OWNER_USER_ID)
                .map(UserId::new);
    }

    @Override
    public void register(TargetEntity entity, UserId owner) {
        db.insertInto(PROMO_ENTITY_OWNER)
                .set(PROMO_ENTITY_OWNER.ENTITY_TYPE, entity.type().code())
                .set(PROMO_ENTITY_OWNER.ENTITY_ID, entity.id())
                .set(PROMO_ENTITY_OWNER.OWNER_USER_ID, owner.value())
                .onConflict(PROMO_ENTITY_OWNER.ENTITY_TYPE, PROMO_ENTITY_OWNER.ENTITY_ID)
                .doUpdate()
                .set(PROMO_ENTITY_OWNER.OWNER_USER_ID, owner.value())
                .set(PROMO_ENTITY_OWNER.RECORDED_AT, DSL.currentOffsetDateTime())
                .execute();
    }

    @Override
    public UserId claim(TargetEntity entity, UserId claimant) {
        // Insert-if-absent, then read: of simultaneous claims the first insert wins and every claimant reads it.
        db.insertInto(PROMO_ENTITY_OWNER)
                .set(PROMO_ENTITY_OWNER.ENTITY_TYPE, entity.type().code())
                .set(PROMO_ENTITY_OWNER.ENTITY_ID, entity.id())
                .set(PROMO_ENTITY_OWNER.OWNER_USER_ID, claimant.value())
                .onConflictDoNothing()
                .execute();
        return ownerOf(entity).orElseThrow(() -> new IllegalStateException(entity + " has no owner right after a claim"));
    }
}
