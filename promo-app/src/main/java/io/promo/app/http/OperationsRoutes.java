package io.promo.app.http;

import io.promo.app.http.JsonViews.HealthView;
import io.promo.billing.WebhookResponse;
import java.nio.charset.StandardCharsets;

/** Liveness, metrics and the Stripe webhook: the routes that take no API key. */
final class OperationsRoutes implements ApiRoutes {

    private final ApiServices services;

    OperationsRoutes(ApiServices services) {
        this.services = services;
    }

    @Override
    public void register(ApiRouter router) {
        router.get("/health", Access.PUBLIC, (ctx, caller) -> {
            if (!services.databaseReachable().getAsBoolean()) {
                throw ApiProblem.of(503, "the database is not reachable");
            }
            Respond.json(ctx, 200, new HealthView("ok", "reachable"));
        });
        router.get("/metrics", Access.PUBLIC, (ctx, caller) -> {
            ctx.contentType(services.metrics().contentType());
            ctx.result(services.metrics().scrape());
        });
        router.post("/v1/stripe/webhook", Access.STRIPE_SIGNATURE, (ctx, caller) -> {
            var endpoint = services.stripeWebhook().orElseThrow(() -> ApiProblem.notFound(
                    "Stripe webhooks are not configured: promo runs with the dev payment gateway or without "
                            + "PROMO_STRIPE_WEBHOOK_SECRET"));
            WebhookResponse response = endpoint.handle(ctx.bodyAsBytes(), ctx.header("Stripe-Signature"));
            services.metrics().stripeWebhookEvents.labelValues(response.eventType().orElse("unread"), response.result()).inc();
            if (response.status() >= 400) {
                throw ApiProblem.of(response.status(), response.message());
            }
            ctx.status(response.status());
            ctx.contentType("text/plain; charset=utf-8");
            ctx.result(response.message().getBytes(StandardCharsets.UTF_8));
        });
    }
}
