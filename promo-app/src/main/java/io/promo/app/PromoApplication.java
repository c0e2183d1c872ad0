package io.promo.app;

import io.promo.app.config.PromoConfig;
import io.promo.app.config.Secret;
import io.promo.app.http.AdvertiserRoutes;
import io.promo.app.http.ApiRoutes;
import io.promo.app.http.Authenticator;
import io.promo.app.http.CampaignRoutes;
import io.promo.app.http.DatabaseWork;
import io.promo.app.http.EntityRoutes;
import io.promo.app.http.FundingRoutes;
import io.promo.app.http.HttpServer;
import io.promo.app.http.OperationsRoutes;
import io.promo.app.http.PolicyRoutes;
import io.promo.app.http.ServingRoutes;
import io.promo.app.http.TrafficRoutes;
import io.promo.app.metrics.PromoMetrics;
import io.promo.billing.Billing;
import io.promo.billing.BillingConfig;
import io.promo.billing.StripeSettings;
import io.promo.domain.access.AuthenticateAdvertiser;
import io.promo.domain.access.IssueApiKey;
import io.promo.domain.campaign.EntityOwnership;
import io.promo.domain.funding.HandlePaymentEvent;
import io.promo.domain.funding.TopUpCampaign;
import io.promo.domain.funding.TopUpLimits;
import io.promo.domain.ledger.BudgetCalendar;
import io.promo.domain.report.TrafficReports;
import io.promo.domain.serving.DecideAdPage;
import io.promo.domain.serving.pacing.HourlyTrafficCounter;
import io.promo.domain.serving.index.ServingIndexRefresher;
import io.promo.domain.serving.index.ServingSettings;
import io.promo.domain.serving.pacing.TrafficRecorder;
import io.promo.domain.serving.diagnostics.WhyNotShown;
import io.promo.domain.shared.ServingSnapshot;
import io.promo.domain.shared.SortableRandomIdGenerator;
import io.promo.domain.traffic.BotUserAgents;
import io.promo.domain.traffic.ClickRules;
import io.promo.domain.traffic.ClickTokenSigner;
import io.promo.domain.traffic.ClientHasher;
import io.promo.domain.traffic.CreditInvalidClicks;
import io.promo.domain.traffic.ImpressionBuffer;
import io.promo.domain.traffic.QuerySignature;
import io.promo.domain.traffic.RecordClick;
import io.promo.domain.traffic.ServeSponsoredResults;
import io.promo.domain.traffic.SigningKey;
import io.promo.domain.traffic.TrafficCtrStatistics;
import io.promo.persistence.ConnectionLimits;
import io.promo.persistence.ConnectionPool;
import io.promo.persistence.DatabaseFailures;
import io.promo.persistence.DatabaseMigrator;
import io.promo.persistence.EmbeddedPostgresServer;
import io.promo.persistence.ImpressionWriter;
import io.promo.persistence.PostgresRepositories;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javax.sql.DataSource;

/**
 * promo as {@code ./promo serve} runs it: the database (embedded or configured), migrated; the adapters,
 * the use cases, the serving index kept fresh in the background, and the HTTP API. {@link #close()} shuts it
 * down in reverse order ({@link Resources}).
 */
public final class PromoApplication implements AutoCloseable {

    /** How often the background thread checks the serving index; it rebuilds only when older than its interval. */
    private static final long INDEX_CHECK_MILLIS = 250;

    private static final System.Logger LOG = System.getLogger(PromoApplication.class.getName());

    private final Resources resources;
    private final HttpServer http;
    private final UseCases useCases;
    private final ServingIndexRefresher servingIndex;
    private final ImpressionBuffer impressions;
    private final DataSource dataSource;
    private final Duration shutdownTimeout;

    private PromoApplication(Resources resources, HttpServer http, UseCases useCases, ServingIndexRefresher servingIndex,
            ImpressionBuffer impressions, DataSource dataSource, Duration shutdownTimeout) {
        this.resources = resources;
        this.shutdownTimeout = shutdownTimeout;
        this.http = http;
        this.useCases = useCases;
        this.servingIndex = servingIndex;
        this.impressions = impressions;
        this.dataSource = dataSource;
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
        Resources resources = new Resources();
        try {
            return start(config, clock, pastSearches, resources);
        } catch (RuntimeException e) {
            resources.close();
            throw e;
        }
    }

