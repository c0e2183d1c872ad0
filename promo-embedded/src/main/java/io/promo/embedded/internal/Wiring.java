package io.promo.embedded.internal;

import io.promo.billing.Billing;
import io.promo.billing.BillingConfig;
import io.promo.billing.StripeSettings;
import io.promo.domain.access.AuthenticateAdvertiser;
import io.promo.domain.access.IssueApiKey;
import io.promo.domain.campaign.EntityOwnership;
import io.promo.domain.conversion.RecordConversion;
import io.promo.domain.funding.HandlePaymentEvent;
import io.promo.domain.funding.PaymentGateway;
import io.promo.domain.funding.TopUpCampaign;
import io.promo.domain.funding.TopUpLimits;
import io.promo.domain.ledger.BudgetCalendar;
import io.promo.domain.ledger.BudgetQueries;
import io.promo.domain.report.LedgerStatement;
import io.promo.domain.report.TrafficReports;
import io.promo.domain.serving.DecideAdPage;
import io.promo.domain.serving.diagnostics.WhyNotShown;
import io.promo.domain.serving.index.ServingIndexRefresher;
import io.promo.domain.serving.index.ServingSettings;
import io.promo.domain.serving.memory.FrequencyCapping;
import io.promo.domain.serving.memory.MemoryReadings;
import io.promo.domain.serving.memory.MemoryTokenCodec;
import io.promo.domain.serving.pacing.HourlyTrafficCounter;
import io.promo.domain.serving.pacing.TrafficRecorder;
import io.promo.domain.serving.share.ImpressionShareCounter;
import io.promo.domain.shared.ServingSnapshot;
import io.promo.domain.shared.SortableRandomIdGenerator;
import io.promo.domain.traffic.BotUserAgents;
import io.promo.domain.traffic.ClickRules;
import io.promo.domain.traffic.ClickTokenSigner;
import io.promo.domain.traffic.ClientHasher;
import io.promo.domain.traffic.MemoryTokenSeal;
import io.promo.domain.traffic.CreditInvalidClicks;
import io.promo.domain.traffic.ImpressionBuffer;
import io.promo.domain.traffic.QuerySignature;
import io.promo.domain.traffic.RecordClick;
import io.promo.domain.traffic.ServeSponsoredResults;
import io.promo.domain.traffic.SigningKey;
import io.promo.domain.traffic.TrafficCtrStatistics;
import io.promo.persistence.ConnectionLimits;
import io.promo.persistence.ConnectionPool;
import io.promo.persistence.DatabaseMigrator;
import io.promo.persistence.EmbeddedPostgresServer;
import io.promo.persistence.ImpressionWriter;
import io.promo.persistence.PostgresRepositories;
import io.promo.persistence.ReplicaReads;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javax.sql.DataSource;

/**
 * The one wiring of promo: the database (the embedder's {@code DataSource}, a pool over a JDBC URL, or in dev mode an
 * embedded PostgreSQL), migrated or verified; the adapters, the use cases, billing, the serving index kept fresh by a
 * thread of its own, the click-token signer and the impression buffer with its writer thread. Everything opened is
 * registered with {@link Resources}, which closes it in reverse order within the shutdown timeout. The public
 * {@code io.promo.embedded.Promo} runs on it, and so does promo-app's HTTP shell, which registers its HTTP server and
 * health monitor on the same {@link #resources()} so that they close first (ADR 0026).
 */
public final class Wiring implements AutoCloseable {

    /** How often the background thread checks the serving index; it rebuilds only when older than its interval. */
    private static final long INDEX_CHECK_MILLIS = 250;

    private static final System.Logger LOG = System.getLogger(Wiring.class.getName());

