package io.promo.app.http;

import static io.promo.app.http.ProblemResponses.accepted;

import io.promo.app.http.JsonViews.AdvertiserView;
import io.promo.app.http.JsonViews.ApiKeyView;
import io.promo.app.http.JsonViews.CreatedAdvertiserView;
import io.promo.domain.access.ApiKey;
import io.promo.domain.advertiser.Advertiser;
import io.promo.domain.advertiser.AdvertiserStatus;
import io.promo.domain.advertiser.ChangeAdvertiserStatusCommand;
import io.promo.domain.advertiser.CreateAdvertiserCommand;
import io.promo.domain.advertiser.PaymentReference;
import io.promo.domain.shared.UserId;
import java.util.Map;

/** Onboarding and moderating advertisers (admin), and an advertiser reading itself. */
final class AdvertiserRoutes implements ApiRoutes {

    private static final Map<String, AdvertiserStatus> STATUS_ACTIONS = Map.of(
            "suspend", AdvertiserStatus.SUSPENDED,
            "pause", AdvertiserStatus.PAUSED,
            "activate", AdvertiserStatus.ACTIVE);

    private final ApiServices services;

    AdvertiserRoutes(ApiServices services) {
        this.services = services;
    }

    @Override
    public void register(ApiRouter router) {
        router.post("/v1/advertisers", Access.ADMIN, (ctx, caller) -> {
            JsonBody body = JsonBody.of(ctx).allowOnly("user_id", "default_payment_id");
            UserId userId = body.parsed("user_id", UserId::parse);
            var payment = body.optionalParsed("default_payment_id", PaymentReference::parse);
            body.throwIfInvalid();
            Advertiser advertiser = accepted(services.useCases().createAdvertiser.create(
                    new CreateAdvertiserCommand(caller.actor(), userId, payment)));
            // Should this fail, the advertiser exists without a key: POST …/api-key issues one.
            ApiKey key = accepted(services.issueApiKey().issue(caller.actor(), advertiser.id()));
            Respond.json(ctx, 201, CreatedAdvertiserView.of(advertiser, key.reveal()));
        });
        router.get("/v1/advertisers/{id}", Access.ADVERTISER, (ctx, caller) -> Respond.json(ctx, 200,
                AdvertiserView.of(accepted(services.useCases().advertiserQueries.get(caller.actor(),
                        Respond.advertiserId(ctx))))));
        router.post("/v1/advertisers/{id}/api-key", Access.ADMIN, (ctx, caller) -> {
            ApiKey key = accepted(services.issueApiKey().issue(caller.actor(), Respond.advertiserId(ctx)));
            Respond.json(ctx, 200, new ApiKeyView(ctx.pathParam("id"), key.reveal()));
        });
        STATUS_ACTIONS.forEach((action, target) -> router.post("/v1/advertisers/{id}/" + action, Access.ADMIN,
                (ctx, caller) -> Respond.json(ctx, 200, AdvertiserView.of(accepted(
                        services.useCases().changeAdvertiserStatus.change(new ChangeAdvertiserStatusCommand(
                                caller.actor(), Respond.advertiserId(ctx), target)))))));
    }
}
