package io.promo.persistence;

import io.promo.domain.report.TrafficFigures;
import static org.assertj.core.api.Assertions.assertThat;

import io.promo.domain.advertiser.Advertiser;
import io.promo.domain.campaign.Campaign;
import io.promo.domain.campaign.CampaignAction;
import io.promo.domain.campaign.PacingMode;
import io.promo.domain.campaign.TargetEntity;
import io.promo.domain.campaign.TargetEntityType;
import io.promo.domain.ledger.BudgetCalendar;
import io.promo.domain.ledger.EntryKind;
import io.promo.domain.ledger.IdempotencyKey;
import io.promo.domain.ledger.LedgerEntry;
import io.promo.domain.ledger.NotBilledReason;
import io.promo.domain.pricing.PolicyLimits;
import io.promo.domain.report.CampaignReport;
import io.promo.domain.serving.DecideAdPage;
import io.promo.domain.serving.DecisionRequest;
import io.promo.domain.serving.Viewer;
import io.promo.domain.serving.index.ServingIndexRefresher;
import io.promo.domain.serving.index.ServingSettings;
import io.promo.domain.serving.pacing.HourlyTrafficCounter;
import io.promo.domain.serving.pacing.TrafficRecorder;
import io.promo.domain.serving.ranking.CtrStatistics;
import io.promo.domain.shared.Actor;
import io.promo.domain.shared.Money;
import io.promo.domain.shared.Surface;
import io.promo.domain.testing.Race;
import io.promo.domain.testing.TestData;
import io.promo.domain.traffic.ClickCommand;
import io.promo.domain.traffic.ClickResult;
import io.promo.domain.traffic.CreditInvalidClicksCommand;
import io.promo.domain.traffic.CreditedClicks;
import io.promo.domain.traffic.ImpressionBuffer;
import io.promo.domain.traffic.InvalidClickReason;
import io.promo.domain.traffic.QuerySignature;
import io.promo.domain.traffic.ServeCommand;
import io.promo.domain.traffic.ServeSponsoredResults;
import io.promo.domain.traffic.ServedPage;
import io.promo.domain.traffic.TrafficFixture;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The traffic use cases end to end on PostgreSQL: privacy (I9), report money against the ledger (I7), credits. */
class TrafficOnPostgresTest {

    private static final Instant NOW = Instant.parse("2026-11-27T10:15:30Z");
    private static final LocalDate TODAY = LocalDate.ofInstant(NOW, ZoneOffset.UTC);
    private static final String[] RAW_IPS = {"203.0.113.77", "2001:db8::1", "198.51.100.23"};
    private static final String RAW_UA = "Mozilla/5.0 (X11; Linux x86_64) RawAgentForPrivacyTest/1.0";
    private static final String BOT_UA = "python-requests/2.32.3 RawBotForPrivacyTest";
    private static final String RAW_FINGERPRINT = "rawfingerprintforprivacytest";

    private final DataSource dataSource = TestDatabase.dataSource();
    private TrafficFixture traffic;

    @BeforeEach
    void empty_database() {
        PostgresFixture.emptyDatabase();
        PostgresRepositories repositories = PostgresFixture.repositories();
        traffic = new TrafficFixture(NOW, PostgresFixture.trafficStores(repositories));
    }

    /** An active campaign that serves today for "srv_<entity>", any query, 60¢. */
    private Campaign servingCampaign(Advertiser owner, String entity) {
        Campaign draft = Campaign.draft(TestData.IDS.newCampaignId(), owner.id(), Surface.PEOPLE_SEARCH,
                new TargetEntity(TargetEntityType.SERVICE_PROFILE, entity),
                TestData.settings().startDate(TODAY).keywords().pacing(PacingMode.ACCELERATED).cpc(60).build(), NOW);
        traffic.campaigns.insert(draft);
        Campaign active = draft.apply(CampaignAction.ACTIVATE, Actor.ADMIN, NOW).orElseThrow();
        traffic.campaigns.updateIfUnchanged(active, draft.updatedAt());
        traffic.ledger.record(new LedgerEntry(TestData.IDS.newLedgerEntryId(), active.id(), EntryKind.TOPUP,
                Money.ofCents(5_000), new IdempotencyKey(IdempotencyKey.STRIPE, "pi_" + entity), Optional.empty(), NOW));
        return active;
    }