    /**
     * What an embedding starts promo with.
     *
     * @param dataSource     the embedder's own database connections (promo does not close them); empty: a pool
     *                       promo opens over {@code PROMO_DB_URL}, or in dev mode an embedded PostgreSQL
     * @param paymentGateway the embedder's own gateway; empty: Stripe when a key is set, else the dev gateway
     * @param migrate        migrate the schema (true) or only verify that it is promo's newest (false)
     * @param pastSearches   told the searches of past days, which even pacing learns its daily curve from
     */
    public record Options(PromoSettings settings, Clock clock, Optional<DataSource> dataSource,
            Optional<PaymentGateway> paymentGateway, boolean migrate, Consumer<TrafficRecorder> pastSearches) {
        public Options {
            Objects.requireNonNull(settings, "settings");
            Objects.requireNonNull(clock, "clock");
            Objects.requireNonNull(dataSource, "dataSource");
            Objects.requireNonNull(paymentGateway, "paymentGateway");
            Objects.requireNonNull(pastSearches, "pastSearches");
        }
    }

    private final Resources resources;
    private final PromoSettings settings;
    private final Clock clock;
    private final Optional<ConnectionPool> pool;
    private final DataSource dataSource;
    private final String databaseDescription;
    private final PostgresRepositories repositories;
    /** The adapters of the reads that may lag (reports, diagnostics): a replica's, else the writer's. */
    private final PostgresRepositories reads;
    /** The serving index's reads: the replica's, but the writer's for a while after a status change. */
    private final Optional<ReplicaReads> indexReplica;
    private final UseCases useCases;
    private final ServingSettings serving;
    private final MemoryTokenCodec memoryTokens;
    private final ServingIndexRefresher servingIndex;
    private final Optional<Billing> billing;
    private final PaymentGateway paymentGateway;
    private final TopUpCampaign topUp;
    private final HandlePaymentEvent paymentEvents;
    private final ImpressionBuffer impressions;
    private final ImpressionShareFlusher impressionShare;
    private final ServeSponsoredResults serveSponsoredResults;
    private final WhyNotShown whyNotShown;
    private final RecordClick recordClick;
    private final TrafficReports trafficReports;
    private final LedgerStatement ledgerStatement;
    private final RecordConversion recordConversion;
    private final CreditInvalidClicks creditInvalidClicks;
    private final IssueApiKey issueApiKey;
    private final AuthenticateAdvertiser authenticateAdvertiser;

    /** Starts everything; on a failure, what was already started is closed again before the exception leaves. */
    public static Wiring start(Options options) {
        Resources resources = new Resources();
        try {
            return new Wiring(options, resources);
        } catch (RuntimeException e) {
            resources.close();
            throw e;
        }
    }

