package io.promo.app.http;

import static io.promo.app.http.ProblemResponses.accepted;

import io.promo.app.http.JsonViews.AdvertiserView;
import io.promo.app.http.JsonViews.ApiKeyView;
import io.promo.app.http.JsonViews.CreatedAdvertiserView;
import io.promo.domain.access.ApiKey;
import io.promo.domain.access.IssueApiKey;
import io.promo.domain.advertiser.Advertiser;
import io.promo.domain.advertiser.AdvertiserQueries;
import io.promo.domain.advertiser.ChangeAdvertiserStatus;
import io.promo.domain.advertiser.CreateAdvertiser;
import io.promo.domain.advertiser.AdvertiserStatus;
import io.promo.domain.advertiser.ChangeAdvertiserStatusCommand;
import io.promo.domain.advertiser.CreateAdvertiserCommand;
import io.promo.domain.advertiser.PaymentReference;
import io.promo.domain.shared.UserId;
import java.util.Map;

/** Onboarding and moderating advertisers (admin), and an advertiser reading itself. */
public final class AdvertiserRoutes implements ApiRoutes {

    // The fields of an advertiser's creation, each named once.
    private static final String USER_ID = "user_id";
    private static final String DEFAULT_PAYMENT_ID = "default_payment_id";

    private static final Map<String, AdvertiserStatus> STATUS_ACTIONS = Map.of(
            "suspend", AdvertiserStatus.SUSPENDED,
            "pause", AdvertiserStatus.PAUSED,
            "activate", AdvertiserStatus.ACTIVE);

    private final CreateAdvertiser createAdvertiser;
    private final IssueApiKey issueApiKey;
    private final AdvertiserQueries advertiserQueries;
    private final ChangeAdvertiserStatus changeAdvertiserStatus;

    public AdvertiserRoutes(CreateAdvertiser createAdvertiser, IssueApiKey issueApiKey, AdvertiserQueries advertiserQueries,
            ChangeAdvertiserStatus changeAdvertiserStatus) {
        this.createAdvertiser = createAdvertiser;
        this.issueApiKey = issueApiKey;
        this.advertiserQueries = advertiserQueries;
        this.changeAdvertiserStatus = changeAdvertiserStatus;
    }

    @Override
    public void register(ApiRouter router) {
        router.post("/v1/advertisers", Access.ADMIN, (ctx, caller) -> {
            JsonBody body = JsonBody.of(ctx).allowOnly(USER_ID, DEFAULT_PAYMENT_ID);
            UserId userId = body.parsed(USER_ID, UserId::parse);
            var payment = body.optionalParsed(DEFAULT_PAYMENT_ID, PaymentReference::parse);
            body.throwIfInvalid();
            Advertiser advertiser = accepted(createAdvertiser.create(
                    new CreateAdvertiserCommand(caller.actor(), userId, payment)));
            // Should this fail, the advertiser exists without a key: POST …/api-key issues one.
            ApiKey key = accepted(issueApiKey.issue(caller.actor(), advertiser.id()));
            Respond.json(ctx, 201, CreatedAdvertiserView.of(advertiser, key.reveal()));
        });
        router.get("/v1/advertisers/{id}", Access.ADVERTISER, (ctx, caller) -> Respond.json(ctx, 200,
                AdvertiserView.of(accepted(advertiserQueries.get(caller.actor(),
                        Respond.advertiserId(ctx))))));
        router.post("/v1/advertisers/{id}/api-key", Access.ADMIN, (ctx, caller) -> {
            ApiKey key = accepted(issueApiKey.issue(caller.actor(), Respond.advertiserId(ctx)));
            Respond.json(ctx, 200, new ApiKeyView(ctx.pathParam("id"), key.reveal()));
        });
        STATUS_ACTIONS.forEach((action, target) -> router.post("/v1/advertisers/{id}/" + action, Access.ADMIN,
                (ctx, caller) -> Respond.json(ctx, 200, AdvertiserView.of(accepted(
                        changeAdvertiserStatus.change(new ChangeAdvertiserStatusCommand(
                                caller.actor(), Respond.advertiserId(ctx), target)))))));
    }
}
