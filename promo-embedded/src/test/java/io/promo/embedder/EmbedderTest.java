package io.promo.embedder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.promo.domain.campaign.Campaign;
import io.promo.domain.conversion.Attribution;
import io.promo.domain.conversion.ConversionRecorded;
import io.promo.domain.conversion.RecordConversionCommand;
import io.promo.domain.report.CampaignReport;
import io.promo.domain.shared.Actor;
import io.promo.domain.shared.CampaignId;
import io.promo.domain.shared.InvalidCommandException;
import io.promo.domain.shared.Money;
import io.promo.domain.shared.Violation;
import io.promo.domain.traffic.ClickCommand;
import io.promo.domain.traffic.ClickResult;
import io.promo.embedded.AdPage;
import io.promo.embedded.AdRequest;
import io.promo.embedded.ConfigException;
import io.promo.embedded.Promo;
import io.promo.embedded.SearchAds;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A JVM service embedding promo as the documented API lets it: only {@code io.promo.embedded} and the domain's
 * types, never {@code io.promo.embedded.internal} ({@code PublicApiRulesTest} holds this package to that). Its
 * promo runs in dev mode on an embedded PostgreSQL of its own, under a temporary data directory.
 */
class EmbedderTest {

    private static final String HASH_SECRET = "embedder-hash-secret-0123456789abcdef";

    @TempDir
    static Path data;
    private static Promo promo;

    @BeforeAll
    static void start() {
        promo = Promo.builder()
                .settings(Map.of("PROMO_DATA_DIR", data.resolve("postgres").toString(), "PROMO_HASH_SECRET", HASH_SECRET,
                        "PROMO_BUDGET_ZONE", "UTC"))
                .schema(Promo.Schema.MIGRATE)
                .start();
    }

    @AfterAll
    static void close() {
        if (promo != null) {
            promo.close();
        }
    }

    @Test
    void a_search_decided_in_process_shows_the_funded_campaign_and_its_click_is_billed_once_and_reported() {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        Campaign campaign = Campaigns.active(promo, "srv_lena_photo", "berlin", 60);
        promo.refreshServingIndex();

        AdPage page = promo.serving().decide(AdRequest.builder("people_search", "berlin").query("portrait photographer")
                .anonymousViewer("fp_1").client("203.0.113.7", "Mozilla/5.0")
                .organicMatches(List.of("srv_anna", "srv_lena_photo", "srv_bo")).build());

        assertThat(page.results()).hasSize(3);
        AdPage.Result sponsored = page.sponsored().get(0);
        assertThat(sponsored.entityId()).isEqualTo("srv_lena_photo");
        assertThat(sponsored.position()).isEqualTo(1);
        assertThat(sponsored.campaignId()).isEqualTo(campaign.id().value());
        assertThat(sponsored.cpcCents()).isEqualTo(60L);
        assertThat(sponsored.priceCents()).as("the lone bidder's clearing price: the 25¢ floor").isEqualTo(25L);
        assertThat(sponsored.clickToken()).isNotBlank();
        assertThat(page.impressionsDropped()).isZero();

        ClickResult first = promo.clicks().click(new ClickCommand(sponsored.clickToken(), null, "fp_1", "203.0.113.7",
                "Mozilla/5.0"));
        ClickResult again = promo.clicks().click(new ClickCommand(sponsored.clickToken(), null, "fp_1", "203.0.113.7",
                "Mozilla/5.0"));
        assertThat(first.billed()).as("%s", first).isTrue();
        assertThat(first.billedCents()).as("a lone bidder pays the 25¢ floor, not its 60¢ bid").isEqualTo(25);
        assertThat(again.billed()).as("%s", again).isFalse();

        promo.flushImpressions(Duration.ofSeconds(30));
        CampaignReport report = promo.reports().campaign(Actor.tenant(campaign.advertiserId()), campaign.id(), today, today)
                .orElseThrow();
        assertThat(report.totals().impressions()).isEqualTo(1);
        assertThat(report.totals().billedClicks()).isEqualTo(1);
        assertThat(report.totals().spent()).isEqualTo(Money.ofCents(25));

        // The searcher books: the embedder reports it in process, as POST /v1/conversions does.
        ConversionRecorded booking = promo.conversions().record(new RecordConversionCommand("bk_embedded", "booking",
                24_000L, "USD", Instant.now(), first.eventId().value(), null, null, null, null)).orElseThrow();
        assertThat(booking.conversion().attribution()).isInstanceOf(Attribution.Attributed.class);
        CampaignReport withBooking = promo.reports().campaign(Actor.tenant(campaign.advertiserId()), campaign.id(), today,
                today).orElseThrow();
        assertThat(withBooking.conversionTotals().conversions()).isEqualTo(1);
        assertThat(withBooking.conversionTotals().roas()).contains(960.0);
    }

