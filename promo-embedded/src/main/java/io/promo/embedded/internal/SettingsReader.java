package io.promo.embedded.internal;

import io.promo.domain.campaign.CampaignQuota;
import io.promo.domain.campaign.FrequencyCap;
import io.promo.domain.campaign.CityZones;
import io.promo.domain.shared.TimeZones;
import io.promo.domain.conversion.ConversionSettings;
import io.promo.domain.conversion.ConversionType;
import io.promo.domain.serving.index.ServingSettings;
import io.promo.domain.pricing.PricingMode;
import io.promo.embedded.ConfigException;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads settings by their {@code PROMO_*} names, collecting every problem instead of stopping at the first, so that
 * a caller hears of all of them at once ({@link #throwIfAny()}). {@link #promoSettings} reads the settings of
 * {@link PromoSettings}; promo-app reads its HTTP settings with the same helpers, on the same reader.
 */
public final class SettingsReader {

    private static final Pattern DURATION = Pattern.compile("(\\d{1,9})\\s*(ms|s|m)?");

    private final Map<String, String> values;
    private final SecureRandom random;
    private final List<String> problems = new ArrayList<>();

    /** @param values settings by name, already trimmed; blank ones left out */
    public SettingsReader(Map<String, String> values, SecureRandom random) {
        this.values = Map.copyOf(values);
        this.random = random;
    }

    /**
     * @param databaseGiven the embedder hands promo its own {@code DataSource}: no URL is needed in production
     * @param gatewayGiven  the embedder hands promo its own payment gateway: no Stripe key is needed in production
     */
    public PromoSettings promoSettings(boolean databaseGiven, boolean gatewayGiven) {
        Mode mode = Mode.DEV;
        try {
            mode = Mode.parse(values.getOrDefault(PromoSettings.MODE, "dev"));
        } catch (IllegalArgumentException e) {
            problem(e.getMessage());
        }
        boolean production = mode == Mode.PRODUCTION;
        int poolSize = (int) number(PromoSettings.DB_POOL_SIZE, PromoSettings.DEFAULT_POOL_SIZE, 1, 200);
        Duration connectionTimeout = duration(PromoSettings.DB_CONNECTION_TIMEOUT,
                PromoSettings.DEFAULT_DB_CONNECTION_TIMEOUT, Duration.ofMillis(250), Duration.ofMinutes(5));
        Duration statementTimeout = duration(PromoSettings.DB_STATEMENT_TIMEOUT,
                PromoSettings.DEFAULT_DB_STATEMENT_TIMEOUT, Duration.ZERO, Duration.ofHours(24));
        Duration lockTimeout = duration(PromoSettings.DB_LOCK_TIMEOUT, PromoSettings.DEFAULT_DB_LOCK_TIMEOUT,
                Duration.ZERO, Duration.ofHours(24));
        Duration shutdownTimeout = duration(PromoSettings.SHUTDOWN_TIMEOUT, PromoSettings.DEFAULT_SHUTDOWN_TIMEOUT,
                Duration.ofSeconds(1), Duration.ofMinutes(10));
        Optional<String> dbUrl = Optional.ofNullable(values.get(PromoSettings.DB_URL));
        dbUrl.filter(url -> !url.startsWith("jdbc:postgresql:")).ifPresent(url ->
                problem(PromoSettings.DB_URL + " must be a PostgreSQL JDBC URL starting with jdbc:postgresql:"));
        if (production && dbUrl.isEmpty() && !databaseGiven) {
            problem(PromoSettings.DB_URL + " is required in production: the embedded PostgreSQL is for local runs only");
        }
        Optional<String> readUrl = Optional.ofNullable(values.get(PromoSettings.DB_READ_URL));
        readUrl.filter(url -> !url.startsWith("jdbc:postgresql:")).ifPresent(url ->
                problem(PromoSettings.DB_READ_URL + " must be a PostgreSQL JDBC URL starting with jdbc:postgresql:"));
        Optional<DatabaseSettings.Reader> reader = readUrl.map(url -> new DatabaseSettings.Reader(url,
                Optional.ofNullable(values.get(PromoSettings.DB_READ_USER)),
                Optional.ofNullable(values.get(PromoSettings.DB_READ_PASSWORD)).map(p -> new Secret(p, false))));
        DatabaseSettings database = new DatabaseSettings(dbUrl, Optional.ofNullable(values.get(PromoSettings.DB_USER)),
                Optional.ofNullable(values.get(PromoSettings.DB_PASSWORD)).map(p -> new Secret(p, false)),
                Path.of(values.getOrDefault(PromoSettings.DATA_DIR, PromoSettings.DEFAULT_DATA_DIR.toString())), poolSize,
                connectionTimeout, statementTimeout, lockTimeout, reader);

        Secret clickSecret = secret(PromoSettings.CLICK_TOKEN_SECRET, production);
        Secret hashSecret = secret(PromoSettings.HASH_SECRET, production);
        ZoneId zone = budgetZone(values.getOrDefault(PromoSettings.BUDGET_ZONE, "UTC"));
        int maxCampaigns = (int) number(PromoSettings.MAX_CAMPAIGNS_PER_ADVERTISER, CampaignQuota.DEFAULT.maxNotEnded(),
                1, 1_000_000);
        String currency = currency(values.getOrDefault(PromoSettings.CURRENCY, PromoSettings.DEFAULT_CURRENCY));
        int maxSlots = (int) number(PromoSettings.MAX_SLOTS_PER_ADVERTISER,
                ServingSettings.DEFAULT_MAX_SLOTS_PER_ADVERTISER, 1, 20);

        Optional<Secret> stripeKey = Optional.ofNullable(values.get(PromoSettings.STRIPE_SECRET_KEY))
                .map(k -> new Secret(k, false));
        List<Secret> webhookSecrets = Optional.ofNullable(values.get(PromoSettings.STRIPE_WEBHOOK_SECRET))
                .map(list -> Arrays.stream(list.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                        .map(s -> new Secret(s, false)).toList())
                .orElse(List.of());
        Optional<URI> apiBase = Optional.empty();
        if (values.containsKey(PromoSettings.STRIPE_API_BASE)) {
            try {
                URI uri = URI.create(values.get(PromoSettings.STRIPE_API_BASE));
                if (uri.getHost() == null || !("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))) {
                    throw new IllegalArgumentException();
                }
                apiBase = Optional.of(uri);
            } catch (IllegalArgumentException e) {
                problem(PromoSettings.STRIPE_API_BASE + " must be an http(s) URL such as https://api.stripe.com");
            }
        }
        if (production && stripeKey.isEmpty() && !gatewayGiven) {
            problem(PromoSettings.STRIPE_SECRET_KEY + " is required in production: the dev payment gateway charges nobody");
        }
        if (production && webhookSecrets.isEmpty() && !gatewayGiven) {
            problem(PromoSettings.STRIPE_WEBHOOK_SECRET
                    + " is required in production: payments confirmed later would never be booked");
        }
        ConversionSettings conversions = conversions(currency);
        PricingMode pricingMode = PricingMode.SECOND_PRICE;
        try {
            pricingMode = PricingMode.parse(PromoSettings.PRICING_MODE,
                    values.getOrDefault(PromoSettings.PRICING_MODE, PricingMode.SECOND_PRICE.code()));
        } catch (IllegalArgumentException e) {
            problem(e.getMessage());
        }
        Duration indexFullRebuild = duration(PromoSettings.INDEX_FULL_REBUILD_INTERVAL,
                PromoSettings.DEFAULT_INDEX_FULL_REBUILD_INTERVAL, Duration.ZERO, Duration.ofHours(24));
        Optional<FrequencyCap> frequencyCap = Optional.empty();
        try {
            frequencyCap = FrequencyCap.parseDefault(values.getOrDefault(PromoSettings.FREQUENCY_CAP, "off"));
        } catch (IllegalArgumentException e) {
            problem(PromoSettings.FREQUENCY_CAP + ": " + e.getMessage());
        }
        CityZones cityZones = CityZones.none(zone);
        try {
            cityZones = CityZones.parse(values.get(PromoSettings.CITY_ZONES), zone);
        } catch (IllegalArgumentException e) {
            problem(PromoSettings.CITY_ZONES + " is a comma-separated list of city=Region/City such as"
                    + " berlin=Europe/Berlin,london=Europe/London: " + e.getMessage());
        }
        return new PromoSettings(mode, database, clickSecret, hashSecret, zone, maxCampaigns, currency, stripeKey,
                webhookSecrets, apiBase, shutdownTimeout, conversions, maxSlots, pricingMode, indexFullRebuild, frequencyCap,
                cityZones);
    }

    /** The deployment's conversion types (beyond inquiry and booking) and click window (ADR 0035). */
    private ConversionSettings conversions(String currency) {
        long windowDays = number(PromoSettings.CONVERSION_WINDOW_DAYS, ConversionSettings.DEFAULT_CLICK_WINDOW.toDays(), 1,
                ConversionSettings.MAX_CLICK_WINDOW.toDays());
        Set<ConversionType> types = new TreeSet<>();
        for (String code : values.getOrDefault(PromoSettings.CONVERSION_TYPES, "").split(",")) {
            String trimmed = code.trim();
            if (ConversionType.isWellFormed(trimmed)) {
                types.add(new ConversionType(trimmed));
            } else if (!trimmed.isEmpty()) {
                problem(PromoSettings.CONVERSION_TYPES + " is a comma-separated list of lower-case codes such as"
                        + " quote_request,callback (letters, digits and _, at most 32; got '" + trimmed + "')");
            }
        }
        return new ConversionSettings(types, Duration.ofDays(windowDays), currency);
    }

    /** A setting's text, or {@code fallback} when it is not set. */
    public String text(String name, String fallback) {
        return values.getOrDefault(name, fallback);
    }

    /** Records a problem: one sentence starting with the setting's name. */
    public void problem(String problem) {
        problems.add(problem);
    }

    /** @throws ConfigException naming every problem recorded so far, if there is one */
    public void throwIfAny() {
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
    }

    /**
     * A region of the tz database only (ADR 0018): PostgreSQL reads an offset such as {@code +10:00} or
     * {@code UTC+10} with the POSIX sign, as UTC−10, so the budget days of its reconcile and reports would not be
     * Java's.
     */
    private ZoneId budgetZone(String raw) {
        Optional<ZoneId> zone = TimeZones.region(raw);
        if (zone.isPresent()) {
            return zone.get();
        }
        problem(PromoSettings.BUDGET_ZONE + " must be a time zone region of the tz database such as Europe/Berlin,"
                + " Australia/Brisbane or UTC (got '" + raw + "'). An offset is refused because PostgreSQL reads it with"
                + " the opposite sign (POSIX: '+10:00' is UTC-10 there); for a fixed offset use an Etc/GMT zone, whose"
                + " sign is inverted by the same convention: Etc/GMT-10 is UTC+10, Etc/GMT+5 is UTC-5.");
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
        problem(PromoSettings.CURRENCY + " must be an ISO 4217 currency code such as usd, eur or gbp (got '" + raw + "')");
        return PromoSettings.DEFAULT_CURRENCY;
    }

    /** A whole number from {@code min} to {@code max}, or {@code fallback} when it is not set. */
    public long number(String name, long fallback, long min, long max) {
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
        problem(name + " must be a whole number from " + min + " to " + max + " (got '" + raw + "')");
        return fallback;
    }

    /** A duration written as {@code 2s}, {@code 500ms} or {@code 1m}; a bare number is seconds. */
    public Duration duration(String name, Duration fallback, Duration min, Duration max) {
        String raw = values.get(name);
        if (raw == null) {
            return fallback;
        }
        Matcher matcher = DURATION.matcher(raw);
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
        problem(name + " must be a duration from " + text(min) + " to " + text(max)
                + " such as 2s or 500ms (got '" + raw + "')");
        return fallback;
    }

    private static String text(Duration duration) {
        return duration.toMillis() % 1000 != 0 ? duration.toMillis() + "ms"
                : duration.toSeconds() % 60 != 0 || duration.isZero() ? duration.toSeconds() + "s"
                : duration.toMinutes() + "m";
    }

    /** A configured secret, or in dev mode one made up now; production refuses a missing or short one. */
    public Secret secret(String name, boolean production) {
        String raw = values.get(name);
        if (raw == null) {
            if (production) {
                problem(name + " is required in production (at least " + Secret.MIN_LENGTH + " characters)");
            }
            return Secret.generate(random);
        }
        if (raw.length() < Secret.MIN_LENGTH) {
            problem(name + " must be at least " + Secret.MIN_LENGTH + " characters (got " + raw.length() + ")");
        }
        return new Secret(raw, false);
    }
}