    @Test
    void no_raw_ip_user_agent_or_fingerprint_reaches_any_text_column_after_serving_and_clicking() throws Exception {
        Advertiser owner = traffic.advertiser();
        servingCampaign(owner, "srv_privacy");
        ServingSettings settings = ServingSettings.defaults(new PolicyLimits(Money.ofCents(25), 2, 1), BudgetCalendar.UTC);
        PostgresRepositories repositories = PostgresFixture.repositories();
        ServingIndexRefresher index = new ServingIndexRefresher(repositories.campaigns(), repositories.advertisers(),
                repositories.policies(), repositories.ledger(), CtrStatistics.NONE,
                new HourlyTrafficCounter(BudgetCalendar.UTC, 8), settings, traffic.clock);
        List<String> tokens = new ArrayList<>();
        ImpressionBuffer buffer = new ImpressionBuffer(ImpressionBuffer.Settings.DEFAULTS);
        try (ImpressionWriter writer = new ImpressionWriter(buffer, repositories.impressionLog())) {
            ServeSponsoredResults serve = new ServeSponsoredResults(new DecideAdPage(index, settings, TestData.IDS,
                    traffic.clock, TrafficRecorder.NONE, new QuerySignature(TrafficFixture.HASH_SECRET)::of),
                    traffic.signer, traffic.hasher, buffer);
            for (String ip : RAW_IPS) {
                ServedPage page = serve.serve(new ServeCommand(new DecisionRequest(Surface.PEOPLE_SEARCH, Optional.empty(),
                        TestData.BERLIN, "portrait", Viewer.anonymous(RAW_FINGERPRINT), 20, List.of("srv_privacy")),
                        ip, RAW_UA));
                tokens.add(page.clickToken(page.page().sponsored().get(0)));
            }
        }
        List<ClickResult> clicks = List.of(
                traffic.recordClick.click(new ClickCommand(tokens.get(0), null, RAW_FINGERPRINT, RAW_IPS[0], RAW_UA)),
                traffic.recordClick.click(new ClickCommand(tokens.get(1), "usr_reader", null, RAW_IPS[1], BOT_UA)),
                traffic.recordClick.click(new ClickCommand(tokens.get(0), "usr_other", null, RAW_IPS[2], RAW_UA)),
                traffic.recordClick.click(new ClickCommand("garbage", null, RAW_FINGERPRINT, RAW_IPS[2], RAW_UA)),
                traffic.recordClick.click(new ClickCommand(tokens.get(2), null, null, RAW_IPS[1], RAW_UA)));

        assertThat(clicks).extracting(c -> c.reason().orElse("billed"))
                .containsExactly("billed", "bot_user_agent", "duplicate_impression", "malformed_token", "bad_client_data");
        assertThat(count("select count(*) from promo_event where type = 'impression'")).isEqualTo(3);
        for (String raw : List.of(RAW_IPS[0], RAW_IPS[1], RAW_IPS[2], RAW_UA, BOT_UA, "RawAgentForPrivacyTest",
                "RawBotForPrivacyTest", RAW_FINGERPRINT)) {
            assertThat(columnsContaining(raw)).as("columns holding '%s'", raw).isEmpty();
        }
        assertThat(columnsContaining(traffic.hasher.ip(RAW_IPS[0]))).contains("promo_event.ip_hash");
    }

