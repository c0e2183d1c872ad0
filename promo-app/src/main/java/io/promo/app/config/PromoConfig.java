package io.promo.app.config;

import io.promo.domain.campaign.CampaignQuota;
import io.promo.embedded.ConfigException;
import io.promo.embedded.internal.DatabaseSettings;
import io.promo.embedded.internal.Mode;
import io.promo.embedded.internal.PromoSettings;
import io.promo.embedded.internal.Secret;
import io.promo.embedded.internal.SettingsReader;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything {@code ./promo serve} reads from its environment (docs/operations.md has the table): promo's own
 * settings, read by promo-embedded's {@link SettingsReader} as for an embedder ({@link PromoSettings}), and the HTTP
 * server's. Built by {@link #load} from environment variables, with command-line flags overriding them; every problem
 * is reported at once, before anything starts.
 *
 * @param promo                      promo's settings apart from HTTP's
 * @param maxBodyBytes               the largest request body accepted; a larger one is refused with 413
 * @param databaseConcurrentRequests HTTP requests doing database work at once; more answer 503 at once (the bulkhead)
 */
public record PromoConfig(
        PromoSettings promo,
        String httpHost,
        int httpPort,
        long maxBodyBytes,
        int databaseConcurrentRequests,
        Secret adminKey,
        Secret serviceKey) {

    // promo's settings, named once in PromoSettings; repeated here so that a caller of promo-app names them as it did.
    public static final String MODE = PromoSettings.MODE;
    public static final String DB_URL = PromoSettings.DB_URL;
    public static final String DB_USER = PromoSettings.DB_USER;
    public static final String DB_PASSWORD = PromoSettings.DB_PASSWORD;
    public static final String DB_POOL_SIZE = PromoSettings.DB_POOL_SIZE;
    public static final String DB_CONNECTION_TIMEOUT = PromoSettings.DB_CONNECTION_TIMEOUT;
    public static final String DB_STATEMENT_TIMEOUT = PromoSettings.DB_STATEMENT_TIMEOUT;
    public static final String DB_LOCK_TIMEOUT = PromoSettings.DB_LOCK_TIMEOUT;
    public static final String SHUTDOWN_TIMEOUT = PromoSettings.SHUTDOWN_TIMEOUT;
    public static final String DATA_DIR = PromoSettings.DATA_DIR;
    public static final String CLICK_TOKEN_SECRET = PromoSettings.CLICK_TOKEN_SECRET;
    public static final String HASH_SECRET = PromoSettings.HASH_SECRET;
    public static final String BUDGET_ZONE = PromoSettings.BUDGET_ZONE;
    public static final String MAX_CAMPAIGNS_PER_ADVERTISER = PromoSettings.MAX_CAMPAIGNS_PER_ADVERTISER;
    public static final String CURRENCY = PromoSettings.CURRENCY;
    public static final String STRIPE_SECRET_KEY = PromoSettings.STRIPE_SECRET_KEY;
    public static final String STRIPE_WEBHOOK_SECRET = PromoSettings.STRIPE_WEBHOOK_SECRET;
    public static final String STRIPE_API_BASE = PromoSettings.STRIPE_API_BASE;

    // The HTTP server's settings.
    public static final String HTTP_HOST = "PROMO_HTTP_HOST";
    public static final String HTTP_PORT = "PROMO_HTTP_PORT";
    public static final String HTTP_MAX_BODY_BYTES = "PROMO_HTTP_MAX_BODY_BYTES";
    public static final String DB_CONCURRENT_REQUESTS = "PROMO_DB_CONCURRENT_REQUESTS";
    public static final String ADMIN_KEY = "PROMO_ADMIN_KEY";
    public static final String SERVICE_KEY = "PROMO_SERVICE_KEY";

    public static final java.nio.file.Path DEFAULT_DATA_DIR = PromoSettings.DEFAULT_DATA_DIR;
    public static final int DEFAULT_POOL_SIZE = PromoSettings.DEFAULT_POOL_SIZE;
    public static final Duration DEFAULT_DB_CONNECTION_TIMEOUT = PromoSettings.DEFAULT_DB_CONNECTION_TIMEOUT;
    public static final Duration DEFAULT_DB_STATEMENT_TIMEOUT = PromoSettings.DEFAULT_DB_STATEMENT_TIMEOUT;
    public static final Duration DEFAULT_DB_LOCK_TIMEOUT = PromoSettings.DEFAULT_DB_LOCK_TIMEOUT;
    public static final Duration DEFAULT_SHUTDOWN_TIMEOUT = PromoSettings.DEFAULT_SHUTDOWN_TIMEOUT;
    public static final String DEFAULT_CURRENCY = PromoSettings.DEFAULT_CURRENCY;

    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 8080;
    /** 256 KiB: a decision request with 1,000 organic matches is about 40 KiB. */
    public static final long DEFAULT_MAX_BODY_BYTES = 256 * 1024;
    /** Well below Jetty's 250 threads, so that decisions, /health and /metrics always find one. */
    public static final int DEFAULT_DB_CONCURRENT_REQUESTS = 64;

    /**
     * @param environment the process environment ({@code System.getenv()})
     * @param overrides   values from command-line flags, by the same names; they win over the environment
     * @throws ConfigException naming every problem
     */
    public static PromoConfig load(Map<String, String> environment, Map<String, String> overrides, SecureRandom random) {
        Map<String, String> values = new HashMap<>();
        environment.forEach((name, value) -> {
            if (name.startsWith("PROMO_") && value != null && !value.isBlank()) {
                values.put(name, value.trim());
            }
        });
        overrides.forEach((name, value) -> {
            if (value != null && !value.isBlank()) {
                values.put(name, value.trim());
            }
        });
        SettingsReader reader = new SettingsReader(values, random);
        PromoSettings promo = reader.promoSettings(false, false);
        String host = reader.text(HTTP_HOST, DEFAULT_HOST);
        int port = (int) reader.number(HTTP_PORT, DEFAULT_PORT, 0, 65_535);
        long maxBody = reader.number(HTTP_MAX_BODY_BYTES, DEFAULT_MAX_BODY_BYTES, 1_024, 64L * 1024 * 1024);
        int concurrentRequests = (int) reader.number(DB_CONCURRENT_REQUESTS, DEFAULT_DB_CONCURRENT_REQUESTS, 1, 200);
        Secret adminKey = reader.secret(ADMIN_KEY, promo.production());
        Secret serviceKey = reader.secret(SERVICE_KEY, promo.production());
        if (adminKey.value().equals(serviceKey.value())) {
            reader.problem(ADMIN_KEY + " and " + SERVICE_KEY + " must differ: the search service must not be an admin");
        }
        reader.throwIfAny();
        return new PromoConfig(promo, host, port, maxBody, concurrentRequests, adminKey, serviceKey);
    }

    public Mode mode() {
        return promo.mode();
    }

    public DatabaseSettings database() {
        return promo.database();
    }

    public Secret clickTokenSecret() {
        return promo.clickTokenSecret();
    }

    public Secret hashSecret() {
        return promo.hashSecret();
    }

    public ZoneId budgetZone() {
        return promo.budgetZone();
    }

    public String currency() {
        return promo.currency();
    }

    public Optional<Secret> stripeSecretKey() {
        return promo.stripeSecretKey();
    }

    public List<Secret> stripeWebhookSecrets() {
        return promo.stripeWebhookSecrets();
    }

    public Optional<URI> stripeApiBase() {
        return promo.stripeApiBase();
    }

    public Duration shutdownTimeout() {
        return promo.shutdownTimeout();
    }

    public boolean production() {
        return promo.production();
    }

    public CampaignQuota campaignQuota() {
        return promo.campaignQuota();
    }

    /** The secrets made up at this start (dev mode only), by variable name, for the start-up banner. */
    public Map<String, Secret> generatedSecrets() {
        Map<String, Secret> generated = new LinkedHashMap<>();
        if (adminKey.generated()) {
            generated.put(ADMIN_KEY, adminKey);
        }
        if (serviceKey.generated()) {
            generated.put(SERVICE_KEY, serviceKey);
        }
        generated.putAll(promo.generatedSecrets());
        return generated;
    }
}
