package io.promo.app.http;

import io.promo.app.http.JsonViews.HealthView;
import io.promo.billing.WebhookResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Liveness, metrics and the Stripe webhook: the routes that take no API key. */
final class OperationsRoutes implements ApiRoutes {

    private final ApiServices services;

    OperationsRoutes(ApiServices services) {
        this.services = services;
    }

    @Override
    public void register(ApiRouter router) {
        // Neither reads the database on the request: /health reports the last background check, so it answers at
        // once whatever the database does, and both stay outside the database bulkhead.
        router.inMemory().get("/health", Access.PUBLIC, (ctx, caller) -> {
            HealthView health = HealthView.of(services.health().get(), services.databaseWork());
            if (health.status().equals("unavailable")) {
                throw new ApiProblem(Problem.unhealthy("promo cannot take clicks, top-ups or payments now: the database "
                        + "is down (" + health.checks().database().problem() + ")", health),
                        Map.of("Retry-After", DatabaseWork.RETRY_AFTER_UNAVAILABLE));
            }
            Respond.json(ctx, 200, health);
        });
        router.inMemory().get("/metrics", Access.PUBLIC, (ctx, caller) -> {
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