    private static PromoApplication start(PromoConfig config, Clock clock, Consumer<TrafficRecorder> pastSearches,
            Resources resources) {
        BudgetCalendar calendar = new BudgetCalendar(config.budgetZone());
        ConnectionPool pool = resources.register("database connections", openDatabase(config, resources));
        PostgresRepositories repositories = new PostgresRepositories(pool.dataSource(), config.budgetZone());
        ServingSettings serving = ServingSettings.defaults(DeploymentDefaults.POLICY_LIMITS, calendar);
        HourlyTrafficCounter traffic = new HourlyTrafficCounter(calendar, serving.pacing().historyDays() + 1);
        pastSearches.accept(traffic);
        ServingIndexRefresher servingIndex = new ServingIndexRefresher(repositories.campaigns(),
                repositories.advertisers(), repositories.policies(), repositories.ledger(),
                new TrafficCtrStatistics(repositories.ctrFeed(), calendar, clock, TrafficCtrStatistics.DEFAULT_DAYS),
                traffic, serving, clock);
        UseCases useCases = new UseCases(repositories, DeploymentDefaults.POLICY_LIMITS, config.campaignQuota(), calendar,
                config.production() ? EntityOwnership.Unregistered.REFUSED
                        : EntityOwnership.Unregistered.CLAIMED_BY_FIRST_PROMOTER, catchingUp(servingIndex), clock);

        Billing billing = Billing.forConfig(billingConfig(config), clock);
        TopUpCampaign topUp = new TopUpCampaign(repositories.campaigns(), repositories.advertisers(),
                billing.paymentGateway(), useCases.recordFunding(), repositories.topUpRequests(), TopUpLimits.defaults(),
                config.currency(), clock);
        HandlePaymentEvent paymentEvents = new HandlePaymentEvent(repositories.processedPaymentEvents(),
                repositories.ledger(), useCases.recordFunding(), billing.paymentGateway(), repositories.topUpRequests(),
                config.currency(), clock);

        // Built before HTTP serves, so that no decision ever builds an index (ADR 0013); from here on the background
        // thread rebuilds it, and a pause, end or suspension on its own database route (ADR 0020); decisions answer from the
        // last snapshot.
        servingIndex.refresh();
        resources.register("serving index refresher", keepFresh(servingIndex));
        SortableRandomIdGenerator ids = new SortableRandomIdGenerator(clock);
        DecideAdPage decideAdPage = new DecideAdPage(servingIndex, serving, ids, clock, traffic,
                new QuerySignature(config.hashSecret().bytes())::of);
        ClickTokenSigner clickTokens = new ClickTokenSigner(
                List.of(SigningKey.active("k1", config.clickTokenSecret().bytes())), ClickTokenSigner.DEFAULT_LIFETIME, clock);
        ClientHasher clientHasher = new ClientHasher(config.hashSecret().bytes());
        PromoMetrics metrics = new PromoMetrics();
        // Registered after the database and before HTTP, so that it is closed (its last impressions written)
        // after HTTP has stopped taking decisions and before the database goes; given at most 30% of the shutdown's
        // time: what it cannot write by then (the database is down) is dropped and counted.
        ImpressionBuffer impressions = new ImpressionBuffer(ImpressionBuffer.Settings.DEFAULTS);
        ImpressionWriter impressionWriter = new ImpressionWriter(impressions, repositories.impressionLog());
        resources.register("impression buffer", 0.3, within -> {
            long gaveUp = impressionWriter.close(within);
            if (gaveUp > 0) {
                LOG.log(System.Logger.Level.WARNING, "{0,number,#} buffered impressions were not written within {1} ms "
                        + "and are dropped (promo_impressions_lost_total)", gaveUp, within.toMillis());
            }
        });
        metrics.watch(impressions);
        HealthMonitor health = resources.register("health monitor", new HealthMonitor(pool, servingIndex,
                indexStaleAfter(serving), impressions, clock));
        DatabaseWork databaseWork = new DatabaseWork(config.database().concurrentRequests(),
                DatabaseFailures::unavailability, metrics);

        // Every resource's routes, each given the use cases it calls; a new resource is one more entry here.
        List<ApiRoutes> routes = List.of(
                new AdvertiserRoutes(useCases.createAdvertiser(),
                        new IssueApiKey(repositories.advertisers(), repositories.apiKeys(), new SecureRandom(), clock),
                        useCases.advertiserQueries(), useCases.changeAdvertiserStatus()),
                new PolicyRoutes(useCases.upsertPolicy(), useCases.policyCatalog()),
                new CampaignRoutes(useCases.createCampaign(), useCases.campaignQueries(), useCases.updateCampaign(),
                        useCases.changeCampaignStatus()),
                new EntityRoutes(useCases.registerEntityOwner()),
                new FundingRoutes(topUp, useCases.recordFunding(), useCases.budgetQueries()),
                new ServingRoutes(new ServeSponsoredResults(decideAdPage, clickTokens, clientHasher, impressions),
                        new WhyNotShown(servingIndex, repositories.ledger()::state, serving, clock), metrics),
                new TrafficRoutes(new RecordClick(clickTokens, clientHasher, BotUserAgents.standard(), ClickRules.DEFAULTS,
                        repositories.clickLog(), calendar, ids, clock),
                        new TrafficReports(repositories.campaigns(), repositories.advertisers(), repositories.trafficReportSource(),
                                useCases.budgetQueries()),
                        new CreditInvalidClicks(repositories.campaigns(), repositories.clickLog(), repositories.ledger(),
                                ids, clock), metrics),
                new OperationsRoutes(health::current, databaseWork, metrics, billing.webhookEndpoint(paymentEvents)));
        Authenticator authenticator = new Authenticator(config.adminKey(), config.serviceKey(),
                new AuthenticateAdvertiser(repositories.apiKeys()));
        HttpServer http = HttpServer.start(config.httpHost(), config.httpPort(), config.maxBodyBytes(), routes,
                authenticator, databaseWork, metrics);
        // Requests in flight get at most 30% of the shutdown's time; with the database down they end sooner, by its
        // connection timeout. The other 40% are for the rest (the pool waits up to its login timeout for a
        // connection attempt under way).
        resources.register("HTTP server", 0.3, http::close);
        checkWebhookSubscriptions(billing, metrics);
        LOG.log(System.Logger.Level.INFO, "promo {0} serving on {1}:{2,number,#} ({3}, {4} payments)", config.mode().code(),
                config.httpHost(), http.port(), config.database(), billing.isDevelopment() ? "dev" : "Stripe");
        return new PromoApplication(resources, http, useCases, servingIndex, impressions, pool.dataSource(),
                config.shutdownTimeout());
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

    /**
     * Migrates the database, on connections of its own ({@link ConnectionLimits#MIGRATIONS}: no statement limit), then
     * opens promo's pool, whose connections carry the configured connection, statement and lock timeouts.
     */
    private static ConnectionPool openDatabase(PromoConfig config, Resources resources) {
        var database = config.database();
        ConnectionLimits limits = new ConnectionLimits(database.connectionTimeout(), database.statementTimeout(),
                database.lockTimeout());
        String url;
        if (database.embedded()) {
            // Durable settings: the embedded data directory is meant to survive restarts and crashes.
            EmbeddedPostgresServer server = resources.register("embedded PostgreSQL", EmbeddedPostgresServer.startPersistent(
                    database.embeddedDataDirectory(), Map.of("fsync", "on", "synchronous_commit", "on")));
            url = server.jdbcUrl();
        } else {
            url = database.url().get();
        }
        String user = database.user().orElse(null);
        String password = database.password().map(Secret::value).orElse(null);
        try (ConnectionPool migrations = ConnectionPool.open(url, user, password, 2, ConnectionLimits.MIGRATIONS)) {
            DatabaseMigrator.migrate(migrations.dataSource());
        }
        return ConnectionPool.open(url, user, password, database.poolSize(), limits);
    }

    /**
     * What the status-change use cases ask before they answer a pause, end or suspension: the serving index rebuilt on the changing request's
     * own thread (a database route in the bulkhead, never a decision), so that this node's next decision sees the
     * change (ADR 0020). A rebuild that fails leaves the change standing; the background thread brings it later.
     */
    private static ServingSnapshot catchingUp(ServingIndexRefresher index) {
        return () -> {
            try {
                index.refreshAfterChange();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "the serving index could not catch up with a status change at once;"
                        + " the background refresh brings it once the database answers", e);
            }
        };
    }

