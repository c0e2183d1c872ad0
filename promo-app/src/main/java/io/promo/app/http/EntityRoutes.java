package io.promo.app.http;

import io.promo.domain.campaign.RegisterEntityOwner;
import io.promo.domain.campaign.TargetEntity;
import io.promo.domain.shared.InvalidCommandException;
import io.promo.domain.shared.UserId;

/**
 * The marketplace registering who owns its entities (ADR 0017), with its service key: an advertiser may promote
 * only entities of its own marketplace user (I10).
 */
public final class EntityRoutes implements ApiRoutes {

    private static final String OWNER_USER_ID = "owner_user_id";

    private final RegisterEntityOwner registerEntityOwner;

    public EntityRoutes(RegisterEntityOwner registerEntityOwner) {
        this.registerEntityOwner = registerEntityOwner;
    }

    @Override
    public void register(ApiRouter router) {
        router.put("/v1/entities/{type}/{id}", Access.SEARCH_SERVICE, (ctx, caller) -> {
            JsonBody body = JsonBody.of(ctx).allowOnly(OWNER_USER_ID);
            UserId owner = body.parsed(OWNER_USER_ID, UserId::parse);
            TargetEntity entity = null;
            try {
                entity = TargetEntity.parse(ctx.pathParam("type"), ctx.pathParam("id"));
            } catch (InvalidCommandException e) {
                e.violations().forEach(v -> body.reject(v.field(), v.message()));
            }
            body.throwIfInvalid();
            registerEntityOwner.register(entity, owner);
            Respond.json(ctx, 200, new EntityOwnerView(entity.type().code(), entity.id(), owner.value()));
        });
    }

    record EntityOwnerView(String targetEntityType, String targetEntityId, String ownerUserId) {
    }
}
