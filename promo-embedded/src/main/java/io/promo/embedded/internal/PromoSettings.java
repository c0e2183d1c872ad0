package io.promo.embedded.internal;

import io.promo.domain.campaign.CampaignQuota;
import io.promo.domain.campaign.FrequencyCap;
import io.promo.domain.campaign.CityZones;
import io.promo.domain.conversion.ConversionSettings;
import io.promo.domain.pricing.PricingMode;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * promo's settings apart from HTTP's: the one place that names them ({@code PROMO_*}, docs/operations.md) and holds
 * their defaults. Read by {@link SettingsReader}, for an embedder's builder and for promo-app's configuration alike.
 *
 * @param maxCampaignsPerAdvertiser the campaign quota: campaigns not ended one advertiser may have
 * @param currency                  the deployment's single currency (docs/design.md): an ISO 4217 code in lower case,
 *                                  as Stripe writes it ({@code usd}); top-ups charge in it and payments are held to it
 * @param shutdownTimeout           the longest a stop takes, all of it: HTTP's grace, the impressions' flush, the rest
 * @param conversions               conversion types beyond inquiry and booking, and the click window (ADR 0035)
 * @param pricingMode               what a click pays: its clearing price (default) or its cpc
 * @param indexFullRebuildInterval  how often the serving index is rebuilt from every row; between, a refresh reads only
 *                                  what changed (ADR 0038); zero: every refresh rebuilds from every row
 * @param frequencyCap              the cap of campaigns without their own ({@code PROMO_FREQUENCY_CAP}); off by default
 * @param cityZones                 the time zone of each city, in which ad schedules are read (ADR 0036)
 */