    /** Older than this, the index is not following changes: its refresh keeps failing. */
    private static Duration indexStaleAfter(ServingSettings serving) {
        Duration fiveRefreshes = serving.refreshInterval().multipliedBy(5);
        return fiveRefreshes.compareTo(Duration.ofSeconds(5)) > 0 ? fiveRefreshes : Duration.ofSeconds(5);
    }

    private static BillingConfig billingConfig(PromoConfig config) {
        return new BillingConfig(config.production(), config.stripeSecretKey().map(key -> {
            StripeSettings settings = StripeSettings.forKey(key.value());
            return config.stripeApiBase().map(settings::withApiBase).orElse(settings);
        }), config.stripeWebhookSecrets().stream().map(Secret::value).toList());
    }

    /** Rebuilds the serving index off the request path, so that no search waits for a rebuild. */
    private static AutoCloseable keepFresh(ServingIndexRefresher index) {
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "serving-index-refresher");
            thread.setDaemon(true);
            return thread;
        });
        RefreshFailures failures = new RefreshFailures();
        scheduler.scheduleWithFixedDelay(() -> {
            try {
                index.refreshIfStale();
                failures.recovered();
            } catch (RuntimeException e) {
                failures.failed(e);
            }
        }, 0, INDEX_CHECK_MILLIS, TimeUnit.MILLISECONDS);
        return () -> {
            scheduler.shutdown();
            scheduler.awaitTermination(5, TimeUnit.SECONDS);
        };
    }

    /**
     * The log of a failing refresh. While the database is down a refresh fails four times a second: the first
     * failure is logged with its cause, then one line a minute, and the recovery once. Used by one thread only.
     */
    private static final class RefreshFailures {
        private long failures;
        private long failingSince;
        private long lastLogged;

        void failed(RuntimeException e) {
            long now = System.nanoTime();
            if (failures++ == 0) {
                failingSince = now;
                lastLogged = now;
                LOG.log(System.Logger.Level.WARNING, "serving index refresh failed; serving the previous one", e);
            } else if (now - lastLogged >= TimeUnit.MINUTES.toNanos(1)) {
                lastLogged = now;
                LOG.log(System.Logger.Level.WARNING, "serving index refresh still failing after {0} attempts in {1} s"
                        + " ({2}); serving the previous one", failures, TimeUnit.NANOSECONDS.toSeconds(now - failingSince),
                        e.toString());
            }
        }

        void recovered() {
            if (failures > 0) {
                LOG.log(System.Logger.Level.INFO, "serving index refreshed again after {0} failed attempts", failures);
                failures = 0;
            }
        }
    }

    public int port() {
        return http.port();
    }

    public HttpServer http() {
        return http;
    }

    public UseCases useCases() {
        return useCases;
    }

    public ServingIndexRefresher servingIndex() {
        return servingIndex;
    }

    /** Waits until every impression offered so far is written (for a caller that reads reports right after its traffic). */
    public void flushImpressions() {
        try {
            if (!impressions.awaitFlushed(Duration.ofSeconds(30))) {
                throw new IllegalStateException("impressions not written within 30 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for impressions to be written", e);
        }
    }

    public DataSource dataSource() {
        return dataSource;
    }

    /** Graceful shutdown within the configured timeout: HTTP first, the database last ({@link Resources}). */
    @Override
    public void close() {
        resources.close(shutdownTimeout);
    }

    /** The configured limit of {@link #close()}. */
    public Duration shutdownTimeout() {
        return shutdownTimeout;
    }
}
