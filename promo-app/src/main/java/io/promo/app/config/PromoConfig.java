package io.promo.app.config;

import io.promo.domain.campaign.CampaignQuota;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Everything promo reads from its environment (docs/operations.md has the table). Built by {@link #load}
 * from environment variables, with command-line flags overriding them; every problem is reported at once,
 * before anything starts.
 *
 * @param maxBodyBytes              the largest request body accepted; a larger one is refused with 413
 * @param maxCampaignsPerAdvertiser the campaign quota: campaigns not ended one advertiser may have
 * @param currency                  the deployment's single currency (docs/design.md): an ISO 4217 code in lower case,
 *                                  as Stripe writes it ({@code usd}); top-ups charge in it and payments are held to it
 * @param shutdownTimeout           the longest a stop takes, all of it: HTTP's grace, the impressions' flush, the rest
 */
public record PromoConfig(
        Mode mode,
        String httpHost,
        int httpPort,
        long maxBodyBytes,
        DatabaseSettings database,
        Secret adminKey,
        Secret serviceKey,
        Secret clickTokenSecret,
        Secret hashSecret,
        ZoneId budgetZone,
        int maxCampaignsPerAdvertiser,
        String currency,
        Optional<Secret> stripeSecretKey,
        List<Secret> stripeWebhookSecrets,
        Optional<URI> stripeApiBase,
        Duration shutdownTimeout) {

    public static final String MODE = "PROMO_MODE";
    public static final String HTTP_HOST = "PROMO_HTTP_HOST";
    public static final String HTTP_PORT = "PROMO_HTTP_PORT";
    public static final String HTTP_MAX_BODY_BYTES = "PROMO_HTTP_MAX_BODY_BYTES";
    public static final String DB_URL = "PROMO_DB_URL";
    public static final String DB_USER = "PROMO_DB_USER";
    public static final String DB_PASSWORD = "PROMO_DB_PASSWORD";
    public static final String DB_POOL_SIZE = "PROMO_DB_POOL_SIZE";
    public static final String DB_CONNECTION_TIMEOUT = "PROMO_DB_CONNECTION_TIMEOUT";
    public static final String DB_STATEMENT_TIMEOUT = "PROMO_DB_STATEMENT_TIMEOUT";
    public static final String DB_LOCK_TIMEOUT = "PROMO_DB_LOCK_TIMEOUT";
    public static final String DB_CONCURRENT_REQUESTS = "PROMO_DB_CONCURRENT_REQUESTS";
    public static final String SHUTDOWN_TIMEOUT = "PROMO_SHUTDOWN_TIMEOUT";
    public static final String DATA_DIR = "PROMO_DATA_DIR";
    public static final String ADMIN_KEY = "PROMO_ADMIN_KEY";
    public static final String SERVICE_KEY = "PROMO_SERVICE_KEY";
    public static final String CLICK_TOKEN_SECRET = "PROMO_CLICK_TOKEN_SECRET";
    public static final String HASH_SECRET = "PROMO_HASH_SECRET";
    public static final String BUDGET_ZONE = "PROMO_BUDGET_ZONE";
    public static final String MAX_CAMPAIGNS_PER_ADVERTISER = "PROMO_MAX_CAMPAIGNS_PER_ADVERTISER";
    public static final String CURRENCY = "PROMO_CURRENCY";
    public static final String STRIPE_SECRET_KEY = "PROMO_STRIPE_SECRET_KEY";
    public static final String STRIPE_WEBHOOK_SECRET = "PROMO_STRIPE_WEBHOOK_SECRET";
    public static final String STRIPE_API_BASE = "PROMO_STRIPE_API_BASE";

    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 8080;
    /** 256 KiB: a decision request with 1,000 organic matches is about 40 KiB. */
    public static final long DEFAULT_MAX_BODY_BYTES = 256 * 1024;
    public static final Path DEFAULT_DATA_DIR = Path.of(".promo", "postgres");
    public static final int DEFAULT_POOL_SIZE = 10;
    /** Long enough for a healthy pool under load, short enough that a click fails fast with the database down. */
    public static final Duration DEFAULT_DB_CONNECTION_TIMEOUT = Duration.ofSeconds(2);
    /** A click is a few milliseconds; a report over months well under a second; the index rebuild a few seconds. */
    public static final Duration DEFAULT_DB_STATEMENT_TIMEOUT = Duration.ofSeconds(10);
    /** A held table or row lock turns into 503 after this, not into a queue of hanging requests. */
    public static final Duration DEFAULT_DB_LOCK_TIMEOUT = Duration.ofSeconds(2);
    /** Well below Jetty's 250 threads, so that decisions, /health and /metrics always find one. */
    public static final int DEFAULT_DB_CONCURRENT_REQUESTS = 64;
    public static final Duration DEFAULT_SHUTDOWN_TIMEOUT = Duration.ofSeconds(15);
    /** docs/design.md: one currency per deployment, USD unless configured. */
    public static final String DEFAULT_CURRENCY = "usd";

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
        return new Reader(values, random).read();
    }

    public boolean production() {
        return mode == Mode.PRODUCTION;
    }

    public CampaignQuota campaignQuota() {
        return new CampaignQuota(maxCampaignsPerAdvertiser);
    }

    /** The secrets made up at this start (dev mode only), by variable name, for the start-up banner. */
    public Map<String, Secret> generatedSecrets() {
        Map<String, Secret> generated = new java.util.LinkedHashMap<>();
        if (adminKey.generated()) {
            generated.put(ADMIN_KEY, adminKey);
        }
        if (serviceKey.generated()) {
            generated.put(SERVICE_KEY, serviceKey);
        }
        if (clickTokenSecret.generated()) {
            generated.put(CLICK_TOKEN_SECRET, clickTokenSecret);
        }
        if (hashSecret.generated()) {
            generated.put(HASH_SECRET, hashSecret);
        }
        return generated;
    }

    private static final class Reader {
        private final Map<String, String> values;
        private final SecureRandom random;
        private final List<String> problems = new ArrayList<>();

        Reader(Map<String, String> values, SecureRandom random) {
            this.values = values;
            this.random = random;
        }

        PromoConfig read() {
            Mode mode = Mode.DEV;
            try {
                mode = Mode.parse(values.getOrDefault(MODE, "dev"));
            } catch (IllegalArgumentException e) {
                problems.add(e.getMessage());
            }
            boolean production = mode == Mode.PRODUCTION;
            String host = values.getOrDefault(HTTP_HOST, DEFAULT_HOST);
            int port = (int) number(HTTP_PORT, DEFAULT_PORT, 0, 65_535);
            long maxBody = number(HTTP_MAX_BODY_BYTES, DEFAULT_MAX_BODY_BYTES, 1_024, 64L * 1024 * 1024);
            int poolSize = (int) number(DB_POOL_SIZE, DEFAULT_POOL_SIZE, 1, 200);
            Duration connectionTimeout = duration(DB_CONNECTION_TIMEOUT, DEFAULT_DB_CONNECTION_TIMEOUT,
                    Duration.ofMillis(250), Duration.ofMinutes(5));
            Duration statementTimeout = duration(DB_STATEMENT_TIMEOUT, DEFAULT_DB_STATEMENT_TIMEOUT, Duration.ZERO,
                    Duration.ofHours(24));
            Duration lockTimeout = duration(DB_LOCK_TIMEOUT, DEFAULT_DB_LOCK_TIMEOUT, Duration.ZERO, Duration.ofHours(24));
            int concurrentRequests = (int) number(DB_CONCURRENT_REQUESTS, DEFAULT_DB_CONCURRENT_REQUESTS, 1, 200);
            Duration shutdownTimeout = duration(SHUTDOWN_TIMEOUT, DEFAULT_SHUTDOWN_TIMEOUT, Duration.ofSeconds(1),
                    Duration.ofMinutes(10));
            Optional<String> dbUrl = Optional.ofNullable(values.get(DB_URL));
            dbUrl.filter(url -> !url.startsWith("jdbc:postgresql:")).ifPresent(url ->
                    problems.add(DB_URL + " must be a PostgreSQL JDBC URL starting with jdbc:postgresql:"));
            if (production && dbUrl.isEmpty()) {
                problems.add(DB_URL + " is required in production: the embedded PostgreSQL is for local runs only");
            }
            DatabaseSettings database = new DatabaseSettings(dbUrl, Optional.ofNullable(values.get(DB_USER)),
                    Optional.ofNullable(values.get(DB_PASSWORD)).map(p -> new Secret(p, false)),
                    Path.of(values.getOrDefault(DATA_DIR, DEFAULT_DATA_DIR.toString())), poolSize, connectionTimeout,
                    statementTimeout, lockTimeout, concurrentRequests);

            Secret adminKey = secret(ADMIN_KEY, production);
            Secret serviceKey = secret(SERVICE_KEY, production);
            if (adminKey.value().equals(serviceKey.value())) {
                problems.add(ADMIN_KEY + " and " + SERVICE_KEY + " must differ: the search service must not be an admin");
            }
            Secret clickSecret = secret(CLICK_TOKEN_SECRET, production);
            Secret hashSecret = secret(HASH_SECRET, production);

            ZoneId zone = budgetZone(values.getOrDefault(BUDGET_ZONE, "UTC"));

            int maxCampaigns = (int) number(MAX_CAMPAIGNS_PER_ADVERTISER, CampaignQuota.DEFAULT.maxNotEnded(), 1, 1_000_000);
            String currency = currency(values.getOrDefault(CURRENCY, DEFAULT_CURRENCY));

            Optional<Secret> stripeKey = Optional.ofNullable(values.get(STRIPE_SECRET_KEY)).map(k -> new Secret(k, false));
            List<Secret> webhookSecrets = Optional.ofNullable(values.get(STRIPE_WEBHOOK_SECRET))
                    .map(list -> Arrays.stream(list.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                            .map(s -> new Secret(s, false)).toList())
                    .orElse(List.of());
            Optional<URI> apiBase = Optional.empty();
            if (values.containsKey(STRIPE_API_BASE)) {
                try {
                    URI uri = URI.create(values.get(STRIPE_API_BASE));
                    if (uri.getHost() == null || !("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))) {
                        throw new IllegalArgumentException();
                    }
                    apiBase = Optional.of(uri);
                } catch (IllegalArgumentException e) {
                    problems.add(STRIPE_API_BASE + " must be an http(s) URL such as https://api.stripe.com");
                }
            }
            if (production && stripeKey.isEmpty()) {
                problems.add(STRIPE_SECRET_KEY + " is required in production: the dev payment gateway charges nobody");
            }
            if (production && webhookSecrets.isEmpty()) {
                problems.add(STRIPE_WEBHOOK_SECRET + " is required in production: payments confirmed later would never be booked");
            }
            if (!problems.isEmpty()) {
                throw new ConfigException(problems);
            }
            return new PromoConfig(mode, host, port, maxBody, database, adminKey, serviceKey, clickSecret, hashSecret,
                    zone, maxCampaigns, currency, stripeKey, webhookSecrets, apiBase, shutdownTimeout);
        }

        /**
         * A region of the tz database only (ADR 0018): PostgreSQL reads an offset such as {@code +10:00} or
         * {@code UTC+10} with the POSIX sign, as UTC−10, so the budget days of its reconcile and reports would not be
         * Java's.
         */
        private ZoneId budgetZone(String raw) {
            ZoneId zone = null;
            try {
                zone = ZoneId.of(raw);
            } catch (DateTimeException e) {
                // reported below
            }
            if (zone != null && !(zone instanceof ZoneOffset) && ZoneId.getAvailableZoneIds().contains(zone.getId())) {
                return zone;
            }
            problems.add(BUDGET_ZONE + " must be a time zone region of the tz database such as Europe/Berlin, Australia/Brisbane"
                    + " or UTC (got '" + raw + "'). An offset is refused because PostgreSQL reads it with the opposite"
                    + " sign (POSIX: '+10:00' is UTC-10 there); for a fixed offset use an Etc/GMT zone, whose sign is"
                    + " inverted by the same convention: Etc/GMT-10 is UTC+10, Etc/GMT+5 is UTC-5.");
            return ZoneId.of("UTC");
        }

        /**
         * An ISO 4217 code that {@link Currency} knows, in either case; kept in lower case as Stripe writes and
         * compares it, so that a payment's currency matches the configured one whatever case was configured.
         */
        private String currency(String raw) {
            try {
                if (raw.length() == 3) {
                    return Currency.getInstance(raw.toUpperCase(Locale.ROOT)).getCurrencyCode().toLowerCase(Locale.ROOT);
                }
            } catch (IllegalArgumentException e) {
                // reported below
            }
            problems.add(CURRENCY + " must be an ISO 4217 currency code such as usd, eur or gbp (got '" + raw + "')");
            return DEFAULT_CURRENCY;
        }

        private long number(String name, long fallback, long min, long max) {
            String raw = values.get(name);
            if (raw == null) {
                return fallback;
            }
            try {
                long value = Long.parseLong(raw);
                if (value >= min && value <= max) {
                    return value;
                }
            } catch (NumberFormatException ignored) {
                // reported below
            }
            problems.add(name + " must be a whole number from " + min + " to " + max + " (got '" + raw + "')");
            return fallback;
        }

        /** A duration written as {@code 2s}, {@code 500ms} or {@code 1m}; a bare number is seconds. */
        private Duration duration(String name, Duration fallback, Duration min, Duration max) {
            String raw = values.get(name);
            if (raw == null) {
                return fallback;
            }
            java.util.regex.Matcher matcher = java.util.regex.Pattern.compile("(\\d{1,9})\\s*(ms|s|m)?").matcher(raw);
            if (matcher.matches()) {
                long amount = Long.parseLong(matcher.group(1));
                String unit = matcher.group(2) == null ? "s" : matcher.group(2);
                Duration value = switch (unit) {
                    case "ms" -> Duration.ofMillis(amount);
                    case "m" -> Duration.ofMinutes(amount);
                    default -> Duration.ofSeconds(amount);
                };
                if (value.compareTo(min) >= 0 && value.compareTo(max) <= 0) {
                    return value;
                }
            }
            problems.add(name + " must be a duration from " + text(min) + " to " + text(max)
                    + " such as 2s or 500ms (got '" + raw + "')");
            return fallback;
        }

        private static String text(Duration duration) {
            return duration.toMillis() % 1000 != 0 ? duration.toMillis() + "ms"
                    : duration.toSeconds() % 60 != 0 || duration.isZero() ? duration.toSeconds() + "s"
                    : duration.toMinutes() + "m";
        }

        /** A configured secret, or in dev mode one made up now; production refuses a missing or short one. */
        private Secret secret(String name, boolean production) {
            String raw = values.get(name);
            if (raw == null) {
                if (production) {
                    problems.add(name + " is required in production (at least " + Secret.MIN_LENGTH + " characters)");
                }
                return Secret.generate(random);
            }
            if (raw.length() < Secret.MIN_LENGTH) {
                problems.add(name + " must be at least " + Secret.MIN_LENGTH + " characters (got " + raw.length() + ")");
            }
            return new Secret(raw, false);
        }
    }
}