    private Wiring(Options options, Resources resources) {
        this.resources = resources;
        this.settings = options.settings();
        this.clock = options.clock();
        PromoSettings config = settings;
        BudgetCalendar calendar = new BudgetCalendar(config.budgetZone());
        if (options.dataSource().isPresent()) {
            this.pool = Optional.empty();
            this.dataSource = options.dataSource().get();
            this.databaseDescription = "the embedder's DataSource";
            prepareSchema(dataSource, options.migrate());
        } else {
            ConnectionPool opened = resources.register("database connections", openDatabase(config, options.migrate()));
            this.pool = Optional.of(opened);
            this.dataSource = opened.dataSource();
            this.databaseDescription = config.database().toString();
        }
        this.repositories = new PostgresRepositories(dataSource, config.budgetZone());
        Optional<DataSource> replica = config.database().reader().map(reader -> openReader(config, reader));
        this.indexReplica = replica.map(pool -> new ReplicaReads(pool, dataSource, System::nanoTime));
        this.reads = replica.map(pool -> new PostgresRepositories(new ReplicaReads(pool, dataSource, System::nanoTime),
                config.budgetZone())).orElse(repositories);
        PostgresRepositories indexReads = indexReplica.map(pool -> new PostgresRepositories(pool, config.budgetZone()))
                .orElse(repositories);
        List<SigningKey> tokenKeys = List.of(SigningKey.active("k1", config.clickTokenSecret().bytes()));
        this.memoryTokens = new MemoryTokenCodec(new MemoryTokenSeal(tokenKeys, config.hashSecret().bytes(), clock),
                new MemoryReadings());
        this.serving = ServingSettings.defaults(DeploymentDefaults.POLICY_LIMITS, calendar)
                .withMaxSlotsPerAdvertiser(config.maxSlotsPerAdvertiser())
                .withPricingMode(config.pricingMode())
                .withFrequencyCapping(new FrequencyCapping(config.frequencyCap(), Optional.of(memoryTokens)))
                .withCityZones(config.cityZones());
        HourlyTrafficCounter traffic = new HourlyTrafficCounter(calendar, serving.pacing().historyDays() + 1);
        options.pastSearches().accept(traffic);
        this.servingIndex = new ServingIndexRefresher(indexReads.campaigns(),
                indexReads.advertisers(), indexReads.policies(), indexReads.ledger(),
                new TrafficCtrStatistics(indexReads.ctrFeed(), calendar, clock, TrafficCtrStatistics.DEFAULT_DAYS),
                traffic, serving, clock, indexReads.servingChanges(), config.indexFullRebuildInterval());
        this.useCases = new UseCases(repositories, DeploymentDefaults.POLICY_LIMITS, config.campaignQuota(), calendar,
                config.production() ? EntityOwnership.Unregistered.REFUSED
                        : EntityOwnership.Unregistered.CLAIMED_BY_FIRST_PROMOTER, catchingUp(servingIndex), clock,
                config.cityZones());

        this.billing = options.paymentGateway().isPresent() ? Optional.empty()
                : Optional.of(Billing.forConfig(billingConfig(config), clock));
        this.paymentGateway = options.paymentGateway().orElseGet(() -> billing.get().paymentGateway());
        this.topUp = new TopUpCampaign(repositories.campaigns(), repositories.advertisers(), paymentGateway,
                useCases.recordFunding(), repositories.topUpRequests(), TopUpLimits.defaults(), config.currency(), clock);
        this.paymentEvents = new HandlePaymentEvent(repositories.processedPaymentEvents(), repositories.ledger(),
                useCases.recordFunding(), paymentGateway, repositories.topUpRequests(), config.currency(), clock);

        // Built before anything is served, so that no decision ever builds an index (ADR 0013); from here on the
        // background thread rebuilds it, and a pause, end or suspension on its own request (ADR 0020); decisions
        // answer from the last snapshot.
        servingIndex.refresh();
        resources.register("serving index refresher", keepFresh(servingIndex));
        SortableRandomIdGenerator ids = new SortableRandomIdGenerator(clock);
        ImpressionShareCounter shares = ImpressionShareCounter.sampling();
        DecideAdPage decideAdPage = new DecideAdPage(servingIndex, serving, ids, clock, traffic,
                new QuerySignature(config.hashSecret().bytes())::of, shares);
        ClickTokenSigner clickTokens = new ClickTokenSigner(tokenKeys, ClickTokenSigner.DEFAULT_LIFETIME, clock);
        ClientHasher clientHasher = new ClientHasher(config.hashSecret().bytes());
        // Registered after the database, so that it is closed (its last impressions written) after whatever takes
        // decisions (an HTTP server registered later) and before the database goes; given at most 30% of the
        // shutdown's time: what it cannot write by then (the database is down) is dropped and counted.
        this.impressions = new ImpressionBuffer(ImpressionBuffer.Settings.DEFAULTS);
        ImpressionWriter impressionWriter = new ImpressionWriter(impressions, repositories.impressionLog());
        resources.register("impression buffer", 0.3, within -> {
            long gaveUp = impressionWriter.close(within);
            if (gaveUp > 0) {
                LOG.log(System.Logger.Level.WARNING, "{0,number,#} buffered impressions were not written within {1} ms "
                        + "and are dropped (promo_impressions_lost_total)", gaveUp, within.toMillis());
            }
        });
        // Registered after the impressions, so closed before them: the decisions have stopped, the database is up.
        this.impressionShare = ImpressionShareFlusher.start(shares, repositories.impressionShareLog());
        resources.register("impression share counts", 0.05, impressionShare);
        this.serveSponsoredResults = new ServeSponsoredResults(decideAdPage, clickTokens, clientHasher, impressions);
        this.whyNotShown = new WhyNotShown(servingIndex, reads.ledger()::state, serving, clock);
        this.recordClick = new RecordClick(clickTokens, clientHasher, BotUserAgents.standard(), ClickRules.DEFAULTS,
                repositories.clickLog(), calendar, ids, clock);
        this.trafficReports = new TrafficReports(reads.campaigns(), reads.advertisers(), reads.trafficReportSource(),
                reads == repositories ? useCases.budgetQueries()
                        : new BudgetQueries(reads.ledger(), reads.campaigns(), calendar, clock),
                reads.conversionReportSource(), reads.impressionShareLog());
        // On the writer, as the ledger listing always was: a top-up or a billed click shows at once.
        this.ledgerStatement = new LedgerStatement(useCases.budgetQueries(), repositories.trafficReportSource());
        this.recordConversion = new RecordConversion(repositories.conversionLog(), clientHasher, config.conversions(),
                calendar, clock);
        this.creditInvalidClicks = new CreditInvalidClicks(repositories.campaigns(), repositories.clickLog(),
                repositories.ledger(), ids, clock);
        this.issueApiKey = new IssueApiKey(repositories.advertisers(), repositories.apiKeys(), new SecureRandom(), clock);
        this.authenticateAdvertiser = new AuthenticateAdvertiser(repositories.apiKeys());
    }

