package io.promo.app.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.javalin.http.Context;
import io.promo.domain.shared.AdvertiserId;
import io.promo.domain.shared.CampaignId;
import io.promo.domain.shared.InvalidCommandException;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.OptionalLong;

/** Writing answers and reading path and query parameters, the same way on every route. */
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

    /**
     * The whole number in query parameter {@code name}, in any spelling a body's whole number may have ({@code 20},
     * {@code 20.0}, {@code 2e1}: {@link JsonBody#wholeValue}), or {@code absent} when there is none; anything else is
     * refused naming the parameter and its range (the range itself is the command's to check).
     */
    static int wholeNumberParam(Context ctx, String name, int absent, int max) {
        String raw = ctx.queryParam(name);
        if (raw == null) {
            return absent;
        }
        try {
            OptionalLong whole = JsonBody.wholeValue(new BigDecimal(raw.trim())); // at most 8 KiB: a short parse
            if (whole.isPresent() && whole.getAsLong() >= Integer.MIN_VALUE && whole.getAsLong() <= Integer.MAX_VALUE) {
                return (int) whole.getAsLong();
            }
        } catch (NumberFormatException | ArithmeticException e) {
            // refused below
        }
        throw InvalidCommandException.of(name, "must be a whole number from 1 to " + max + " (got '" + raw + "')");
    }
}
