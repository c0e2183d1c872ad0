package io.promo.app;

import io.promo.app.config.PromoConfig;
import io.promo.app.http.AdvertiserRoutes;
import io.promo.app.http.ApiRoutes;
import io.promo.app.http.Authenticator;
import io.promo.app.http.CampaignRoutes;
import io.promo.app.http.ConversionRoutes;
import io.promo.app.http.DatabaseWork;
import io.promo.app.http.EntityRoutes;
import io.promo.app.http.FundingRoutes;
import io.promo.app.http.HttpServer;
import io.promo.app.http.OperationsRoutes;
import io.promo.app.http.PolicyRoutes;
import io.promo.app.http.ReportCsvRoutes;
import io.promo.app.http.ServingRoutes;
import io.promo.app.http.TrafficRoutes;
import io.promo.app.metrics.PromoMetrics;
import io.promo.billing.Billing;
import io.promo.domain.serving.index.ServingIndexRefresher;
import io.promo.domain.serving.index.ServingSettings;
import io.promo.domain.serving.pacing.TrafficRecorder;
import io.promo.embedded.internal.Resources;
import io.promo.embedded.internal.UseCases;
import io.promo.embedded.internal.Wiring;
import io.promo.persistence.DatabaseFailures;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import javax.sql.DataSource;

/**
 * promo as {@code ./promo serve} runs it: promo-embedded's {@link Wiring} (the database, embedded or configured,
 * migrated; the adapters, the use cases, the serving index kept fresh in the background, the impressions' writer),
 * and over it the HTTP API with its metrics and health monitor (ADR 0026). {@link #close()} shuts it down in reverse
 * order ({@link Resources}): HTTP first, the database last.
 */