    /**
     * Migrates the database, on connections of its own ({@link ConnectionLimits#MIGRATIONS}: no statement limit), or
     * verifies its schema; then opens promo's pool, whose connections carry the configured connection, statement and
     * lock timeouts. In dev mode without a URL, an embedded PostgreSQL whose data stays in {@code PROMO_DATA_DIR}.
     */
    private ConnectionPool openDatabase(PromoSettings config, boolean migrate) {
        var database = config.database();
        ConnectionLimits limits = new ConnectionLimits(database.connectionTimeout(), database.statementTimeout(),
                database.lockTimeout());
        String url = databaseUrl(config, resources);
        try (ConnectionPool migrations = migrationConnections(config, url)) {
            prepareSchema(migrations.dataSource(), migrate);
        }
        return ConnectionPool.open(url, database.user().orElse(null), database.password().map(Secret::value).orElse(null),
                database.poolSize(), limits);
    }

    /**
     * Brings the configured database to promo's newest schema and closes what it opened, starting nothing else
     * ({@code ./promo migrate}): the database found and opened as {@link #start} finds and opens it, the same
     * migrations on the same kind of connections.
     *
     * @return what was applied, from which version to which
     */
    public static DatabaseMigrator.Migration migrate(PromoSettings settings) {
        try (Resources resources = new Resources()) {
            try (ConnectionPool migrations = migrationConnections(settings, databaseUrl(settings, resources))) {
                return DatabaseMigrator.apply(migrations.dataSource());
            }
        }
    }

    /** The configured database's URL; in dev mode without one, an embedded PostgreSQL's, started and registered. */
    private static String databaseUrl(PromoSettings config, Resources resources) {
        var database = config.database();
        if (!database.embedded()) {
            return database.url().get();
        }
        // Durable settings: the embedded data directory is meant to survive restarts and crashes.
        EmbeddedPostgresServer server = resources.register("embedded PostgreSQL", EmbeddedPostgresServer.startPersistent(
                database.embeddedDataDirectory(), Map.of("fsync", "on", "synchronous_commit", "on")));
        // Other nodes on this machine may share the dev database; it keeps its port across restarts (ADR 0041).
        LOG.log(System.Logger.Level.INFO, "embedded PostgreSQL in {0} at {1} (other nodes: PROMO_DB_URL={1})",
                server.dataDirectory(), server.jdbcUrl());
        return server.jdbcUrl();
    }

    /** Two connections without a statement limit, for migrating or verifying the schema. */
    private static ConnectionPool migrationConnections(PromoSettings config, String url) {
        var database = config.database();
        return ConnectionPool.open(url, database.user().orElse(null), database.password().map(Secret::value).orElse(null),
                2, ConnectionLimits.MIGRATIONS);
    }

    /**
     * The read replica's pool, to be used behind {@link ReplicaReads} (the writer takes over the reads while the replica
     * gives no connection, and a rebuild a status change asks for reads the writer). A replica down at start does not
     * stop the node: its pool opens without a connection, and the reads go to the writer until the replica answers.
     */
    private DataSource openReader(PromoSettings config, DatabaseSettings.Reader reader) {
        var database = config.database();
        ConnectionLimits limits = new ConnectionLimits(database.connectionTimeout(), database.statementTimeout(),
                database.lockTimeout());
        String user = reader.user().or(database::user).orElse(null);
        String password = reader.password().or(database::password).map(Secret::value).orElse(null);
        ConnectionPool replica = resources.register("read replica connections",
                ConnectionPool.openWithoutConnecting(reader.url(), user, password, database.poolSize(), limits));
        return replica.dataSource();
    }