    @Test
    void a_broken_search_is_refused_naming_every_broken_field_and_nothing_is_decided() {
        assertThatThrownBy(() -> promo.serving().decide(AdRequest.builder("people", "berlin").anonymousViewer("fp_1")
                .client("203.0.113.7", "Mozilla/5.0").organicMatches(List.of("srv_a", "srv_a")).build()))
                .isInstanceOfSatisfying(InvalidCommandException.class, e -> assertThat(e.violations())
                        .extracting(Violation::field).contains("surface", "organic_matches"));
        assertThatThrownBy(() -> promo.serving().decide(AdRequest.builder("people_search", "berlin").anonymousViewer("fp_1")
                .organicMatches(List.of("srv_a")).build()))
                .isInstanceOfSatisfying(InvalidCommandException.class, e -> assertThat(e.violations())
                        .extracting(Violation::field).contains("client.ip", "client.user_agent"));
    }

    @Test
    void a_null_where_a_request_command_or_setting_is_due_throws_naming_it_before_any_work() {
        assertThatThrownBy(() -> promo.serving().decide(null)).isInstanceOf(NullPointerException.class).hasMessage("request");
        assertThatThrownBy(() -> promo.clicks().click(null)).isInstanceOf(NullPointerException.class).hasMessage("command");
        assertThatThrownBy(() -> promo.createCampaign().create(null)).isInstanceOf(NullPointerException.class)
                .hasMessage("command");
        assertThatThrownBy(() -> promo.createAdvertiser().create(null)).isInstanceOf(NullPointerException.class)
                .hasMessage("command");
        assertThatThrownBy(() -> promo.recordFunding().record(null)).isInstanceOf(NullPointerException.class)
                .hasMessage("command");
        assertThatThrownBy(() -> promo.budgets().summary(Actor.ADMIN, null)).isInstanceOf(NullPointerException.class)
                .hasMessage("campaignId");
        assertThatThrownBy(() -> promo.flushImpressions(null)).isInstanceOf(NullPointerException.class).hasMessage("within");
        assertThatThrownBy(() -> promo.flushImpressions(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("within");
        assertThatThrownBy(() -> Promo.builder().settings(null)).isInstanceOf(NullPointerException.class)
                .hasMessage("settings");
    }

    @Test
    void a_null_where_a_query_needs_an_actor_an_id_or_a_page_throws_naming_it() {
        CampaignId campaign = new CampaignId("pcmp_" + "0".repeat(26));
        LocalDate day = LocalDate.of(2026, 12, 5);
        assertThatThrownBy(() -> promo.campaigns().get(null, campaign)).isInstanceOf(NullPointerException.class)
                .hasMessage("actor");
        assertThatThrownBy(() -> promo.campaigns().get(Actor.ADMIN, null)).isInstanceOf(NullPointerException.class)
                .hasMessage("id");
        assertThatThrownBy(() -> promo.campaigns().list(Actor.ADMIN, null)).isInstanceOf(NullPointerException.class)
                .hasMessage("advertiserId");
        assertThatThrownBy(() -> promo.advertisers().get(Actor.ADMIN, null)).isInstanceOf(NullPointerException.class)
                .hasMessage("id");
        assertThatThrownBy(() -> promo.advertisers().list(null)).isInstanceOf(NullPointerException.class)
                .hasMessage("actor");
        assertThatThrownBy(() -> promo.reports().campaign(Actor.ADMIN, null, day, day))
                .isInstanceOf(NullPointerException.class).hasMessage("campaignId");
        assertThatThrownBy(() -> promo.reports().advertiser(null, null, day, day))
                .isInstanceOf(NullPointerException.class).hasMessage("actor");
        assertThatThrownBy(() -> promo.budgets().entries(Actor.ADMIN, campaign, null))
                .isInstanceOf(NullPointerException.class).hasMessage("page");
        assertThatThrownBy(() -> promo.budgets().reconcile(null)).isInstanceOf(NullPointerException.class)
                .hasMessage("actor");
        assertThatThrownBy(() -> promo.whyNotShown().explain(null)).isInstanceOf(NullPointerException.class)
                .hasMessage("query");
        assertThatThrownBy(() -> promo.policies().resolve(null, Optional.empty(), null))
                .isInstanceOf(NullPointerException.class).hasMessage("surface");
    }

    @Test
    void a_bad_setting_fails_the_start_naming_it_before_the_database_is_touched() {
        CountingDataSource database = new CountingDataSource();

        assertThatThrownBy(() -> Promo.builder().dataSource(database)
                .settings(Map.of("PROMO_BUDGET_ZONE", "+10:00", "PROMO_HTTP_PORT", "8080", "PROMO_CURENCY", "eur"))
                .start())
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems())
                        .anyMatch(p -> p.startsWith("PROMO_BUDGET_ZONE must be a time zone region"))
                        .anyMatch(p -> p.startsWith("PROMO_HTTP_PORT is not a setting of promo-embedded (it is promo-app's"))
                        .anyMatch(p -> p.startsWith("PROMO_CURENCY is not a setting of promo-embedded")));
        assertThat(database.connections).as("connections asked of the embedder's DataSource").hasValue(0);
    }

