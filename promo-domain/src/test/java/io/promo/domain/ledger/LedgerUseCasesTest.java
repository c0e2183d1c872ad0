package io.promo.domain.ledger;

import static io.promo.domain.shared.Outcomes.kindOf;
import static io.promo.domain.shared.Outcomes.violatedFields;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.promo.domain.advertiser.Advertiser;
import io.promo.domain.advertiser.InMemoryAdvertiserRepository;
import io.promo.domain.campaign.Campaign;
import io.promo.domain.campaign.CampaignAction;
import io.promo.domain.campaign.InMemoryCampaignRepository;
import io.promo.domain.shared.Actor;
import io.promo.domain.shared.CampaignId;
import io.promo.domain.shared.EventId;
import io.promo.domain.shared.InvalidCommandException;
import io.promo.domain.shared.Money;
import io.promo.domain.shared.Outcome;
import io.promo.domain.shared.Rejection;
import io.promo.domain.testing.MutableClock;
import io.promo.domain.testing.TestData;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LedgerUseCasesTest {

    private final MutableClock clock = MutableClock.at("2026-11-27T22:30:00Z");
    private final InMemoryAdvertiserRepository advertisers = new InMemoryAdvertiserRepository();
    private final InMemoryCampaignRepository campaigns = new InMemoryCampaignRepository();
    private final InMemoryBudgetLedger ledger = new InMemoryBudgetLedger(campaigns, advertisers);
    /** Berlin: 22:30 UTC on the 27th is already 23:30 there, and 23:30 UTC is the 28th. */
    private final BudgetCalendar berlin = new BudgetCalendar(ZoneId.of("Europe/Berlin"));
    private final BillClick billClick = new BillClick(ledger, berlin, TestData.IDS);
    private final RecordFunding recordFunding = new RecordFunding(ledger, campaigns, TestData.IDS, clock);
    private final BudgetQueries queries = new BudgetQueries(ledger, campaigns, berlin, clock);

    private Advertiser owner;
    private Campaign campaign;

    @BeforeEach
    void an_active_campaign_of_50_cents_a_click_and_100_a_day() {
        owner = TestData.anAdvertiser();
        advertisers.insert(owner);
        Campaign draft = TestData.aCampaign(owner.id(), TestData.settings().cpc(50).dailyBudget(100).totalBudget(250L).build());
        campaigns.insert(draft);
        campaign = draft.apply(CampaignAction.ACTIVATE, Actor.ADMIN, TestData.NOW).orElseThrow();
        campaigns.updateIfUnchanged(campaign, draft.updatedAt());
    }

    private SpendOutcome click(String eventId, Instant at) {
        return billClick.bill(new BillClickCommand(campaign.id(), new EventId(eventId), Money.ofCents(50), at));
    }

    private void topUp(long cents, String ref) {
        recordFunding.record(FundingCommand.topUp(campaign.id(), Money.ofCents(cents), IdempotencyKey.STRIPE, ref))
                .orElseThrow();
    }

    @Test
    void a_billed_click_is_a_spend_entry_keyed_by_its_event_id_at_its_cpc() {
        topUp(500, "pi_1");

        SpendOutcome outcome = click("pevt_1", clock.instant());

        assertThat(outcome).isInstanceOf(SpendOutcome.Billed.class);
        LedgerEntry spend = ((SpendOutcome.Billed) outcome).entry();
        assertThat(spend.kind()).isEqualTo(EntryKind.SPEND);
        assertThat(spend.amount()).isEqualTo(Money.ofCents(50));
        assertThat(spend.idempotencyKey()).isEqualTo(new IdempotencyKey(IdempotencyKey.CLICK, "pevt_1"));
        assertThat(spend.balanceEffect()).isEqualTo(Money.ofCents(-50));
    }

    @Test
    void the_daily_budget_is_counted_per_day_of_the_budget_zone_not_of_utc() {
        topUp(1_000, "pi_1");
        Instant lateEveningUtc = Instant.parse("2026-11-27T21:30:00Z"); // 22:30 in Berlin, the 27th
        Instant afterBerlinMidnight = Instant.parse("2026-11-27T23:30:00Z"); // still the 27th in UTC

        assertThat(click("pevt_1", lateEveningUtc).isBilled()).isTrue();
        assertThat(click("pevt_2", lateEveningUtc).isBilled()).isTrue();
        assertThat(click("pevt_3", lateEveningUtc)).isEqualTo(new SpendOutcome.NotBilled(NotBilledReason.DAILY_BUDGET));
        assertThat(click("pevt_4", afterBerlinMidnight).isBilled()).isTrue();
        assertThat(ledger.state(campaign.id(), LocalDate.of(2026, 11, 28)).spentOnDay()).isEqualTo(Money.ofCents(50));
    }

    @Test
    void a_click_without_a_positive_cpc_cannot_even_be_asked_for() {
        assertThatThrownBy(() -> new BillClickCommand(campaign.id(), new EventId("pevt_1"), Money.ZERO, clock.instant()))
                .isInstanceOf(InvalidCommandException.class)
                .hasMessageContaining("cpc_cents");
        assertThatThrownBy(() -> new BillClickCommand(campaign.id(), new EventId("pevt_1"),
                Money.ofCents(Integer.MAX_VALUE + 1L), clock.instant()))
                .isInstanceOf(InvalidCommandException.class);
    }

    @Test
    void a_top_up_recorded_twice_with_one_processor_ref_is_one_entry() {
        Outcome<BudgetLedger.Recorded> first = recordFunding.record(
                FundingCommand.topUp(campaign.id(), Money.ofCents(500), IdempotencyKey.STRIPE, "pi_1"));
        Outcome<BudgetLedger.Recorded> second = recordFunding.record(
                FundingCommand.topUp(campaign.id(), Money.ofCents(500), IdempotencyKey.STRIPE, "pi_1"));

        assertThat(first.orElseThrow().newlyWritten()).isTrue();
        assertThat(second.orElseThrow().newlyWritten()).isFalse();
        assertThat(second.orElseThrow().entry()).isEqualTo(first.orElseThrow().entry());
        assertThat(ledger.state(campaign.id(), berlin.dayOf(clock.instant())).balance()).isEqualTo(Money.ofCents(500));
    }

    @Test
    void zero_negative_and_overflowing_amounts_are_rejected_and_nothing_is_written() {
        assertThat(violatedFields(recordFunding.record(
                FundingCommand.topUp(campaign.id(), Money.ZERO, IdempotencyKey.STRIPE, "pi_0")))).containsExactly("amount_cents");
        assertThat(violatedFields(recordFunding.record(
                FundingCommand.credit(Actor.ADMIN, campaign.id(), Money.ofCents(-5), "sorry", "req_1")))).containsExactly("amount_cents");
        assertThat(violatedFields(recordFunding.record(FundingCommand.topUp(campaign.id(),
                Money.ofCents(Integer.MAX_VALUE + 1L), IdempotencyKey.STRIPE, "pi_big")))).containsExactly("amount_cents");
        assertThat(violatedFields(recordFunding.record(
                FundingCommand.adjustment(campaign.id(), Money.ZERO, IdempotencyKey.STRIPE, "re_0", "refund")))).containsExactly("amount_cents");

        assertThat(ledger.entries(campaign.id(), LedgerPage.first(10))).isEmpty();
    }

    @Test
    void only_an_admin_grants_credits_and_a_credit_needs_a_reason() {
        assertThat(kindOf(recordFunding.record(FundingCommand.credit(Actor.tenant(owner.id()), campaign.id(),
                Money.ofCents(100), "I deserve it", "req_1")))).isEqualTo(Rejection.Kind.FORBIDDEN);
        assertThat(violatedFields(recordFunding.record(FundingCommand.credit(Actor.ADMIN, campaign.id(),
                Money.ofCents(100), " ", "req_1")))).containsExactly("reason");

        BudgetLedger.Recorded granted = recordFunding.record(FundingCommand.credit(Actor.ADMIN, campaign.id(),
                Money.ofCents(100), "bot traffic on 2026-11-26", "req_1")).orElseThrow();

        assertThat(granted.entry().kind()).isEqualTo(EntryKind.CREDIT);
        assertThat(granted.entry().reason()).contains("bot traffic on 2026-11-26");
    }

    @Test
    void a_credit_key_asked_again_answers_its_credit_and_with_another_amount_is_a_conflict() {
        BudgetLedger.Recorded granted = recordFunding.record(FundingCommand.credit(Actor.ADMIN, campaign.id(),
                Money.ofCents(300), "bot traffic", "cr/1")).orElseThrow();

        BudgetLedger.Recorded again = recordFunding.record(FundingCommand.credit(Actor.ADMIN, campaign.id(),
                Money.ofCents(300), "bot traffic", "cr/1")).orElseThrow();
        Outcome<BudgetLedger.Recorded> other = recordFunding.record(FundingCommand.credit(Actor.ADMIN, campaign.id(),
                Money.ofCents(301), "bot traffic", "cr/1"));

        assertThat(again.newlyWritten()).isFalse();
        assertThat(again.entry()).isEqualTo(granted.entry());
        assertThat(kindOf(other)).isEqualTo(Rejection.Kind.CONFLICT);
        assertThat(ledger.state(campaign.id(), berlin.dayOf(clock.instant())).balance()).isEqualTo(Money.ofCents(300));
    }

    @Test
    void a_negative_adjustment_takes_money_back() {
        topUp(500, "pi_1");

        recordFunding.record(FundingCommand.adjustment(campaign.id(), Money.ofCents(-200), IdempotencyKey.STRIPE,
                "re_1", "refund")).orElseThrow();

        assertThat(ledger.state(campaign.id(), berlin.dayOf(clock.instant())).balance()).isEqualTo(Money.ofCents(300));
    }

    @Test
    void funding_an_unknown_campaign_is_not_found_and_writes_nothing() {
        CampaignId unknown = new CampaignId("pcmp_unknown");

        assertThat(kindOf(recordFunding.record(FundingCommand.topUp(unknown, Money.ofCents(500), IdempotencyKey.STRIPE,
                "pi_1")))).isEqualTo(Rejection.Kind.NOT_FOUND);
        assertThat(ledger.findByIdempotencyKey(new IdempotencyKey(IdempotencyKey.STRIPE, "pi_1"))).isEmpty();
    }

    @Test
    void a_processor_ref_reused_for_another_campaign_is_a_conflict_not_a_second_top_up() {
        topUp(500, "pi_1");
        Campaign other = TestData.aCampaign(owner.id());
        campaigns.insert(other);

        Outcome<BudgetLedger.Recorded> reuse = recordFunding.record(
                FundingCommand.topUp(other.id(), Money.ofCents(500), IdempotencyKey.STRIPE, "pi_1"));

        assertThat(kindOf(reuse)).isEqualTo(Rejection.Kind.CONFLICT);
        assertThat(ledger.state(other.id(), berlin.dayOf(clock.instant())).balance()).isEqualTo(Money.ZERO);
    }

    @Test
    void the_summary_shows_balance_spend_and_what_each_budget_has_left() {
        topUp(500, "pi_1");
        click("pevt_1", clock.instant());

        BudgetSummary summary = queries.summary(Actor.tenant(owner.id()), campaign.id()).orElseThrow();

        assertThat(summary.balance()).isEqualTo(Money.ofCents(450));
        assertThat(summary.spentToday()).isEqualTo(Money.ofCents(50));
        assertThat(summary.remainingDailyBudget()).isEqualTo(Money.ofCents(50));
        assertThat(summary.remainingTotalBudget()).contains(Money.ofCents(200));
        assertThat(summary.remainingToday()).isEqualTo(Money.ofCents(50));
    }

    @Test
    void what_remains_today_is_the_least_of_daily_budget_total_budget_and_balance() {
        topUp(70, "pi_1");
        click("pevt_1", clock.instant());

        assertThat(queries.summary(Actor.ADMIN, campaign.id()).orElseThrow().remainingToday()).isEqualTo(Money.ofCents(20));
    }

    @Test
    void another_advertiser_cannot_see_the_money_of_a_campaign() {
        Advertiser stranger = TestData.anAdvertiser();
        advertisers.insert(stranger);
        topUp(500, "pi_1");

        assertThat(kindOf(queries.summary(Actor.tenant(stranger.id()), campaign.id()))).isEqualTo(Rejection.Kind.NOT_FOUND);
        assertThat(kindOf(queries.entries(Actor.tenant(stranger.id()), campaign.id(), LedgerPage.first(10))))
                .isEqualTo(Rejection.Kind.NOT_FOUND);
        assertThat(queries.entries(Actor.tenant(owner.id()), campaign.id(), LedgerPage.first(10)).orElseThrow()).hasSize(1);
    }

    @Test
    void only_an_admin_reconciles_and_a_consistent_ledger_reconciles_clean() {
        topUp(500, "pi_1");
        click("pevt_1", clock.instant());
        clock.advance(Duration.ofHours(2));
        click("pevt_2", clock.instant());

        assertThat(kindOf(queries.reconcile(Actor.tenant(owner.id())))).isEqualTo(Rejection.Kind.FORBIDDEN);
        assertThat(queries.reconcile(Actor.ADMIN).orElseThrow()).isEmpty();
    }

    @Test
    void a_ledger_entry_with_the_wrong_sign_is_a_bug_and_cannot_exist() {
        IdempotencyKey key = new IdempotencyKey(IdempotencyKey.CLICK, "pevt_1");
        assertThatThrownBy(() -> new LedgerEntry(TestData.IDS.newLedgerEntryId(), campaign.id(), EntryKind.SPEND,
                Money.ofCents(-50), key, Optional.empty(), clock.instant())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LedgerEntry(TestData.IDS.newLedgerEntryId(), campaign.id(), EntryKind.ADJUSTMENT,
                Money.ZERO, key, Optional.empty(), clock.instant())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LedgerEntry(TestData.IDS.newLedgerEntryId(), campaign.id(), EntryKind.TOPUP,
                Money.ofCents(Integer.MAX_VALUE + 1L), key, Optional.empty(), clock.instant()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void the_budget_day_runs_midnight_to_midnight_in_its_zone() {
        LocalDate day = LocalDate.of(2026, 3, 29); // Berlin springs forward: a 23-hour day

        assertThat(berlin.startOf(day)).isEqualTo(Instant.parse("2026-03-28T23:00:00Z"));
        assertThat(berlin.endOf(day)).isEqualTo(Instant.parse("2026-03-29T22:00:00Z"));
        assertThat(berlin.dayOf(Instant.parse("2026-03-29T21:59:59Z"))).isEqualTo(day);
        assertThat(List.of(BudgetCalendar.UTC.dayOf(Instant.parse("2026-11-27T23:59:59Z"))))
                .containsExactly(LocalDate.of(2026, 11, 27));
    }
}
