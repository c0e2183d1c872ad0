package io.promo.billing;

import java.util.Objects;

/**
 * What the HTTP layer answers Stripe: the status and a short plain-text message. Stripe delivers an
 * event again after any status other than 2xx, for up to three days.
 */
public record WebhookResponse(int status, String message) {

    public WebhookResponse {
        Objects.requireNonNull(message, "message");
    }

    static WebhookResponse ok(String message) {
        return new WebhookResponse(200, message);
    }

    /** Forged, unsigned, stale or unreadable: nothing changed, and a redelivery would not help. */
    static WebhookResponse badRequest(String message) {
        return new WebhookResponse(400, message);
    }

    /** Could not be processed now (Stripe's API or the database unreachable): deliver again later. */
    static WebhookResponse retryLater(String message) {
        return new WebhookResponse(503, message);
    }
}