public record PromoSettings(
        Mode mode,
        DatabaseSettings database,
        Secret clickTokenSecret,
        Secret hashSecret,
        ZoneId budgetZone,
        int maxCampaignsPerAdvertiser,
        String currency,
        Optional<Secret> stripeSecretKey,
        List<Secret> stripeWebhookSecrets,
        Optional<URI> stripeApiBase,
        Duration shutdownTimeout,
        ConversionSettings conversions,
        int maxSlotsPerAdvertiser,
        PricingMode pricingMode,
        Duration indexFullRebuildInterval,
        Optional<FrequencyCap> frequencyCap,
        CityZones cityZones) {

    public static final String MODE = "PROMO_MODE";
    public static final String DB_URL = "PROMO_DB_URL";
    public static final String DB_USER = "PROMO_DB_USER";
    public static final String DB_PASSWORD = "PROMO_DB_PASSWORD";
    public static final String DB_POOL_SIZE = "PROMO_DB_POOL_SIZE";
    public static final String DB_CONNECTION_TIMEOUT = "PROMO_DB_CONNECTION_TIMEOUT";
    public static final String DB_STATEMENT_TIMEOUT = "PROMO_DB_STATEMENT_TIMEOUT";
    public static final String DB_LOCK_TIMEOUT = "PROMO_DB_LOCK_TIMEOUT";
    public static final String SHUTDOWN_TIMEOUT = "PROMO_SHUTDOWN_TIMEOUT";
    public static final String DATA_DIR = "PROMO_DATA_DIR";
    public static final String CLICK_TOKEN_SECRET = "PROMO_CLICK_TOKEN_SECRET";
    public static final String HASH_SECRET = "PROMO_HASH_SECRET";
    public static final String BUDGET_ZONE = "PROMO_BUDGET_ZONE";
    public static final String MAX_CAMPAIGNS_PER_ADVERTISER = "PROMO_MAX_CAMPAIGNS_PER_ADVERTISER";
    public static final String CURRENCY = "PROMO_CURRENCY";
    public static final String STRIPE_SECRET_KEY = "PROMO_STRIPE_SECRET_KEY";
    public static final String STRIPE_WEBHOOK_SECRET = "PROMO_STRIPE_WEBHOOK_SECRET";
    public static final String STRIPE_API_BASE = "PROMO_STRIPE_API_BASE";
    public static final String CONVERSION_TYPES = "PROMO_CONVERSION_TYPES";
    public static final String CONVERSION_WINDOW_DAYS = "PROMO_CONVERSION_WINDOW_DAYS";
    public static final String MAX_SLOTS_PER_ADVERTISER = "PROMO_MAX_SLOTS_PER_ADVERTISER";
    /** A read replica for the serving index's refresh, reports and diagnostics (docs/operations.md "Readers"). */
    public static final String DB_READ_URL = "PROMO_DB_READ_URL";
    public static final String DB_READ_USER = "PROMO_DB_READ_USER";
    public static final String DB_READ_PASSWORD = "PROMO_DB_READ_PASSWORD";
    public static final String PRICING_MODE = "PROMO_PRICING_MODE";
    /** ADR 0038: the serving index's safety-net rebuild from every row; 0 rebuilds every refresh, as before. */
    public static final String INDEX_FULL_REBUILD_INTERVAL = "PROMO_INDEX_FULL_REBUILD_INTERVAL";
    /** {@code off} (the default) or {@code <impressions>/<hours>h}, such as {@code 3/24h} (ADR 0034). */
    public static final String FREQUENCY_CAP = "PROMO_FREQUENCY_CAP";
    /** {@code berlin=Europe/Berlin,london=Europe/London}: where ad schedules are read (ADR 0036). */
    public static final String CITY_ZONES = "PROMO_CITY_ZONES";

    /** Every name above: what an embedder may set. */
    public static final Set<String> NAMES = Set.of(MODE, DB_URL, DB_USER, DB_PASSWORD, DB_POOL_SIZE,
            DB_CONNECTION_TIMEOUT, DB_STATEMENT_TIMEOUT, DB_LOCK_TIMEOUT, SHUTDOWN_TIMEOUT, DATA_DIR, CLICK_TOKEN_SECRET,
            HASH_SECRET, BUDGET_ZONE, MAX_CAMPAIGNS_PER_ADVERTISER, CURRENCY, STRIPE_SECRET_KEY, STRIPE_WEBHOOK_SECRET,
            STRIPE_API_BASE, CONVERSION_TYPES, CONVERSION_WINDOW_DAYS, MAX_SLOTS_PER_ADVERTISER, DB_READ_URL, DB_READ_USER,
            DB_READ_PASSWORD, PRICING_MODE, INDEX_FULL_REBUILD_INTERVAL, FREQUENCY_CAP, CITY_ZONES);

    public static final Path DEFAULT_DATA_DIR = Path.of(".promo", "postgres");
    public static final int DEFAULT_POOL_SIZE = 10;
    /** Long enough for a healthy pool under load, short enough that a click fails fast with the database down. */
    public static final Duration DEFAULT_DB_CONNECTION_TIMEOUT = Duration.ofSeconds(2);
    /** A click is a few milliseconds; a report over months well under a second; the index rebuild a few seconds. */
    public static final Duration DEFAULT_DB_STATEMENT_TIMEOUT = Duration.ofSeconds(10);
    /** A held table or row lock turns into 503 after this, not into a queue of hanging requests. */
    public static final Duration DEFAULT_DB_LOCK_TIMEOUT = Duration.ofSeconds(2);
    public static final Duration DEFAULT_SHUTDOWN_TIMEOUT = Duration.ofSeconds(15);
    /** A missed change, were there one, would serve at most this long; a rebuild from every row costs a second of CPU
     * at 100,000 campaigns (docs/benchmarks.md). */
    public static final Duration DEFAULT_INDEX_FULL_REBUILD_INTERVAL = Duration.ofMinutes(10);
    /** docs/design.md: one currency per deployment, USD unless configured. */
    public static final String DEFAULT_CURRENCY = "usd";

    public PromoSettings {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(clickTokenSecret, "clickTokenSecret");
        Objects.requireNonNull(hashSecret, "hashSecret");
        Objects.requireNonNull(budgetZone, "budgetZone");
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(stripeSecretKey, "stripeSecretKey");
        stripeWebhookSecrets = List.copyOf(stripeWebhookSecrets);
        Objects.requireNonNull(stripeApiBase, "stripeApiBase");
        Objects.requireNonNull(shutdownTimeout, "shutdownTimeout");
        Objects.requireNonNull(conversions, "conversions");
        Objects.requireNonNull(pricingMode, "pricingMode");
        Objects.requireNonNull(indexFullRebuildInterval, "indexFullRebuildInterval");
        if (indexFullRebuildInterval.isNegative()) {
            throw new IllegalArgumentException("indexFullRebuildInterval must not be negative: " + indexFullRebuildInterval);
        }
        Objects.requireNonNull(frequencyCap, "frequencyCap");
        Objects.requireNonNull(cityZones, "cityZones");
    }

    public boolean production() {
        return mode == Mode.PRODUCTION;
    }

    public CampaignQuota campaignQuota() {
        return new CampaignQuota(maxCampaignsPerAdvertiser);
    }

    /** The secrets made up at this start (dev mode only), by name, for a start-up banner. */
    public Map<String, Secret> generatedSecrets() {
        Map<String, Secret> generated = new LinkedHashMap<>();
        if (clickTokenSecret.generated()) {
            generated.put(CLICK_TOKEN_SECRET, clickTokenSecret);
        }
        if (hashSecret.generated()) {
            generated.put(HASH_SECRET, hashSecret);
        }
        return generated;
    }
}
