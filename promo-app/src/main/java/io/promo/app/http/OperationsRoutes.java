package io.promo.app.http;

import io.promo.app.http.JsonViews.HealthView;
import io.promo.app.metrics.PromoMetrics;
import io.promo.billing.StripeWebhookEndpoint;
import io.promo.billing.WebhookResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/** Liveness, metrics and the Stripe webhook: the routes that take no API key. */
public final class OperationsRoutes implements ApiRoutes {

    private final Supplier<Health> health;
    private final DatabaseWork databaseWork;
    private final PromoMetrics metrics;
    private final Optional<StripeWebhookEndpoint> stripeWebhook;

    /**
     * @param health        answers {@code GET /health} without waiting (the database is checked in the background)
     * @param databaseWork  the bulkhead, whose load {@code /health} reports
     * @param stripeWebhook empty with the dev gateway or without a signing secret: the webhook answers 404
     */
    public OperationsRoutes(Supplier<Health> health, DatabaseWork databaseWork, PromoMetrics metrics,
            Optional<StripeWebhookEndpoint> stripeWebhook) {
        this.health = Objects.requireNonNull(health, "health");
        this.databaseWork = Objects.requireNonNull(databaseWork, "databaseWork");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.stripeWebhook = Objects.requireNonNull(stripeWebhook, "stripeWebhook");
    }

    @Override
    public void register(ApiRouter router) {
        // Neither reads the database on the request: /health reports the last background check, so it answers at
        // once whatever the database does, and both stay outside the database bulkhead.
        router.inMemory().get("/health", Access.PUBLIC, (ctx, caller) -> {
            HealthView health = HealthView.of(this.health.get(), databaseWork);
            if (health.status().equals("unavailable")) {
                throw new ApiProblem(Problem.unhealthy("promo cannot take clicks, top-ups or payments now: the database "
                        + "is down (" + health.checks().database().problem() + ")", health),
                        Map.of("Retry-After", DatabaseWork.RETRY_AFTER_UNAVAILABLE));
            }
            Respond.json(ctx, 200, health);
        });
        router.inMemory().get("/metrics", Access.PUBLIC, (ctx, caller) -> {
            ctx.contentType(metrics.contentType());
            ctx.result(metrics.scrape());
        });
        router.post("/v1/stripe/webhook", Access.STRIPE_SIGNATURE, (ctx, caller) -> {
            var endpoint = stripeWebhook.orElseThrow(() -> ApiProblem.notFound(
                    "Stripe webhooks are not configured: promo runs with the dev payment gateway or without "
                            + "PROMO_STRIPE_WEBHOOK_SECRET"));
            WebhookResponse response = endpoint.handle(ctx.bodyAsBytes(), ctx.header("Stripe-Signature"));
            metrics.stripeWebhookDelivered(response.eventType().orElse("unread"), response.result());
            if (response.status() >= 400) {
                throw ApiProblem.of(response.status(), response.message());
            }
            ctx.status(response.status());
            ctx.contentType("text/plain; charset=utf-8");
            ctx.result(response.message().getBytes(StandardCharsets.UTF_8));
        });
    }
}
