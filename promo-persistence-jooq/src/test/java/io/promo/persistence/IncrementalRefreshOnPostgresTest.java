package io.promo.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import io.promo.domain.advertiser.Advertiser;
import io.promo.domain.campaign.Campaign;
import io.promo.domain.campaign.CampaignAction;
import io.promo.domain.ledger.BudgetCalendar;
import io.promo.domain.ledger.EntryKind;
import io.promo.domain.ledger.IdempotencyKey;
import io.promo.domain.ledger.LedgerEntry;
import io.promo.domain.pricing.PolicyLimits;
import io.promo.domain.serving.index.ChangeCursor;
import io.promo.domain.serving.index.ServingChangeSet;
import io.promo.domain.serving.index.ServingIndex;
import io.promo.domain.serving.index.ServingIndexRefresher;
import io.promo.domain.serving.index.ServingSettings;
import io.promo.domain.serving.pacing.HourlyTrafficCounter;
import io.promo.domain.shared.Actor;
import io.promo.domain.shared.CampaignId;
import io.promo.domain.shared.Money;
import io.promo.domain.shared.Surface;
import io.promo.domain.testing.MutableClock;
import io.promo.domain.testing.TestData;
import io.promo.domain.traffic.TrafficCtrStatistics;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The incremental refresh (ADR 0038) on PostgreSQL through the real adapters: a change is served after one refresh
 * that read only the changes, including the change of a transaction that began before the last refresh and
 * committed after it (its id is below the ids the last refresh saw, so a cursor of the highest id seen would skip
 * it; the snapshot's xmin does not).
 */
class IncrementalRefreshOnPostgresTest {

    private final MutableClock clock = new MutableClock(Instant.now());
    private final PostgresRepositories repositories = PostgresFixture.repositories();
    private final ServingSettings settings = ServingSettings.defaults(new PolicyLimits(Money.ofCents(25), 3, 1),
            BudgetCalendar.UTC);
    private final ServingIndexRefresher refresher = new ServingIndexRefresher(repositories.campaigns(),
            repositories.advertisers(), repositories.policies(), repositories.ledger(),
            new TrafficCtrStatistics(repositories.ctrFeed(), BudgetCalendar.UTC, clock, TrafficCtrStatistics.DEFAULT_DAYS),
            new HourlyTrafficCounter(BudgetCalendar.UTC, 8), settings, clock, repositories.servingChanges(),
            Duration.ofMinutes(10));
    private final AtomicInteger references = new AtomicInteger();
    private Advertiser owner;
    private Campaign first;
    private Campaign second;

    @BeforeEach
    void two_funded_active_campaigns() {
        PostgresFixture.emptyDatabase();
        owner = TestData.anAdvertiser();
        repositories.advertisers().insert(owner);
        first = active();
        second = active();
        topUp(first.id(), 5_000);
        topUp(second.id(), 5_000);
    }

    private Campaign active() {
        Campaign draft = TestData.aCampaign(owner.id(), TestData.settings().cpc(50).dailyBudget(1_000).build());
        repositories.campaigns().insert(draft);
        Campaign active = draft.apply(CampaignAction.ACTIVATE, Actor.ADMIN, TestData.NOW).orElseThrow();
        assertThat(repositories.campaigns().updateIfUnchanged(active, draft.updatedAt())).isTrue();
        return active;
    }

    private void topUp(CampaignId id, long cents) {
        repositories.ledger().record(new LedgerEntry(TestData.IDS.newLedgerEntryId(), id, EntryKind.TOPUP,
                Money.ofCents(cents), new IdempotencyKey(IdempotencyKey.STRIPE, "pi_" + references.incrementAndGet()),
                Optional.empty(), clock.instant()));
    }

    private LocalDate today() {
        return BudgetCalendar.UTC.dayOf(clock.instant());
    }

    private ServingIndex refreshAfter(Duration wait) {
        clock.advance(wait);
        return refresher.refresh();
    }

    @Test
    void a_transaction_that_began_before_a_refresh_and_committed_after_it_is_not_missed() throws SQLException {
        refresher.refresh();
        try (Connection late = TestDatabase.dataSource().getConnection()) {
            late.setAutoCommit(false);
            try (PreparedStatement topUp = late.prepareStatement(
                    "update promo_campaign_budget set balance_cents = balance_cents + 700 where campaign_id = ?")) {
                topUp.setString(1, first.id().value());
                topUp.executeUpdate(); // the late transaction has its id now, and holds it open
            }
            topUp(second.id(), 300); // a later transaction, with a higher id, commits first
            ServingIndex between = refreshAfter(Duration.ofSeconds(1));
            assertThat(between.campaign(second.id()).orElseThrow().balance).isEqualTo(5_300);
            assertThat(between.campaign(first.id()).orElseThrow().balance).isEqualTo(5_000);

            late.commit();
        }

        ServingIndex after = refreshAfter(Duration.ofSeconds(1));

        assertThat(after.campaign(first.id()).orElseThrow().balance).isEqualTo(5_700);
        assertThat(refresher.fullRebuilds()).isEqualTo(1);
        assertThat(refresher.incrementalRefreshes()).isEqualTo(2);
    }

    @Test
    void a_spend_is_served_after_one_incremental_refresh() {
        refresher.refresh();
        repositories.ledger().spend(new LedgerEntry(TestData.IDS.newLedgerEntryId(), first.id(), EntryKind.SPEND,
                Money.ofCents(50), new IdempotencyKey(IdempotencyKey.CLICK, "pevt_c1"), Optional.empty(),
                clock.instant()), today());

        ServingIndex after = refreshAfter(Duration.ofSeconds(1));

        assertThat(after.campaign(first.id()).orElseThrow().spentToday).isEqualTo(50);
        assertThat(after.campaign(first.id()).orElseThrow().balance).isEqualTo(4_950);
        assertThat(refresher.fullRebuilds()).isEqualTo(1);
    }

    @Test
    void a_pause_is_served_after_one_incremental_refresh_as_a_full_rebuild_serves_it() {
        refresher.refresh();
        Campaign stored = repositories.campaigns().findById(first.id()).orElseThrow();
        repositories.campaigns().updateIfUnchanged(stored.apply(CampaignAction.PAUSE, Actor.ADMIN, clock.instant())
                .orElseThrow(), stored.updatedAt());

        ServingIndex after = refreshAfter(Duration.ofSeconds(1));

        assertThat(after.campaign(first.id()).orElseThrow().active).isFalse();
        assertThat(after.campaign(second.id()).orElseThrow().active).isTrue();
        assertThat(refresher.fullRebuilds()).isEqualTo(1);
        ServingIndex full = refresher.rebuildFully();
        assertThat(full.campaign(first.id()).orElseThrow().active).isFalse();
        assertThat(full.campaignsIn(Surface.PEOPLE_SEARCH, TestData.BERLIN))
                .isEqualTo(after.campaignsIn(Surface.PEOPLE_SEARCH, TestData.BERLIN));
    }

    @Test
    void unchanged_rows_are_not_read_again_even_once_vacuum_froze_them() throws SQLException {
        ServingIndex before = refresher.refresh();
        ChangeCursor cursor = repositories.servingChanges().changesSince(ChangeCursor.ORIGIN, today()).next();
        try (Connection connection = TestDatabase.dataSource().getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("vacuum (freeze) promo_campaign, promo_campaign_budget, promo_advertiser, promo_policy");
        }

        ServingChangeSet none = repositories.servingChanges().changesSince(cursor, today());
        ServingIndex after = refreshAfter(Duration.ofSeconds(1));

        assertThat(none.isEmpty()).isTrue();
        assertThat(after.slice(Surface.PEOPLE_SEARCH, TestData.BERLIN))
                .isSameAs(before.slice(Surface.PEOPLE_SEARCH, TestData.BERLIN));
        assertThat(after.builtAt()).isEqualTo(clock.instant());
    }
}
