package io.promo.app.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.javalin.http.Context;
import io.promo.domain.shared.AdvertiserId;
import io.promo.domain.shared.CampaignId;

/** Writing answers and reading path parameters, the same way on every route. */
final class Respond {

    private Respond() {
    }

    static void json(Context ctx, int status, Object body) {
        ctx.status(status);
        ctx.contentType("application/json");
        try {
            ctx.result(Json.MAPPER.writeValueAsBytes(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a view is always serializable", e);
        }
    }

    static CampaignId campaignId(Context ctx) {
        return CampaignId.parse("campaign_id", ctx.pathParam("id"));
    }

    static AdvertiserId advertiserId(Context ctx) {
        return AdvertiserId.parse("advertiser_id", ctx.pathParam("id"));
    }
}