    @Test
    void production_without_a_database_or_its_secrets_refuses_to_start_naming_each() {
        assertThatThrownBy(() -> Promo.builder().setting("PROMO_MODE", "production").start())
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems())
                        .anyMatch(p -> p.startsWith("PROMO_DB_URL is required in production"))
                        .anyMatch(p -> p.startsWith("PROMO_HASH_SECRET is required in production"))
                        .anyMatch(p -> p.startsWith("PROMO_CLICK_TOKEN_SECRET is required in production"))
                        .anyMatch(p -> p.startsWith("PROMO_STRIPE_SECRET_KEY is required in production"))
                        .noneMatch(p -> p.contains("ADMIN_KEY") || p.contains("SERVICE_KEY")));
    }

    @Test
    void a_schema_that_is_not_migrated_is_refused_when_verified_and_what_was_opened_is_closed() {
        Path empty = data.resolve("empty-postgres");

        assertThatThrownBy(() -> Promo.builder().setting("PROMO_DATA_DIR", empty.toString())
                .schema(Promo.Schema.VERIFY).start())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("migrate it first");
        // The embedded PostgreSQL it started was stopped again: the same directory starts and migrates at once.
        try (Promo migrated = Promo.builder().setting("PROMO_DATA_DIR", empty.toString()).start()) {
            assertThat(migrated.policies().listPolicies()).isEmpty();
        }
        try (Promo verified = Promo.builder().setting("PROMO_DATA_DIR", empty.toString())
                .schema(Promo.Schema.VERIFY).start()) {
            assertThat(verified.policies().listPolicies()).isEmpty();
        }
    }

    @Test
    void a_closed_promo_says_so_on_every_use_and_a_second_close_is_harmless() {
        Promo closing = Promo.builder().setting("PROMO_DATA_DIR", data.resolve("closing-postgres").toString()).start();
        SearchAds kept = closing.serving();

        closing.close();
        closing.close();

        assertThatThrownBy(closing::serving).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
        assertThatThrownBy(closing::clicks).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
        assertThatThrownBy(() -> kept.decide(AdRequest.builder("people_search", "berlin").anonymousViewer("fp_1")
                .client("203.0.113.7", "Mozilla/5.0").build()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    }

    /** A DataSource that counts what is asked of it and never connects. */
    private static final class CountingDataSource implements DataSource {
        final AtomicInteger connections = new AtomicInteger();

        @Override
        public Connection getConnection() {
            connections.incrementAndGet();
            throw new IllegalStateException("no database here");
        }

        @Override
        public Connection getConnection(String username, String password) {
            return getConnection();
        }

        @Override
        public PrintWriter getLogWriter() {
            return null;
        }

        @Override
        public void setLogWriter(PrintWriter out) {
        }

        @Override
        public void setLoginTimeout(int seconds) {
        }

        @Override
        public int getLoginTimeout() {
            return 0;
        }

        @Override
        public Logger getParentLogger() {
            return Logger.getGlobal();
        }

        @Override
        public <T> T unwrap(Class<T> type) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean isWrapperFor(Class<?> type) {
            return false;
        }
    }
}