    private static void prepareSchema(DataSource dataSource, boolean migrate) {
        if (migrate) {
            DatabaseMigrator.migrate(dataSource);
        } else {
            DatabaseMigrator.verify(dataSource);
        }
    }

    /**
     * What the status-change use cases ask before they answer a pause, end or suspension: the serving index rebuilt on
     * the changing request's own thread (never a decision), so that this node's next decision sees the change (ADR
     * 0020). A rebuild that fails leaves the change standing; the background thread brings it later. With a read
     * replica, this rebuild and those of the next seconds read the writer, which has the change.
     */
    private ServingSnapshot catchingUp(ServingIndexRefresher index) {
        return () -> {
            try {
                indexReplica.ifPresent(ReplicaReads::stayOnWriter);
                ReplicaReads.onWriter(index::refreshAfterChange);
            } catch (Exception e) {
                LOG.log(System.Logger.Level.WARNING, "the serving index could not catch up with a status change at once;"
                        + " the background refresh brings it once the database answers", e);
            }
        };
    }

    private static BillingConfig billingConfig(PromoSettings config) {
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

    /** Waits until every impression offered so far is written, at most {@code within}. */
    public void flushImpressions(Duration within) {
        try {
            if (!impressions.awaitFlushed(within)) {
                throw new IllegalStateException("impressions not written within " + within.toMillis() + " ms");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for impressions to be written", e);
        }
    }

    /** Writes the impression-share counts kept so far, now (for a caller that reads reports right after its traffic). */
    public void flushImpressionShare() {
        impressionShare.flush();
    }

    /** What is open, for a shell that opens more (an HTTP server) to be closed before it. */
    public Resources resources() {
        return resources;
    }

    public PromoSettings settings() {
        return settings;
    }

    public Clock clock() {
        return clock;
    }

    /** promo's own pool; empty when the embedder gave its {@code DataSource}. */
    public Optional<ConnectionPool> pool() {
        return pool;
    }

    public DataSource dataSource() {
        return dataSource;
    }

    /** Where the data lives, for a log line (no password). */
    public String databaseDescription() {
        return databaseDescription;
    }

    public UseCases useCases() {
        return useCases;
    }

    public ServingSettings serving() {
        return serving;
    }

    public ServingIndexRefresher servingIndex() {
        return servingIndex;
    }

    /** The billing adapter as configured; empty when the embedder gave its own payment gateway. */
    public Optional<Billing> billing() {
        return billing;
    }

    public PaymentGateway paymentGateway() {
        return paymentGateway;
    }

    public TopUpCampaign topUp() {
        return topUp;
    }

    public HandlePaymentEvent paymentEvents() {
        return paymentEvents;
    }

    public ImpressionBuffer impressions() {
        return impressions;
    }

    public ServeSponsoredResults serveSponsoredResults() {
        return serveSponsoredResults;
    }

    /** How decisions read their viewer-memory tokens: {@code promo_viewer_memory_tokens_total}. */
    public MemoryReadings memoryTokenReadings() {
        return memoryTokens.readings();
    }

    public WhyNotShown whyNotShown() {
        return whyNotShown;
    }

    public RecordClick recordClick() {
        return recordClick;
    }

    public TrafficReports trafficReports() {
        return trafficReports;
    }

    public LedgerStatement ledgerStatement() {
        return ledgerStatement;
    }

    public RecordConversion recordConversion() {
        return recordConversion;
    }

    public CreditInvalidClicks creditInvalidClicks() {
        return creditInvalidClicks;
    }

    public IssueApiKey issueApiKey() {
        return issueApiKey;
    }

    public AuthenticateAdvertiser authenticateAdvertiser() {
        return authenticateAdvertiser;
    }

    /** Closes everything within the shutdown timeout, in reverse order of opening ({@link Resources}). */
    @Override
    public void close() {
        resources.close(settings.shutdownTimeout());
    }
}