public final class PromoApplication implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(PromoApplication.class.getName());

    private final Wiring wiring;
    private final HttpServer http;

    private PromoApplication(Wiring wiring, HttpServer http) {
        this.wiring = wiring;
        this.http = http;
    }

    /** Starts everything; on a failure, what was already started is closed again before the exception leaves. */
    public static PromoApplication start(PromoConfig config) {
        return start(config, Clock.systemUTC(), recorder -> { });
    }

    /**
     * As {@link #start(PromoConfig)}, on a caller's clock and told the searches of past days that even pacing learns
     * its daily curve from (a start knows none: the counts live in memory). For an embedding that moves time itself,
     * such as {@code ./promo demo} (ADR 0025): what it needs goes in here, nothing reaches into a running application.
     */
    public static PromoApplication start(PromoConfig config, Clock clock, Consumer<TrafficRecorder> pastSearches) {
        Wiring wiring = Wiring.start(new Wiring.Options(config.promo(), clock, Optional.empty(), Optional.empty(), true,
                pastSearches));
        try {
            return new PromoApplication(wiring, serveHttp(config, wiring));
        } catch (RuntimeException e) {
            wiring.close();
            throw e;
        }
    }

    /** The HTTP shell over the wiring: health monitor, metrics, every route with the use cases it calls, the server. */
    private static HttpServer serveHttp(PromoConfig config, Wiring wiring) {
        Resources resources = wiring.resources();
        UseCases useCases = wiring.useCases();
        // Without an embedder's gateway the wiring always builds the configured billing adapter.
        Billing billing = wiring.billing().orElseThrow();
        PromoMetrics metrics = new PromoMetrics();
        metrics.watch(wiring.impressions());
        metrics.watch(wiring.memoryTokenReadings());
        HealthMonitor health = resources.register("health monitor", new HealthMonitor(wiring.pool().orElseThrow(),
                wiring.servingIndex(), indexStaleAfter(wiring.serving()), wiring.impressions(), wiring.clock()));
        DatabaseWork databaseWork = new DatabaseWork(config.databaseConcurrentRequests(),
                DatabaseFailures::unavailability, metrics);

        // Every resource's routes, each given the use cases it calls; a new resource is one more entry here.
        List<ApiRoutes> routes = List.of(
                new AdvertiserRoutes(useCases.createAdvertiser(), wiring.issueApiKey(), useCases.advertiserQueries(),
                        useCases.changeAdvertiserStatus()),
                new PolicyRoutes(useCases.upsertPolicy(), useCases.policyCatalog()),
                new CampaignRoutes(useCases.createCampaign(), useCases.campaignQueries(), useCases.updateCampaign(),
                        useCases.changeCampaignStatus()),
                new EntityRoutes(useCases.registerEntityOwner()),
                new FundingRoutes(wiring.topUp(), useCases.recordFunding(), useCases.budgetQueries(), wiring.ledgerStatement()),
                new ServingRoutes(wiring.serveSponsoredResults(), wiring.whyNotShown(), metrics),
                new TrafficRoutes(wiring.recordClick(), wiring.trafficReports(), wiring.creditInvalidClicks(), metrics),
                new ConversionRoutes(wiring.recordConversion()),
                new ReportCsvRoutes(wiring.trafficReports(), useCases.campaignQueries(),
                        wiring.recordConversion().settings().types()),
                new OperationsRoutes(health::current, databaseWork, metrics,
                        billing.webhookEndpoint(wiring.paymentEvents())));
        Authenticator authenticator = new Authenticator(config.adminKey(), config.serviceKey(),
                wiring.authenticateAdvertiser());
        HttpServer http = HttpServer.start(config.httpHost(), config.httpPort(), config.maxBodyBytes(), routes,
                authenticator, databaseWork, metrics);
        // Requests in flight get at most 30% of the shutdown's time; with the database down they end sooner, by its
        // connection timeout. The other 40% are for the rest (the pool waits up to its login timeout for a
        // connection attempt under way).
        resources.register("HTTP server", 0.3, http::close);
        checkWebhookSubscriptions(billing, metrics);
        LOG.log(System.Logger.Level.INFO, "promo {0} serving on {1}:{2,number,#} ({3}, {4} payments)", config.mode().code(),
                config.httpHost(), http.port(), config.database(), billing.isDevelopment() ? "dev" : "Stripe");
        return http;
    }

    /**
     * Asks Stripe, off the start-up path, whether every event type promo acts on reaches it (docs/billing.md): a
     * webhook endpoint set up without one is otherwise silent. Logged, and kept in a metric for alerting.
     */
    private static void checkWebhookSubscriptions(Billing billing, PromoMetrics metrics) {
        Thread check = new Thread(() -> billing.checkWebhookSubscriptions().ifPresent(found -> {
            metrics.stripeWebhookTypesUnsubscribed(found.known() ? found.missing().size() : -1);
            if (!found.known()) {
                LOG.log(System.Logger.Level.WARNING, "cannot check Stripe''s webhook subscriptions: {0}", found.detail());
            } else if (!found.missing().isEmpty()) {
                LOG.log(System.Logger.Level.WARNING, "Stripe sends promo no {0}: subscribe the webhook endpoint to them"
                        + " (docs/billing.md); {1}", String.join(", ", found.missing()), found.detail());
            } else {
                LOG.log(System.Logger.Level.INFO, "Stripe webhooks: {0}", found.detail());
            }
        }), "stripe-webhook-subscription-check");
        check.setDaemon(true);
        check.start();
    }

    /** Older than this, the index is not following changes: its refresh keeps failing. */
    private static Duration indexStaleAfter(ServingSettings serving) {
        Duration fiveRefreshes = serving.refreshInterval().multipliedBy(5);
        return fiveRefreshes.compareTo(Duration.ofSeconds(5)) > 0 ? fiveRefreshes : Duration.ofSeconds(5);
    }

    public int port() {
        return http.port();
    }

    public HttpServer http() {
        return http;
    }

    public UseCases useCases() {
        return wiring.useCases();
    }

    public ServingIndexRefresher servingIndex() {
        return wiring.servingIndex();
    }

    /** Waits until every impression offered so far is written (for a caller that reads reports right after its traffic). */
    public void flushImpressions() {
        wiring.flushImpressions(Duration.ofSeconds(30));
    }

    /** Writes the impression-share counts kept so far (for a caller that reads reports right after its traffic). */
    public void flushImpressionShare() {
        wiring.flushImpressionShare();
    }

    public DataSource dataSource() {
        return wiring.dataSource();
    }

    /** Graceful shutdown within the configured timeout: HTTP first, the database last ({@link Resources}). */
    @Override
    public void close() {
        wiring.close();
    }

    /** The configured limit of {@link #close()}. */
    public Duration shutdownTimeout() {
        return wiring.settings().shutdownTimeout();
    }
}
