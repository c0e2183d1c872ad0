package io.promo.embedded;

import io.promo.domain.access.AuthenticateAdvertiser;
import io.promo.domain.access.IssueApiKey;
import io.promo.domain.advertiser.AdvertiserQueries;
import io.promo.domain.advertiser.ChangeAdvertiserStatus;
import io.promo.domain.advertiser.CreateAdvertiser;
import io.promo.domain.campaign.CampaignQueries;
import io.promo.domain.campaign.ChangeCampaignStatus;
import io.promo.domain.campaign.CreateCampaign;
import io.promo.domain.campaign.RegisterEntityOwner;
import io.promo.domain.campaign.UpdateCampaign;
import io.promo.domain.conversion.RecordConversion;
import io.promo.domain.funding.HandlePaymentEvent;
import io.promo.domain.funding.PaymentGateway;
import io.promo.domain.funding.TopUpCampaign;
import io.promo.domain.ledger.BudgetQueries;
import io.promo.domain.ledger.RecordFunding;
import io.promo.domain.pricing.PolicyCatalog;
import io.promo.domain.pricing.UpsertPolicy;
import io.promo.domain.report.TrafficReports;
import io.promo.domain.serving.diagnostics.WhyNotShown;
import io.promo.domain.traffic.CreditInvalidClicks;
import io.promo.domain.traffic.RecordClick;
import io.promo.embedded.internal.PromoSettings;
import io.promo.embedded.internal.SettingsReader;
import io.promo.embedded.internal.Wiring;
import java.lang.ref.Cleaner;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * A running promo inside the embedder's JVM: its use cases on the embedder's database, clock and settings, with no
 * HTTP server. Made only by {@link Builder#start()}, so a promo that exists has started; {@link #close()} stops it
 * (the serving index's refresher, the impressions still buffered written, promo's own pool last), after which every
 * accessor, and every {@link SearchAds} obtained before, throws an {@link IllegalStateException} saying so; a use case
 * obtained before fails on its next use of the database instead (with the persistence layer's exception), so ask the
 * promo for a use case where it is needed rather than keeping one past {@code close()}. Close it
 * once the embedder stops taking searches (try-with-resources, or the embedder's own shutdown); a second close does
 * nothing. A promo dropped without {@code close()} is closed when the garbage collector finds it unreachable, with a
 * warning: late, so its last impressions may be lost, but its connections and threads do not leak.
 *
 * <p>promo runs three threads of its own, all daemons: {@code serving-index-refresher} (rebuilds the in-memory serving
 * index from the database every second, so that a decision never waits for it), the impression writer (writes the
 * buffered impressions with {@code COPY}) and {@code impression-share-flusher} (writes the impression-share counts the
 * decisions keep, every second). Everything else runs on the embedder's threads. The use cases are the
 * domain's ({@code io.promo.domain..}): their commands, outcomes and rules are documented there and in
 * docs/architecture.md. A null where a command, a request or a setting is due is a programming error and throws a
 * {@link NullPointerException}; the builder, {@link SearchAds} and the use cases that take a command check theirs first,
 * naming it, so nothing is written. A command or request that is there but broken is an {@code InvalidCommandException}
 * or a refused outcome naming its fields.
 */
public final class Promo implements AutoCloseable {

    /** What {@link Builder#start()} does with the database's schema. */
    public enum Schema {
        /** Applies promo's pending migrations (Flyway) before starting: the role must be allowed to change the schema. */
        MIGRATE,
        /**
         * Changes nothing and refuses to start unless every migration of this promo is applied as written: for a role
         * that may not change the schema, such as a search service reading a replica.
         */
        VERIFY
    }

    private static final System.Logger LOG = System.getLogger(Promo.class.getName());
    /** Closes a promo its embedder dropped without closing, so that its pool and embedded database do not leak. */
    private static final Cleaner FORGOTTEN = Cleaner.create();

    private final Wiring wiring;
    private final AtomicBoolean closed;
    private final Cleaner.Cleanable cleanable;
    private final SearchAds searchAds;

    private Promo(Wiring wiring) {
        this.wiring = wiring;
        this.closed = new AtomicBoolean();
        this.cleanable = FORGOTTEN.register(this, new ClosedWhenForgotten(wiring, closed));
        this.searchAds = new SearchAds(this, wiring.serveSponsoredResults());
    }

    /** Holds no reference to its {@link Promo}, or the promo would never become unreachable. */
    private record ClosedWhenForgotten(Wiring wiring, AtomicBoolean closed) implements Runnable {
        @Override
        public void run() {
            if (closed.compareAndSet(false, true)) {
                LOG.log(System.Logger.Level.WARNING, "a Promo became unreachable without close(): closing it now;"
                        + " close it when the service stops, so that its buffered impressions are written in time");
                wiring.close();
            }
        }
    }

    /**
     * A builder with the system's UTC clock, no settings (the defaults of dev mode) and {@link Schema#MIGRATE}.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Configures and starts a {@link Promo}. Not thread-safe; each {@link #start()} starts a promo of its own. */
    public static final class Builder {
        private final Map<String, String> settings = new HashMap<>();
        private DataSource dataSource;
        private Clock clock = Clock.systemUTC();
        private PaymentGateway paymentGateway;
        private Schema schema = Schema.MIGRATE;

        private Builder() {
        }

        /**
         * The embedder's database connections (a pool of its own is best: a click is one transaction). promo never
         * closes them; their timeouts are the embedder's (the {@code PROMO_DB_*} pool settings apply only to a pool
         * promo opens). Not together with {@link #jdbcUrl(String)}.
         *
         * @param dataSource the embedder's data source on promo's database
         * @return this builder
         */
        public Builder dataSource(DataSource dataSource) {
            this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
            return this;
        }

        /**
         * A PostgreSQL JDBC URL ({@code jdbc:postgresql://…}) promo opens a pool of its own over and closes: the same
         * as the setting {@code PROMO_DB_URL} (with {@code PROMO_DB_USER}, {@code PROMO_DB_PASSWORD} and the
         * {@code PROMO_DB_*} pool settings). With neither this nor a data source, dev mode runs an embedded PostgreSQL
         * whose data stays in {@code PROMO_DATA_DIR}; production refuses to start.
         *
         * @param jdbcUrl a {@code jdbc:postgresql://…} URL
         * @return this builder
         */
        public Builder jdbcUrl(String jdbcUrl) {
            return setting(PromoSettings.DB_URL, Objects.requireNonNull(jdbcUrl, "jdbcUrl"));
        }

        /**
         * The time promo decides, bills and reports by (UTC system time when not set).
         *
         * @param clock the clock promo decides, bills and reports by
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Settings by the names of promo's configuration ({@code PROMO_MODE}, {@code PROMO_BUDGET_ZONE},
         * {@code PROMO_HASH_SECRET}, {@code PROMO_CLICK_TOKEN_SECRET}, {@code PROMO_CURRENCY}, …; docs/operations.md),
         * added to those given before. The HTTP server's settings ({@code PROMO_HTTP_*}, the API keys) are not
         * promo-embedded's: naming one, or an unknown name, fails {@link #start()}. Blank values count as unset.
         *
         * @param settings settings by name
         * @return this builder
         */
        public Builder settings(Map<String, String> settings) {
            Objects.requireNonNull(settings, "settings").forEach(this::setting);
            return this;
        }

        /**
         * One setting, as {@link #settings(Map)}.
         *
         * @param name the setting's name, such as {@code PROMO_BUDGET_ZONE}
         * @param value its value; null or blank unsets it
         * @return this builder
         */
        public Builder setting(String name, String value) {
            Objects.requireNonNull(name, "name");
            if (value == null || value.isBlank()) {
                this.settings.remove(name);
            } else {
                this.settings.put(name, value.trim());
            }
            return this;
        }

        /**
         * The embedder's own payment gateway for top-ups (the domain's port). Without one, promo charges through
         * Stripe when {@code PROMO_STRIPE_SECRET_KEY} is set, and otherwise through the dev gateway, which charges
         * nobody and is refused in production.
         *
         * @param paymentGateway the gateway top-ups are charged through
         * @return this builder
         */
        public Builder paymentGateway(PaymentGateway paymentGateway) {
            this.paymentGateway = Objects.requireNonNull(paymentGateway, "paymentGateway");
            return this;
        }

        /**
         * Migrate the schema ({@link Schema#MIGRATE}, the default) or only verify it ({@link Schema#VERIFY}).
         *
         * @param schema what to do with the schema
         * @return this builder
         */
        public Builder schema(Schema schema) {
            this.schema = Objects.requireNonNull(schema, "schema");
            return this;
        }

        /**
         * Reads the settings, then opens the database, migrates or verifies its schema, builds the serving index and
         * starts promo's three threads. On any failure, what was opened is closed again before the exception leaves.
         *
         * @return the started promo, to be closed when the embedder stops
         * @throws ConfigException       naming every bad or unknown setting, before anything is opened
         * @throws IllegalStateException when the schema is verified and is not this promo's
         * @throws RuntimeException      when the database cannot be reached or migrated
         */
        public Promo start() {
            List<String> problems = new ArrayList<>();
            new TreeSet<>(settings.keySet()).stream().filter(name -> !PromoSettings.NAMES.contains(name)).forEach(name ->
                    problems.add(name + " is not a setting of promo-embedded" + (name.startsWith("PROMO_HTTP_")
                            || name.equals("PROMO_ADMIN_KEY") || name.equals("PROMO_SERVICE_KEY")
                            || name.equals("PROMO_DB_CONCURRENT_REQUESTS")
                            ? " (it is promo-app's HTTP server's)" : "") + "; its settings are "
                            + new TreeSet<>(PromoSettings.NAMES)));
            if (dataSource != null && settings.containsKey(PromoSettings.DB_URL)) {
                problems.add(PromoSettings.DB_URL + " (jdbcUrl) and a DataSource are both given: promo runs on one");
            }
            SettingsReader reader = new SettingsReader(settings, new SecureRandom());
            problems.forEach(reader::problem);
            PromoSettings read = reader.promoSettings(dataSource != null, paymentGateway != null);
            reader.throwIfAny();
            return new Promo(Wiring.start(new Wiring.Options(read, clock, Optional.ofNullable(dataSource),
                    Optional.ofNullable(paymentGateway), schema == Schema.MIGRATE, recorder -> { })));
        }
    }

    void requireOpen() {
        if (closed.get()) {
            throw new IllegalStateException("this promo is closed: close() was called; start another with"
                    + " Promo.builder()...start()");
        }
    }

    private <T> T open(Supplier<T> useCase) {
        requireOpen();
        return useCase.get();
    }

    /**
     * The search service's in-process client: decides pages as {@code POST /v1/decisions} does.
     *
     * @return the serving client, the same for every call
     */
    public SearchAds serving() {
        return open(() -> searchAds);
    }

    /**
     * Records a searcher's click on a sponsored result: validated, classified, billed at most once.
     *
     * @return the {@code RecordClick} use case
     */
    public RecordClick clicks() {
        return open(wiring::recordClick);
    }

    /**
     * Records a conversion the marketplace saw (an inquiry, a booking, a type of the deployment's
     * {@code PROMO_CONVERSION_TYPES}), as {@code POST /v1/conversions} does: once per conversion id, attributed to
     * the last billed click on the entity within the click window ({@code PROMO_CONVERSION_WINDOW_DAYS}, 7 days unless
     * configured), or recorded unattributed with the reason. The same id with the same content again answers the
     * stored conversion; with other content it is refused as a conflict.
     *
     * @return the use case; its {@code record} answers an {@code Outcome}, never throws on bad input
     */
    public RecordConversion conversions() {
        return open(wiring::recordConversion);
    }

    /**
     * Campaign and advertiser reports: impressions, clicks, spend and invalid clicks per budget day, and the
     * conversions the clicks earned beside them (cost per conversion, return on ad spend).
     *
     * @return the {@code TrafficReports} use case
     */
    public TrafficReports reports() {
        return open(wiring::trafficReports);
    }

    /**
     * "Why was my campaign not shown?": every eligibility check of a campaign for a search.
     *
     * @return the {@code WhyNotShown} use case
     */
    public WhyNotShown whyNotShown() {
        return open(wiring::whyNotShown);
    }

    /**
     * Credits invalid clicks found after the fact (admin only), freeing their budget.
     *
     * @return the {@code CreditInvalidClicks} use case
     */
    public CreditInvalidClicks creditInvalidClicks() {
        return open(wiring::creditInvalidClicks);
    }

    /**
     * Onboards an advertiser (admin only).
     *
     * @return the {@code CreateAdvertiser} use case
     */
    public CreateAdvertiser createAdvertiser() {
        return open(() -> wiring.useCases().createAdvertiser());
    }

    /**
     * Suspends, reinstates, … an advertiser.
     *
     * @return the {@code ChangeAdvertiserStatus} use case
     */
    public ChangeAdvertiserStatus changeAdvertiserStatus() {
        return open(() -> wiring.useCases().changeAdvertiserStatus());
    }

    /**
     * Reads advertisers as an actor may see them.
     *
     * @return the {@code AdvertiserQueries} use case
     */
    public AdvertiserQueries advertisers() {
        return open(() -> wiring.useCases().advertiserQueries());
    }

    /**
     * Issues an advertiser's API key (admin only), for an embedder that authenticates advertisers with promo's keys.
     *
     * @return the {@code IssueApiKey} use case
     */
    public IssueApiKey issueApiKey() {
        return open(wiring::issueApiKey);
    }

    /**
     * Finds the advertiser a presented API key belongs to.
     *
     * @return the {@code AuthenticateAdvertiser} use case
     */
    public AuthenticateAdvertiser authenticateAdvertiser() {
        return open(wiring::authenticateAdvertiser);
    }

    /**
     * Authors a campaign under every authoring rule (floors, cities, budgets, ownership of the promoted entity).
     *
     * @return the {@code CreateCampaign} use case
     */
    public CreateCampaign createCampaign() {
        return open(() -> wiring.useCases().createCampaign());
    }

    /**
     * Edits a campaign's settings.
     *
     * @return the {@code UpdateCampaign} use case
     */
    public UpdateCampaign updateCampaign() {
        return open(() -> wiring.useCases().updateCampaign());
    }

    /**
     * Activates, pauses, ends, … a campaign; a pause, end or suspension is served at once.
     *
     * @return the {@code ChangeCampaignStatus} use case
     */
    public ChangeCampaignStatus changeCampaignStatus() {
        return open(() -> wiring.useCases().changeCampaignStatus());
    }

    /**
     * Reads campaigns as an actor may see them.
     *
     * @return the {@code CampaignQueries} use case
     */
    public CampaignQueries campaigns() {
        return open(() -> wiring.useCases().campaignQueries());
    }

    /**
     * Registers which marketplace user owns an entity (only its owner's advertiser may promote it).
     *
     * @return the {@code RegisterEntityOwner} use case
     */
    public RegisterEntityOwner registerEntityOwner() {
        return open(() -> wiring.useCases().registerEntityOwner());
    }

    /**
     * Sets a floor and density policy for a surface, role and city (admin only).
     *
     * @return the {@code UpsertPolicy} use case
     */
    public UpsertPolicy upsertPolicy() {
        return open(() -> wiring.useCases().upsertPolicy());
    }

    /**
     * Reads the policies and resolves the one that applies where.
     *
     * @return the {@code PolicyCatalog} use case
     */
    public PolicyCatalog policies() {
        return open(() -> wiring.useCases().policyCatalog());
    }

    /**
     * Records top-ups, credits and adjustments in the budget ledger, each once per idempotency key.
     *
     * @return the {@code RecordFunding} use case
     */
    public RecordFunding recordFunding() {
        return open(() -> wiring.useCases().recordFunding());
    }

    /**
     * A campaign's budget, balance and ledger entries; reconciliation (admin only).
     *
     * @return the {@code BudgetQueries} use case
     */
    public BudgetQueries budgets() {
        return open(() -> wiring.useCases().budgetQueries());
    }

    /**
     * Charges the advertiser's payment method through the payment gateway and records the top-up, once per key.
     *
     * @return the {@code TopUpCampaign} use case
     */
    public TopUpCampaign topUp() {
        return open(wiring::topUp);
    }

    /**
     * Books the payment processor's verified events (succeeded, failed, refunded, disputed), each once.
     *
     * @return the {@code HandlePaymentEvent} use case
     */
    public HandlePaymentEvent paymentEvents() {
        return open(wiring::paymentEvents);
    }

    /**
     * Refreshes the serving index now, on the calling thread (it reads what changed in the database), so that the next
     * decision sees every change made so far. Otherwise promo's own thread does so within about a second.
     */
    public void refreshServingIndex() {
        requireOpen();
        wiring.servingIndex().refresh();
    }

    /**
     * Waits until every impression decided so far is written to the database, at most {@code within} (for an
     * embedder that reads reports right after its traffic).
     *
     * @throws IllegalStateException when they are not written in time
     * @throws IllegalArgumentException when {@code within} is negative
     * @param within how long to wait at most
     */
    public void flushImpressions(Duration within) {
        if (Objects.requireNonNull(within, "within").isNegative()) {
            throw new IllegalArgumentException("within must not be negative: " + within);
        }
        requireOpen();
        wiring.flushImpressions(within);
    }

    /**
     * Stops promo within {@code PROMO_SHUTDOWN_TIMEOUT} (15 s by default): the serving index's refresher, then the
     * impressions still buffered are written, then the database promo opened (never the embedder's
     * {@code DataSource}). Harmless when called again.
     */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            wiring.close();
        }
        cleanable.clean();
    }
}