    @Test
    void report_spend_equals_the_ledger_and_the_daily_counts_equal_counting_the_events() throws Exception {
        Advertiser owner = traffic.advertiser();
        Campaign campaign = traffic.activeCampaign(owner, 300, 10_000);
        traffic.impressions(campaign.id(), 120);
        for (int i = 0; i < 8; i++) {
            traffic.click(campaign.id(), 50 + i);
        }
        traffic.click(traffic.token(campaign.id(), 50), "curl/8.5.0");

        CampaignReport report = traffic.reports.campaign(Actor.tenant(owner.id()), campaign.id(), TODAY, TODAY).orElseThrow();

        long ledgerSpend = count("select coalesce(sum(amount_cents), 0) from promo_budget_ledger where kind = 'spend'");
        assertThat(report.totals().spent()).isEqualTo(Money.ofCents(ledgerSpend));
        assertThat(report.totals().impressions()).isEqualTo(120);
        assertThat(report.totals().billedClicks()).isEqualTo(count("select count(*) from promo_budget_ledger where kind = 'spend'"));
        assertThat(report.totals().notBilledClicks()).containsKey(NotBilledReason.DAILY_BUDGET);
        assertThat(report.totals().invalidClicks()).containsEntry(InvalidClickReason.BOT_USER_AGENT, 1L);
        assertThat(traffic.ledger.reconcile()).isEmpty();
        assertThat(count("""
                select count(*) from (
                  select campaign_id, (ts at time zone 'UTC')::date as day, type,
                         case when type = 'impression' then ''
                              when type = 'click' and (extra_json ->> 'billed_cents')::bigint > 0 then 'billed'
                              else extra_json ->> 'reason' end as outcome,
                         count(*) as events,
                         sum(coalesce((extra_json ->> 'bid_cents')::bigint - (extra_json ->> 'billed_cents')::bigint, 0))
                           as savings
                  from promo_event group by 1, 2, 3, 4
                ) counted
                full join promo_traffic_daily d
                  on d.campaign_id = counted.campaign_id and d.budget_day = counted.day and d.type = counted.type
                 and d.outcome = counted.outcome
                where d.events is distinct from counted.events or d.savings_cents is distinct from counted.savings
                """)).as("rows where the daily counts differ from counting promo_event").isZero();
    }

    @Test
    void a_second_price_click_logs_its_bid_and_the_report_shows_the_savings_and_a_count_from_before_bids_reads_zero()
            throws Exception {
        Advertiser owner = traffic.advertiser();
        Campaign campaign = traffic.activeCampaign(owner, 300, 10_000);
        try (Connection connection = dataSource.getConnection();
             PreparedStatement before = connection.prepareStatement("""
                     insert into promo_traffic_daily (campaign_id, budget_day, type, outcome, events)
                     values (?, ?, 'click', 'billed', 3)""")) {
            before.setString(1, campaign.id().value());
            before.setObject(2, TODAY.minusDays(1));
            before.executeUpdate(); // as a node counted it before clicks carried their bid
        }
        traffic.click(traffic.token(campaign.id(), 26, 50), TrafficFixture.BROWSER);
        traffic.click(traffic.token(campaign.id(), 26, 50), TrafficFixture.BROWSER);

        CampaignReport report = traffic.reports.campaign(Actor.tenant(owner.id()), campaign.id(), TODAY.minusDays(1), TODAY)
                .orElseThrow();

        assertThat(report.days().get(0).figures().billedClicks()).isEqualTo(3);
        assertThat(report.days().get(0).figures().savings()).as("a day before bids saved nothing").isEqualTo(Money.ZERO);
        TrafficFigures today = report.days().get(1).figures();
        assertThat(today.averageCpc()).isEqualTo(Money.ofCents(26));
        assertThat(today.averageBid()).isEqualTo(Money.ofCents(50));
        assertThat(today.savings()).isEqualTo(Money.ofCents(48));
        assertThat(count("""
                select count(*) from promo_event where type = 'click'
                  and (extra_json ->> 'billed_cents')::bigint = 26 and (extra_json ->> 'bid_cents')::bigint = 50"""))
                .isEqualTo(2);
        assertThat(traffic.ledger.reconcile()).isEmpty();
    }

