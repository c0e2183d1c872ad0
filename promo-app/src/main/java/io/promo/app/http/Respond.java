package io.promo.app.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.javalin.http.Context;
import io.promo.domain.shared.AdvertiserId;
import io.promo.domain.shared.CampaignId;
import java.io.IOException;

/** Writing answers and reading path parameters, the same way on every route. */
final class Respond {

    private Respond() {
    }

    /**
     * Serializes {@code body} whole, then writes it to the response's stream. {@code ctx.result(bytes)} would have
     * Javalin copy it through a fresh 8 KiB buffer for every answer, the largest allocation of a decision after the
     * request body (docs/benchmarks.md, "The HTTP shell's decision route"). Call it last: the answer is written.
     */
    static void json(Context ctx, int status, Object body) {
        byte[] json;
        try {
            json = Json.MAPPER.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a view is always serializable", e);
        }
        ctx.status(status);
        ctx.contentType("application/json");
        try {
            ctx.outputStream().write(json);
        } catch (IOException clientGone) {
            // Only a connection already broken fails a write: there is no one left to answer, and Jetty closes it.
        }
    }

    static CampaignId campaignId(Context ctx) {
        return CampaignId.parse("campaign_id", ctx.pathParam("id"));
    }

    static AdvertiserId advertiserId(Context ctx) {
        return AdvertiserId.parse("advertiser_id", ctx.pathParam("id"));
    }
}
