package io.promo.billing;

import java.util.Objects;
import java.util.Optional;

/**
 * What the HTTP layer answers Stripe: the status and a short plain-text message. Stripe delivers an
 * event again after any status other than 2xx, for up to three days.
 *
 * @param eventType the event's type when it could be read: one of
 *                  {@link StripeWebhookEndpoint#SUBSCRIBED_EVENT_TYPES}, or {@code other} (few values, for a
 *                  metric label)
 * @param result    what became of the delivery, for operators: {@code applied}, {@code noted},
 *                  {@code ignored}, {@code unmatched}, {@code already_processed}, {@code retry_later},
 *                  {@code unreadable}, {@code not_an_event}, {@code signature_refused}
 */
public record WebhookResponse(int status, String message, Optional<String> eventType, String result) {

    public WebhookResponse {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(eventType, "eventType");
        Objects.requireNonNull(result, "result");
    }

    static WebhookResponse ok(String message, String eventType, String result) {
        return new WebhookResponse(200, message, Optional.of(eventType), result);
    }

    /** Forged, unsigned, stale or no event at all: nothing changed, and a redelivery would not help. */
    static WebhookResponse badRequest(String message, String result) {
        return new WebhookResponse(400, message, Optional.empty(), result);
    }

    /** Could not be processed now (Stripe's API or the database unreachable): deliver again later. */
    static WebhookResponse retryLater(String message, String eventType) {
        return new WebhookResponse(503, message, Optional.of(eventType), "retry_later");
    }
}
