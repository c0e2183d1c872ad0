package io.promo.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.promo.domain.campaign.CampaignQuota;
import io.promo.domain.pricing.PricingMode;
import io.promo.embedded.ConfigException;
import io.promo.embedded.internal.Mode;
import io.promo.embedded.internal.Secret;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PromoConfigTest {

    private static final String KEY_A = "a".repeat(40);
    private static final String KEY_B = "b".repeat(40);
    private static final String KEY_C = "c".repeat(40);
    private static final String KEY_D = "d".repeat(40);

    private static PromoConfig load(Map<String, String> environment, Map<String, String> overrides) {
        return PromoConfig.load(environment, overrides, new SecureRandom());
    }

    private static Map<String, String> production() {
        Map<String, String> env = new HashMap<>();
        env.put("PROMO_MODE", "production");
        env.put("PROMO_DB_URL", "jdbc:postgresql://db.internal:5432/promo");
        env.put("PROMO_DB_USER", "promo");
        env.put("PROMO_DB_PASSWORD", "s3cret-password");
        env.put("PROMO_ADMIN_KEY", KEY_A);
        env.put("PROMO_SERVICE_KEY", KEY_B);
        env.put("PROMO_CLICK_TOKEN_SECRET", KEY_C);
        env.put("PROMO_HASH_SECRET", KEY_D);
        env.put("PROMO_STRIPE_SECRET_KEY", "sk_live_123");
        env.put("PROMO_STRIPE_WEBHOOK_SECRET", "whsec_old, whsec_new");
        return env;
    }

    @Test
    void with_nothing_set_dev_mode_runs_on_the_embedded_database_and_generated_secrets() {
        PromoConfig config = load(Map.of("PATH", "/usr/bin"), Map.of());

        assertThat(config.mode()).isEqualTo(Mode.DEV);
        assertThat(config.httpHost()).isEqualTo("127.0.0.1");
        assertThat(config.httpPort()).isEqualTo(8080);
        assertThat(config.database().embedded()).isTrue();
        assertThat(config.database().embeddedDataDirectory()).isEqualTo(Path.of(".promo", "postgres"));
        assertThat(config.budgetZone()).isEqualTo(ZoneId.of("UTC"));
        assertThat(config.campaignQuota()).isEqualTo(new CampaignQuota(1_000));
        assertThat(config.stripeSecretKey()).isEmpty();
        assertThat(config.generatedSecrets()).containsOnlyKeys("PROMO_ADMIN_KEY", "PROMO_SERVICE_KEY",
                "PROMO_CLICK_TOKEN_SECRET", "PROMO_HASH_SECRET");
        assertThat(config.adminKey().value()).hasSizeGreaterThanOrEqualTo(Secret.MIN_LENGTH)
                .isNotEqualTo(config.serviceKey().value());
    }

    @Test
    void environment_variables_are_read_and_flags_override_them() {
        Map<String, String> env = new HashMap<>(Map.of("PROMO_HTTP_HOST", "0.0.0.0", "PROMO_HTTP_PORT", "9000",
                "PROMO_BUDGET_ZONE", "Europe/Berlin", "PROMO_ADMIN_KEY", KEY_A, "PROMO_DATA_DIR", "/var/promo",
                "PROMO_STRIPE_API_BASE", "http://127.0.0.1:12111", "PROMO_MAX_CAMPAIGNS_PER_ADVERTISER", "50"));

        PromoConfig config = load(env, Map.of("PROMO_HTTP_PORT", "9100"));

        assertThat(config.httpHost()).isEqualTo("0.0.0.0");
        assertThat(config.httpPort()).isEqualTo(9100);
        assertThat(config.budgetZone()).isEqualTo(ZoneId.of("Europe/Berlin"));
        assertThat(config.campaignQuota()).isEqualTo(new CampaignQuota(50));
        assertThat(config.adminKey().value()).isEqualTo(KEY_A);
        assertThat(config.adminKey().generated()).isFalse();
        assertThat(config.database().embeddedDataDirectory()).isEqualTo(Path.of("/var/promo"));
        assertThat(config.stripeApiBase()).contains(URI.create("http://127.0.0.1:12111"));
        assertThat(config.generatedSecrets()).doesNotContainKey("PROMO_ADMIN_KEY");
    }

    @Test
    void a_complete_production_configuration_is_accepted() {
        PromoConfig config = load(production(), Map.of());

        assertThat(config.production()).isTrue();
        assertThat(config.database().embedded()).isFalse();
        assertThat(config.generatedSecrets()).isEmpty();
        assertThat(config.stripeWebhookSecrets()).extracting(Secret::value).containsExactly("whsec_old", "whsec_new");
    }

    @Test
    void production_refuses_the_embedded_database_generated_secrets_and_the_dev_gateway_all_at_once() {
        assertThatThrownBy(() -> load(Map.of("PROMO_MODE", "production"), Map.of()))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).hasSize(7)
                        .anyMatch(p -> p.startsWith("PROMO_DB_URL is required in production"))
                        .anyMatch(p -> p.startsWith("PROMO_ADMIN_KEY is required in production"))
                        .anyMatch(p -> p.startsWith("PROMO_SERVICE_KEY is required in production"))
                        .anyMatch(p -> p.startsWith("PROMO_CLICK_TOKEN_SECRET is required in production"))
                        .anyMatch(p -> p.startsWith("PROMO_HASH_SECRET is required in production"))
                        .anyMatch(p -> p.startsWith("PROMO_STRIPE_SECRET_KEY is required in production"))
                        .anyMatch(p -> p.startsWith("PROMO_STRIPE_WEBHOOK_SECRET is required in production")));
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"+10:00", "-05:00", "+10", "UTC+10", "GMT-3", "UT+01:00", "Z"})
    void a_budget_zone_given_as_an_offset_is_refused_with_the_region_to_use_instead(String offset) {
        assertThatThrownBy(() -> load(Map.of("PROMO_BUDGET_ZONE", offset), Map.of()))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).singleElement()
                        .satisfies(problem -> assertThat(problem).startsWith("PROMO_BUDGET_ZONE must be a time zone")
                                .contains("'" + offset + "'").contains("Australia/Brisbane").contains("Etc/GMT-10 is UTC+10")));
    }

    @Test
    void the_currency_is_usd_unless_configured_and_kept_in_lower_case_as_stripe_writes_it() {
        assertThat(load(Map.of(), Map.of()).currency()).isEqualTo("usd");
        assertThat(load(Map.of("PROMO_CURRENCY", "EUR"), Map.of()).currency()).isEqualTo("eur");
        assertThat(load(Map.of("PROMO_CURRENCY", "gbp"), Map.of()).currency()).isEqualTo("gbp");
    }

    @Test
    void the_sponsored_positions_one_advertiser_may_take_are_two_unless_configured_from_1_to_20() {
        assertThat(load(Map.of(), Map.of()).promo().maxSlotsPerAdvertiser()).isEqualTo(2);
        assertThat(load(Map.of("PROMO_MAX_SLOTS_PER_ADVERTISER", "1"), Map.of()).promo().maxSlotsPerAdvertiser()).isEqualTo(1);
        for (String bad : List.of("0", "-1", "21", "two")) {
            assertThatThrownBy(() -> load(Map.of("PROMO_MAX_SLOTS_PER_ADVERTISER", bad), Map.of()))
                    .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).singleElement()
                            .satisfies(problem -> assertThat(problem).startsWith("PROMO_MAX_SLOTS_PER_ADVERTISER")));
        }
    }

    @Test
    void clicks_pay_the_second_price_unless_the_deployment_asks_for_the_first() {
        assertThat(load(Map.of(), Map.of()).promo().pricingMode()).isEqualTo(PricingMode.SECOND_PRICE);
        assertThat(load(Map.of("PROMO_PRICING_MODE", "first_price"), Map.of()).promo().pricingMode())
                .isEqualTo(PricingMode.FIRST_PRICE);
        assertThat(load(Map.of("PROMO_PRICING_MODE", "second_price"), Map.of()).promo().pricingMode())
                .isEqualTo(PricingMode.SECOND_PRICE);
    }

    @Test
    void city_zones_are_read_from_the_setting_and_an_unlisted_city_is_in_the_budget_zone() {
        var zones = load(Map.of("PROMO_CITY_ZONES", "berlin=Europe/Berlin, london=Europe/London",
                "PROMO_BUDGET_ZONE", "Europe/Lisbon"), Map.of()).promo().cityZones();
        assertThat(zones.zoneOf(new io.promo.domain.shared.CityCode("london"))).isEqualTo(ZoneId.of("Europe/London"));
        assertThat(zones.zoneOf(new io.promo.domain.shared.CityCode("paris"))).isEqualTo(ZoneId.of("Europe/Lisbon"));
        assertThat(load(Map.of(), Map.of()).promo().cityZones().zones()).isEmpty();
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"berlin", "berlin=Mars/Olympus", "berlin=+01:00",
        "berlin=Europe/Berlin,berlin=Europe/Paris", "São Paulo=America/Sao_Paulo"})
    void malformed_city_zones_are_refused_naming_the_setting(String setting) {
        assertThatThrownBy(() -> load(Map.of("PROMO_CITY_ZONES", setting), Map.of()))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).singleElement()
                        .satisfies(problem -> assertThat(problem).startsWith("PROMO_CITY_ZONES")));
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"vickrey", "SECOND_PRICE", "first-price", "firstprice"})
    void an_unknown_pricing_mode_is_refused_naming_the_setting(String mode) {
        assertThatThrownBy(() -> load(Map.of("PROMO_PRICING_MODE", mode), Map.of()))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).singleElement()
                        .satisfies(problem -> assertThat(problem).startsWith("PROMO_PRICING_MODE must be one of")
                                .contains("second_price, first_price").contains("(got " + mode + ")")));
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"dollars", "US", "ZZZ", "e1r", "€"})
    void a_currency_that_is_no_iso_4217_code_is_refused_naming_the_setting(String currency) {
        assertThatThrownBy(() -> load(Map.of("PROMO_CURRENCY", currency), Map.of()))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).singleElement()
                        .satisfies(problem -> assertThat(problem).startsWith("PROMO_CURRENCY must be an ISO 4217 currency code")
                                .contains("'" + currency + "'")));
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"UTC", "Australia/Brisbane", "America/New_York", "Etc/GMT-10", "Asia/Kolkata"})
    void a_budget_zone_given_as_a_region_is_accepted(String region) {
        assertThat(load(Map.of("PROMO_BUDGET_ZONE", region), Map.of()).budgetZone()).isEqualTo(ZoneId.of(region));
    }

    @Test
    void malformed_values_are_reported_by_name() {
        Map<String, String> env = new HashMap<>(Map.of("PROMO_MODE", "staging", "PROMO_HTTP_PORT", "eighty",
                "PROMO_BUDGET_ZONE", "Mars/Olympus", "PROMO_ADMIN_KEY", "short", "PROMO_DB_URL", "mysql://x",
                "PROMO_STRIPE_API_BASE", "ftp://stripe", "PROMO_HTTP_MAX_BODY_BYTES", "-1",
                "PROMO_MAX_CAMPAIGNS_PER_ADVERTISER", "0"));

        assertThatThrownBy(() -> load(env, Map.of()))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems())
                        .anyMatch(p -> p.startsWith("PROMO_MODE must be dev or production"))
                        .anyMatch(p -> p.startsWith("PROMO_HTTP_PORT must be a whole number"))
                        .anyMatch(p -> p.startsWith("PROMO_HTTP_MAX_BODY_BYTES must be a whole number"))
                        .anyMatch(p -> p.startsWith("PROMO_MAX_CAMPAIGNS_PER_ADVERTISER must be a whole number from 1"))
                        .anyMatch(p -> p.startsWith("PROMO_BUDGET_ZONE must be a time zone"))
                        .anyMatch(p -> p.startsWith("PROMO_ADMIN_KEY must be at least 32 characters"))
                        .anyMatch(p -> p.startsWith("PROMO_DB_URL must be a PostgreSQL JDBC URL"))
                        .anyMatch(p -> p.startsWith("PROMO_STRIPE_API_BASE must be an http(s) URL")));
    }

    @Test
    void the_admin_and_the_search_service_cannot_share_a_key() {
        Map<String, String> env = production();
        env.put("PROMO_SERVICE_KEY", KEY_A);

        assertThatThrownBy(() -> load(env, Map.of())).isInstanceOf(ConfigException.class)
                .hasMessageContaining("PROMO_ADMIN_KEY and PROMO_SERVICE_KEY must differ");
    }

    @Test
    void no_secret_appears_when_the_configuration_is_printed() {
        String printed = load(production(), Map.of()).toString();

        assertThat(printed).doesNotContain(KEY_A, KEY_B, KEY_C, KEY_D, "sk_live_123", "whsec_old", "s3cret-password");
    }

    @Test
    void database_waits_and_the_shutdown_have_short_defaults_and_read_durations_with_units() {
        PromoConfig defaults = load(Map.of(), Map.of());
        assertThat(defaults.database().connectionTimeout()).isEqualTo(java.time.Duration.ofSeconds(2));
        assertThat(defaults.database().statementTimeout()).isEqualTo(java.time.Duration.ofSeconds(10));
        assertThat(defaults.database().lockTimeout()).isEqualTo(java.time.Duration.ofSeconds(2));
        assertThat(defaults.databaseConcurrentRequests()).isEqualTo(64);
        assertThat(defaults.shutdownTimeout()).isLessThanOrEqualTo(java.time.Duration.ofSeconds(15));

        PromoConfig set = load(Map.of("PROMO_DB_CONNECTION_TIMEOUT", "500ms", "PROMO_DB_STATEMENT_TIMEOUT", "0",
                "PROMO_DB_LOCK_TIMEOUT", "1m", "PROMO_DB_CONCURRENT_REQUESTS", "16", "PROMO_SHUTDOWN_TIMEOUT", "8"), Map.of());
        assertThat(set.database().connectionTimeout()).isEqualTo(java.time.Duration.ofMillis(500));
        assertThat(set.database().statementTimeout()).isZero();
        assertThat(set.database().lockTimeout()).isEqualTo(java.time.Duration.ofMinutes(1));
        assertThat(set.databaseConcurrentRequests()).isEqualTo(16);
        assertThat(set.shutdownTimeout()).isEqualTo(java.time.Duration.ofSeconds(8));
    }

    @Test
    void a_bad_duration_is_refused_naming_the_variable() {
        assertThatThrownBy(() -> load(Map.of("PROMO_DB_CONNECTION_TIMEOUT", "100ms", "PROMO_SHUTDOWN_TIMEOUT", "soon"),
                Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("PROMO_DB_CONNECTION_TIMEOUT must be a duration from 250ms")
                .hasMessageContaining("PROMO_SHUTDOWN_TIMEOUT must be a duration")
                .hasMessageContaining("'soon'");
    }
}
