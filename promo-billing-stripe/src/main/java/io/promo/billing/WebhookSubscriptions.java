package io.promo.billing;

import com.stripe.exception.StripeException;
import com.stripe.model.WebhookEndpoint;
import com.stripe.param.WebhookEndpointListParams;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Which of {@link StripeWebhookEndpoint#SUBSCRIBED_EVENT_TYPES} no enabled webhook endpoint of the Stripe
 * account is subscribed to. Stripe never says that an event type is not sent; an endpoint set up without,
 * say, {@code charge.dispute.funds_reinstated} silently leaves won disputes unbooked. Asked once at start-up
 * ({@code GET /v1/webhook_endpoints}); the answer is logged and exposed as a metric.
 *
 * @param missing the types no enabled endpoint receives; empty when all are covered or when {@code known} is false
 * @param known   false when Stripe could not be asked (unreachable, or a restricted key without read access
 *                to webhook endpoints): then {@code detail} says why
 */
public record WebhookSubscriptions(List<String> missing, boolean known, String detail) {

    public WebhookSubscriptions {
        missing = List.copyOf(missing);
        Objects.requireNonNull(detail, "detail");
    }

    static WebhookSubscriptions of(StripeApi stripe) {
        Set<String> covered = new LinkedHashSet<>();
        int enabled = 0;
        try {
            WebhookEndpointListParams params = WebhookEndpointListParams.builder().setLimit(100L).build();
            for (WebhookEndpoint endpoint : stripe.client().v1().webhookEndpoints().list(params).autoPagingIterable()) {
                if (!"enabled".equals(endpoint.getStatus()) || endpoint.getEnabledEvents() == null) {
                    continue;
                }
                enabled++;
                covered.addAll(endpoint.getEnabledEvents());
            }
        } catch (StripeException | RuntimeException e) {
            return new WebhookSubscriptions(List.of(), false, "cannot list the account's webhook endpoints (a restricted"
                    + " key needs read access to Webhook Endpoints): " + stripe.failure(e));
        }
        List<String> missing = new ArrayList<>();
        if (!covered.contains("*")) {
            for (String type : StripeWebhookEndpoint.SUBSCRIBED_EVENT_TYPES) {
                if (!covered.contains(type)) {
                    missing.add(type);
                }
            }
        }
        return new WebhookSubscriptions(missing, true, enabled + " enabled webhook endpoint(s)"
                + (missing.isEmpty() ? " receive every type promo acts on" : ", none receives " + String.join(", ", missing)));
    }
}