    @Test
    void retroactive_credits_are_written_once_and_shown_in_the_report() throws Exception {
        Advertiser owner = traffic.advertiser();
        Campaign campaign = traffic.activeCampaign(owner, 1_000, 5_000);
        traffic.click(campaign.id(), 50);
        traffic.click(campaign.id(), 70);
        traffic.clock.advance(Duration.ofHours(1));
        CreditInvalidClicksCommand command = new CreditInvalidClicksCommand(Actor.ADMIN, campaign.id(), NOW.minusSeconds(1),
                traffic.clock.instant(), "click farm");

        CreditedClicks first = traffic.creditInvalidClicks.credit(command).orElseThrow();
        CreditedClicks second = traffic.creditInvalidClicks.credit(command).orElseThrow();

        assertThat(first).isEqualTo(new CreditedClicks(2, 2, 0, Money.ofCents(120)));
        assertThat(second).isEqualTo(new CreditedClicks(2, 0, 2, Money.ZERO));
        assertThat(count("select count(*) from promo_budget_ledger where kind = 'credit'")).isEqualTo(2);
        CampaignReport report = traffic.reports.campaign(Actor.ADMIN, campaign.id(), TODAY, TODAY).orElseThrow();
        assertThat(report.totals().creditedClicks()).isEqualTo(2);
        assertThat(report.totals().credited()).isEqualTo(Money.ofCents(120));
        assertThat(report.remaining().balance()).isEqualTo(Money.ofCents(5_000));
        assertThat(traffic.ledger.reconcile()).isEmpty();
    }

    @Test
    void one_token_clicked_from_eight_threads_through_the_use_case_is_billed_once() throws Exception {
        Advertiser owner = traffic.advertiser();
        Campaign campaign = traffic.activeCampaign(owner, 1_000, 5_000);
        String token = traffic.token(campaign.id(), 65);
        List<Callable<ClickResult>> clicks = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            String user = "usr_racer" + i;
            String ip = "192.0.2." + i;
            clicks.add(() -> traffic.recordClick.click(new ClickCommand(token, user, null, ip, TrafficFixture.BROWSER)));
        }

        List<ClickResult> results = Race.run(clicks);

        assertThat(results).filteredOn(ClickResult::billed).hasSize(1).allMatch(r -> r.billedCents() == 65);
        assertThat(results).filteredOn(r -> !r.billed()).hasSize(7)
                .allMatch(r -> r.reason().equals(Optional.of("duplicate_impression")));
        assertThat(count("select count(*) from promo_budget_ledger where kind = 'spend'")).isEqualTo(1);
        assertThat(count("select count(*) from promo_event where type = 'click'")).isEqualTo(1);
        assertThat(count("select count(*) from promo_event where type = 'invalid_click'")).isEqualTo(7);
        assertThat(traffic.ledger.reconcile()).isEmpty();
    }

    private long count(String sql) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             ResultSet row = connection.createStatement().executeQuery(sql)) {
            row.next();
            return row.getLong(1);
        }
    }

    /** Every text-like column of every table in the schema that holds {@code needle} anywhere, as table.column. */
    private List<String> columnsContaining(String needle) throws SQLException {
        List<String> found = new ArrayList<>();
        try (Connection connection = dataSource.getConnection()) {
            List<String[]> columns = new ArrayList<>();
            try (ResultSet rs = connection.createStatement().executeQuery("""
                    select table_name, column_name from information_schema.columns
                    where table_schema = 'public' and table_name <> 'flyway_schema_history'
                      and data_type in ('text', 'character varying', 'jsonb', 'json', 'ARRAY')
                    """)) {
                while (rs.next()) {
                    columns.add(new String[] {rs.getString(1), rs.getString(2)});
                }
            }
            assertThat(columns).extracting(c -> c[0] + "." + c[1]).contains("promo_event.ip_hash", "promo_event.extra_json");
            for (String[] column : columns) {
                try (PreparedStatement query = connection.prepareStatement("select exists (select 1 from " + column[0]
                        + " where strpos(lower(" + column[1] + "::text), lower(?)) > 0)")) {
                    query.setString(1, needle);
                    try (ResultSet row = query.executeQuery()) {
                        row.next();
                        if (row.getBoolean(1)) {
                            found.add(column[0] + "." + column[1]);
                        }
                    }
                }
            }
        }
        return found;
    }
}
