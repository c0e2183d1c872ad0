package io.promo.app.http;

import io.promo.app.UseCases;
import io.promo.app.metrics.PromoMetrics;
import io.promo.billing.StripeWebhookEndpoint;
import io.promo.domain.access.IssueApiKey;
import io.promo.domain.funding.TopUpCampaign;
import io.promo.domain.report.TrafficReports;
import io.promo.domain.serving.diagnostics.WhyNotShown;
import io.promo.domain.traffic.CreditInvalidClicks;
import io.promo.domain.traffic.RecordClick;
import io.promo.domain.traffic.ServeSponsoredResults;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What the routes call: the use cases and the few services around them, built by the wiring.
 *
 * @param health            answers {@code GET /health} without waiting (the database is checked in the background)
 * @param databaseWork      the bulkhead of the routes that need the database, and which failures are outages
 * @param stripeWebhook     empty with the dev gateway or without a signing secret: the webhook answers 404
 */
public record ApiServices(
        UseCases useCases,
        IssueApiKey issueApiKey,
        TopUpCampaign topUpCampaign,
        WhyNotShown whyNotShown,
        ServeSponsoredResults decisions,
        RecordClick recordClick,
        TrafficReports reports,
        CreditInvalidClicks creditInvalidClicks,
        Optional<StripeWebhookEndpoint> stripeWebhook,
        Supplier<Health> health,
        DatabaseWork databaseWork,
        PromoMetrics metrics) {

    public ApiServices {
        Objects.requireNonNull(useCases, "useCases");
        Objects.requireNonNull(issueApiKey, "issueApiKey");
        Objects.requireNonNull(topUpCampaign, "topUpCampaign");
        Objects.requireNonNull(whyNotShown, "whyNotShown");
        Objects.requireNonNull(decisions, "decisions");
        Objects.requireNonNull(recordClick, "recordClick");
        Objects.requireNonNull(reports, "reports");
        Objects.requireNonNull(creditInvalidClicks, "creditInvalidClicks");
        Objects.requireNonNull(stripeWebhook, "stripeWebhook");
        Objects.requireNonNull(health, "health");
        Objects.requireNonNull(databaseWork, "databaseWork");
        Objects.requireNonNull(metrics, "metrics");
    }
}
