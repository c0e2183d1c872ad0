package io.promo.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.promo.domain.advertiser.Advertiser;
import io.promo.domain.campaign.Campaign;
import io.promo.domain.campaign.CampaignAction;
import io.promo.domain.ledger.BudgetCalendar;
import io.promo.domain.ledger.EntryKind;
import io.promo.domain.ledger.IdempotencyKey;
import io.promo.domain.ledger.LedgerEntry;
import io.promo.domain.shared.Actor;
import io.promo.domain.shared.CampaignId;
import io.promo.domain.shared.Money;
import io.promo.domain.shared.RoleCode;
import io.promo.domain.shared.UserId;
import io.promo.domain.testing.TestData;
import io.promo.domain.traffic.ClickLogged;
import io.promo.domain.traffic.ClickRules;
import io.promo.domain.traffic.ClickToLog;
import io.promo.domain.traffic.DayTraffic;
import io.promo.domain.traffic.EventDetail;
import io.promo.domain.traffic.TrafficEvent;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The budget day in a zone east and a zone west of UTC, on PostgreSQL (ADR 0018): a click ten minutes before and
 * one ten minutes after local midnight land on their own budget days in the spend counters (computed in Java), in
 * reconcile and in the per-day credits of reports (computed in SQL), and the two agree.
 */
class BudgetZoneOnPostgresTest {

    private static final LocalDate DAY = LocalDate.of(2026, 11, 27);
    private static final String HASH = "0123456789abcdef0123456789abcdef";

    @BeforeEach
    void empty_database() {
        PostgresFixture.emptyDatabase();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"Australia/Brisbane", "America/New_York", "Asia/Kolkata"})
    void clicks_either_side_of_local_midnight_land_on_their_budget_days_everywhere(String region) {
        ZoneId zone = ZoneId.of(region);
        BudgetCalendar calendar = new BudgetCalendar(zone);
        PostgresRepositories repositories = new PostgresRepositories(TestDatabase.dataSource(), zone);
        CampaignId campaign = activeFundedCampaign(repositories);
        Instant lateEvening = DAY.atTime(LocalTime.of(23, 50)).atZone(zone).toInstant();
        Instant earlyMorning = DAY.plusDays(1).atTime(LocalTime.of(0, 10)).atZone(zone).toInstant();

        ClickLogged late = click(repositories, calendar, campaign, lateEvening, 50);
        click(repositories, calendar, campaign, earlyMorning, 70);
        repositories.ledger().record(new LedgerEntry(TestData.IDS.newLedgerEntryId(), campaign, EntryKind.CREDIT,
                Money.ofCents(50), new IdempotencyKey(IdempotencyKey.INVALID_CLICK_CREDIT, late.event().eventId().value()),
                Optional.of("invalid click"), earlyMorning.plus(Duration.ofDays(2))));

        assertThat(repositories.ledger().reconcile()).isEmpty();
        List<DayTraffic> days = repositories.trafficReportSource().daily(campaign, DAY, DAY.plusDays(1));
        assertThat(days).extracting(DayTraffic::day).containsExactly(DAY, DAY.plusDays(1));
        assertThat(days.get(0).spent()).isEqualTo(Money.ofCents(50));
        assertThat(days.get(0).creditedClicks()).isEqualTo(1);
        assertThat(days.get(0).credited()).isEqualTo(Money.ofCents(50));
        assertThat(days.get(1).spent()).isEqualTo(Money.ofCents(70));
        assertThat(days.get(1).creditedClicks()).isZero();
    }

    @Test
    void an_offset_that_postgresql_reads_with_the_opposite_sign_is_refused_when_the_adapters_are_built() {
        assertThatThrownBy(() -> new PostgresRepositories(TestDatabase.dataSource(), ZoneOffset.of("+10:00")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("differently")
                .hasMessageContaining("Etc/GMT-10");
        assertThatThrownBy(() -> new PostgresRepositories(TestDatabase.dataSource(), ZoneId.of("UTC-05:00")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("differently");
    }

    private static CampaignId activeFundedCampaign(PostgresRepositories repositories) {
        Advertiser owner = TestData.anAdvertiser();
        repositories.advertisers().insert(owner);
        Campaign draft = TestData.aCampaign(owner.id(), TestData.settings().cpc(70).dailyBudget(1_000).build());
        repositories.campaigns().insert(draft);
        Campaign active = draft.apply(CampaignAction.ACTIVATE, Actor.ADMIN, TestData.NOW).orElseThrow();
        repositories.campaigns().updateIfUnchanged(active, draft.updatedAt());
        repositories.ledger().record(new LedgerEntry(TestData.IDS.newLedgerEntryId(), draft.id(), EntryKind.TOPUP,
                Money.ofCents(5_000), new IdempotencyKey(IdempotencyKey.STRIPE, "pi_" + TestData.IDS.newEventId().value()),
                Optional.of("top-up"), DAY.minusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant()));
        return draft.id();
    }

    private static ClickLogged click(PostgresRepositories repositories, BudgetCalendar calendar, CampaignId campaign,
            Instant at, long cents) {
        TrafficEvent click = new TrafficEvent(TestData.IDS.newEventId(), campaign,
                TestData.IDS.newEventId(), Optional.of(new RoleCode("photographer")), TestData.BERLIN, HASH,
                Optional.of(new UserId("usr_" + TestData.IDS.newEventId().value().substring(5))), Optional.empty(),
                HASH, HASH, at, EventDetail.UNCLASSIFIED);
        LedgerEntry spend = new LedgerEntry(TestData.IDS.newLedgerEntryId(), campaign, EntryKind.SPEND,
                Money.ofCents(cents), new IdempotencyKey(IdempotencyKey.CLICK, click.eventId().value()),
                Optional.of("click " + click.eventId()), at);
        ClickLogged logged = repositories.clickLog().logClick(new ClickToLog(click, spend, calendar.dayOf(at),
                at.minus(Duration.ofMinutes(10)), new ClickToLog.IpBurst(ClickRules.DEFAULTS.ipBurstLimit(), at.minus(Duration.ofMinutes(1)))));
        assertThat(logged).isInstanceOf(ClickLogged.Billed.class);
        return logged;
    }
}
