package io.promo.domain.ledger;

import static io.promo.domain.testing.TestData.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import io.promo.domain.advertiser.Advertiser;
import io.promo.domain.advertiser.AdvertiserRepository;
import io.promo.domain.advertiser.AdvertiserStatus;
import io.promo.domain.campaign.Campaign;
import io.promo.domain.campaign.CampaignAction;
import io.promo.domain.campaign.CampaignRepository;
import io.promo.domain.shared.Actor;
import io.promo.domain.shared.CampaignId;
import io.promo.domain.shared.Money;
import io.promo.domain.testing.Race;
import io.promo.domain.testing.TestData;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link BudgetLedger} must do; run against the fake and the PostgreSQL adapter. */
public abstract class BudgetLedgerContract {

    protected static final LocalDate TODAY = LocalDate.of(2026, 11, 27);

    protected abstract AdvertiserRepository advertisers();

    protected abstract CampaignRepository campaigns();

    protected abstract BudgetLedger ledger();

    /** Adapters with shared storage empty it here; a fake made per test has nothing to do. */
    protected void emptyStorage() {
    }

    private Advertiser owner;
    private int sequence;

    @BeforeEach
    void an_active_advertiser_exists_in_empty_storage() {
        emptyStorage();
        owner = TestData.anAdvertiser();
        advertisers().insert(owner);
    }

    /** An active campaign: 50¢ cpc, the given daily and total budgets. */
    protected Campaign activeCampaign(long dailyCents, Long totalCents) {
        Campaign draft = TestData.aCampaign(owner.id(),
                TestData.settings().cpc(50).dailyBudget(dailyCents).totalBudget(totalCents).build());
        campaigns().insert(draft);
        Campaign active = draft.apply(CampaignAction.ACTIVATE, Actor.ADMIN, NOW).orElseThrow();
        campaigns().updateIfUnchanged(active, draft.updatedAt());
        return active;
    }

    protected LedgerEntry topUp(CampaignId campaign, long cents, String ref) {
        return entry(campaign, EntryKind.TOPUP, cents, new IdempotencyKey(IdempotencyKey.STRIPE, ref), NOW);
    }

    protected LedgerEntry spendOf(CampaignId campaign, long cents, String clickRef, Instant at) {
        return entry(campaign, EntryKind.SPEND, cents, new IdempotencyKey(IdempotencyKey.CLICK, clickRef), at);
    }

    private LedgerEntry entry(CampaignId campaign, EntryKind kind, long cents, IdempotencyKey key, Instant at) {
        return new LedgerEntry(TestData.IDS.newLedgerEntryId(), campaign, kind, Money.ofCents(cents), key,
                Optional.of(kind.code() + " " + key.reference()), at.plusNanos(1_000L * sequence++));
    }

    private SpendOutcome spend(CampaignId campaign, long cents, String clickRef) {
        return ledger().spend(spendOf(campaign, cents, clickRef, NOW), TODAY);
    }

    @Test
    void a_spend_within_every_budget_is_billed_and_moves_balance_and_spend() {
        Campaign campaign = activeCampaign(1_000, 10_000L);
        ledger().record(topUp(campaign.id(), 5_000, "pi_1"));

        SpendOutcome outcome = spend(campaign.id(), 50, "pevt_click1");

        assertThat(outcome.isBilled()).isTrue();
        assertThat(ledger().state(campaign.id(), TODAY))
                .isEqualTo(new BudgetState(Money.ofCents(4_950), Money.ofCents(50), Money.ofCents(50), TODAY));
        assertThat(ledger().entries(campaign.id(), LedgerPage.first(10))).hasSize(2);
    }

    @Test
    void the_same_click_billed_twice_is_one_spend() {
        Campaign campaign = activeCampaign(1_000, null);
        ledger().record(topUp(campaign.id(), 5_000, "pi_1"));

        SpendOutcome first = spend(campaign.id(), 50, "pevt_same");
        SpendOutcome second = spend(campaign.id(), 50, "pevt_same");

        assertThat(first.isBilled()).isTrue();
        assertThat(second).isEqualTo(new SpendOutcome.NotBilled(NotBilledReason.DUPLICATE));
        assertThat(ledger().state(campaign.id(), TODAY).spentTotal()).isEqualTo(Money.ofCents(50));
    }

    @Test
    void a_click_beyond_the_daily_budget_is_not_billed_and_writes_nothing() {
        Campaign campaign = activeCampaign(120, null);
        ledger().record(topUp(campaign.id(), 5_000, "pi_1"));
        spend(campaign.id(), 50, "pevt_a");
        spend(campaign.id(), 50, "pevt_b");

        SpendOutcome third = spend(campaign.id(), 50, "pevt_c");

        assertThat(third).isEqualTo(new SpendOutcome.NotBilled(NotBilledReason.DAILY_BUDGET));
        assertThat(ledger().state(campaign.id(), TODAY).spentOnDay()).isEqualTo(Money.ofCents(100));
        assertThat(ledger().findByIdempotencyKey(new IdempotencyKey(IdempotencyKey.CLICK, "pevt_c"))).isEmpty();
        assertThat(ledger().entries(campaign.id(), LedgerPage.first(10))).hasSize(3);
    }

    @Test
    void the_daily_budget_starts_afresh_on_the_next_budget_day() {
        Campaign campaign = activeCampaign(100, null);
        ledger().record(topUp(campaign.id(), 5_000, "pi_1"));
        spend(campaign.id(), 50, "pevt_a");
        spend(campaign.id(), 50, "pevt_b");

        SpendOutcome tomorrow = ledger().spend(spendOf(campaign.id(), 50, "pevt_c", NOW.plus(Duration.ofDays(1))),
                TODAY.plusDays(1));

        assertThat(tomorrow.isBilled()).isTrue();
        assertThat(ledger().state(campaign.id(), TODAY).spentOnDay()).isEqualTo(Money.ofCents(100));
        assertThat(ledger().state(campaign.id(), TODAY.plusDays(1)).spentOnDay()).isEqualTo(Money.ofCents(50));
        assertThat(ledger().state(campaign.id(), TODAY).spentTotal()).isEqualTo(Money.ofCents(150));
    }

    @Test
    void a_late_click_of_a_closed_day_counts_against_that_day_and_its_daily_budget() {
        Campaign campaign = activeCampaign(100, null);
        ledger().record(topUp(campaign.id(), 5_000, "pi_1"));
        spend(campaign.id(), 50, "pevt_a");
        Instant tomorrow = NOW.plus(Duration.ofDays(1));
        ledger().spend(spendOf(campaign.id(), 80, "pevt_b", tomorrow), TODAY.plusDays(1));

        SpendOutcome lateWithinBudget = spend(campaign.id(), 50, "pevt_late1");
        SpendOutcome lateBeyondBudget = spend(campaign.id(), 50, "pevt_late2");
        SpendOutcome tomorrowAgain = ledger().spend(spendOf(campaign.id(), 20, "pevt_c", tomorrow), TODAY.plusDays(1));

        assertThat(lateWithinBudget.isBilled()).isTrue();
        assertThat(lateBeyondBudget).isEqualTo(new SpendOutcome.NotBilled(NotBilledReason.DAILY_BUDGET));
        assertThat(tomorrowAgain.isBilled()).isTrue();
        assertThat(ledger().state(campaign.id(), TODAY).spentOnDay()).isEqualTo(Money.ofCents(100));
        assertThat(ledger().state(campaign.id(), TODAY.plusDays(1)).spentOnDay()).isEqualTo(Money.ofCents(100));
        assertThat(ledger().state(campaign.id(), TODAY.plusDays(2)).spentOnDay()).isEqualTo(Money.ZERO);
        assertThat(ledger().state(campaign.id(), TODAY).spentTotal()).isEqualTo(Money.ofCents(200));
        assertThat(ledger().reconcile()).isEmpty();
    }

    @Test
    void a_change_to_a_campaigns_budgets_or_status_applies_to_the_next_click() {
        Campaign campaign = activeCampaign(100, null);
        ledger().record(topUp(campaign.id(), 5_000, "pi_1"));
        spend(campaign.id(), 50, "pevt_a");
        spend(campaign.id(), 50, "pevt_b");
        assertThat(spend(campaign.id(), 50, "pevt_c")).isEqualTo(new SpendOutcome.NotBilled(NotBilledReason.DAILY_BUDGET));

        Campaign raised = campaign.withSettings(TestData.settings().cpc(50).dailyBudget(150).totalBudget(150L).build(), NOW);
        campaigns().updateIfUnchanged(raised, campaign.updatedAt());
        SpendOutcome afterRaise = spend(campaign.id(), 50, "pevt_d");
        Instant tomorrow = NOW.plus(Duration.ofDays(1));
        SpendOutcome beyondNewTotal = ledger().spend(spendOf(campaign.id(), 50, "pevt_e", tomorrow), TODAY.plusDays(1));
        Campaign suspended = raised.apply(CampaignAction.SUSPEND, Actor.ADMIN, NOW).orElseThrow();
        campaigns().updateIfUnchanged(suspended, raised.updatedAt());
        SpendOutcome whileSuspended = ledger().spend(spendOf(campaign.id(), 50, "pevt_f", tomorrow), TODAY.plusDays(1));

        assertThat(afterRaise.isBilled()).isTrue();
        assertThat(beyondNewTotal).isEqualTo(new SpendOutcome.NotBilled(NotBilledReason.TOTAL_BUDGET));
        assertThat(whileSuspended).isEqualTo(new SpendOutcome.NotBilled(NotBilledReason.CAMPAIGN_NOT_BILLABLE));
        assertThat(ledger().state(campaign.id(), TODAY).spentTotal()).isEqualTo(Money.ofCents(150));
    }

    @Test
    void a_click_beyond_the_total_budget_is_not_billed() {
        Campaign campaign = activeCampaign(100, 150L);
        ledger().record(topUp(campaign.id(), 5_000, "pi_1"));
        spend(campaign.id(), 50, "pevt_a");
        spend(campaign.id(), 50, "pevt_b");
        ledger().spend(spendOf(campaign.id(), 50, "pevt_c", NOW.plus(Duration.ofDays(1))), TODAY.plusDays(1));

        SpendOutcome fourth = ledger().spend(spendOf(campaign.id(), 50, "pevt_d", NOW.plus(Duration.ofDays(1))),
                TODAY.plusDays(1));

        assertThat(fourth).isEqualTo(new SpendOutcome.NotBilled(NotBilledReason.TOTAL_BUDGET));
        assertThat(ledger().state(campaign.id(), TODAY).spentTotal()).isEqualTo(Money.ofCents(150));
    }

    @Test
    void a_click_the_balance_does_not_cover_is_not_billed() {
        Campaign campaign = activeCampaign(1_000, null);
        ledger().record(topUp(campaign.id(), 70, "pi_1"));
        spend(campaign.id(), 50, "pevt_a");

        assertThat(spend(campaign.id(), 50, "pevt_b")).isEqualTo(new SpendOutcome.NotBilled(NotBilledReason.BALANCE));
        assertThat(ledger().state(campaign.id(), TODAY).balance()).isEqualTo(Money.ofCents(20));
    }

    @Test
    void a_campaign_never_topped_up_has_no_balance_to_spend() {
        Campaign campaign = activeCampaign(1_000, null);

        assertThat(spend(campaign.id(), 50, "pevt_a")).isEqualTo(new SpendOutcome.NotBilled(NotBilledReason.BALANCE));
        assertThat(ledger().state(campaign.id(), TODAY)).isEqualTo(BudgetState.empty(TODAY));
    }

    @Test
    void a_paused_campaign_is_still_billed_for_clicks_on_ads_it_served() {
        Campaign campaign = activeCampaign(1_000, null);
        ledger().record(topUp(campaign.id(), 500, "pi_1"));
        Campaign paused = campaign.apply(CampaignAction.PAUSE, Actor.ADMIN, NOW).orElseThrow();
        campaigns().updateIfUnchanged(paused, campaign.updatedAt());

        assertThat(spend(campaign.id(), 50, "pevt_a").isBilled()).isTrue();
    }

    @Test
    void an_ended_or_suspended_campaign_or_an_unknown_one_is_not_billable() {
        Campaign ended = activeCampaign(1_000, null);
        ledger().record(topUp(ended.id(), 500, "pi_1"));
        campaigns().updateIfUnchanged(ended.apply(CampaignAction.END, Actor.ADMIN, NOW).orElseThrow(), ended.updatedAt());
        Campaign suspended = activeCampaign(1_000, null);
        ledger().record(topUp(suspended.id(), 500, "pi_2"));
        campaigns().updateIfUnchanged(suspended.apply(CampaignAction.SUSPEND, Actor.ADMIN, NOW).orElseThrow(),
                suspended.updatedAt());

        SpendOutcome notBillable = new SpendOutcome.NotBilled(NotBilledReason.CAMPAIGN_NOT_BILLABLE);
        assertThat(spend(ended.id(), 50, "pevt_a")).isEqualTo(notBillable);
        assertThat(spend(suspended.id(), 50, "pevt_b")).isEqualTo(notBillable);
        assertThat(spend(new CampaignId("pcmp_unknown"), 50, "pevt_c")).isEqualTo(notBillable);
        assertThat(ledger().state(ended.id(), TODAY).balance()).isEqualTo(Money.ofCents(500));
    }

    @Test
    void a_suspended_advertiser_is_not_billed() {
        Campaign campaign = activeCampaign(1_000, null);
        ledger().record(topUp(campaign.id(), 500, "pi_1"));
        advertisers().updateIfUnchanged(owner.changeStatus(AdvertiserStatus.SUSPENDED, Actor.ADMIN, NOW).orElseThrow(),
                owner.updatedAt());

        assertThat(spend(campaign.id(), 50, "pevt_a"))
                .isEqualTo(new SpendOutcome.NotBilled(NotBilledReason.CAMPAIGN_NOT_BILLABLE));
    }

    @Test
    void the_states_of_many_campaigns_are_read_at_once() {
        Campaign funded = activeCampaign(1_000, null);
        Campaign neverFunded = activeCampaign(1_000, null);
        ledger().record(topUp(funded.id(), 500, "pi_1"));
        spend(funded.id(), 50, "pevt_a");

        var states = ledger().states(List.of(funded.id(), neverFunded.id()), TODAY);

        assertThat(states).containsOnlyKeys(funded.id(), neverFunded.id());
        assertThat(states.get(funded.id())).isEqualTo(ledger().state(funded.id(), TODAY));
        assertThat(states.get(neverFunded.id())).isEqualTo(BudgetState.empty(TODAY));
    }

    @Test
    void the_states_of_many_campaigns_on_a_closed_day_the_spend_day_and_days_without_spend_equal_each_state() {
        Campaign closedYesterday = activeCampaign(1_000, null);
        Campaign spentToday = activeCampaign(1_000, null);
        ledger().record(topUp(closedYesterday.id(), 500, "pi_1"));
        ledger().record(topUp(spentToday.id(), 500, "pi_2"));
        spend(closedYesterday.id(), 30, "pevt_a");
        ledger().spend(spendOf(closedYesterday.id(), 40, "pevt_b", NOW.plus(Duration.ofDays(1))), TODAY.plusDays(1));
        spend(spentToday.id(), 50, "pevt_c");
        List<CampaignId> both = List.of(closedYesterday.id(), spentToday.id());

        for (LocalDate day : List.of(TODAY.minusDays(1), TODAY, TODAY.plusDays(1), TODAY.plusDays(2))) {
            var states = ledger().states(both, day);
            for (CampaignId id : both) {
                assertThat(states.get(id)).as("%s on %s", id, day).isEqualTo(ledger().state(id, day));
            }
        }
        assertThat(ledger().states(both, TODAY).get(closedYesterday.id()).spentOnDay()).isEqualTo(Money.ofCents(30));
        assertThat(ledger().states(both, TODAY.plusDays(1)).get(closedYesterday.id()).spentOnDay())
                .isEqualTo(Money.ofCents(40));
    }

    @Test
    void a_payment_recorded_twice_is_one_top_up() {
        Campaign campaign = activeCampaign(1_000, null);
        LedgerEntry first = topUp(campaign.id(), 500, "pi_twice");

        BudgetLedger.Recorded once = ledger().record(first);
        BudgetLedger.Recorded again = ledger().record(topUp(campaign.id(), 500, "pi_twice"));

        assertThat(once).isEqualTo(new BudgetLedger.Recorded(first, true));
        assertThat(again).isEqualTo(new BudgetLedger.Recorded(first, false));
        assertThat(ledger().state(campaign.id(), TODAY).balance()).isEqualTo(Money.ofCents(500));
    }

    @Test
    void a_refund_can_take_the_balance_below_zero_and_then_no_click_is_billed() {
        Campaign campaign = activeCampaign(1_000, null);
        ledger().record(topUp(campaign.id(), 100, "pi_1"));
        spend(campaign.id(), 50, "pevt_a");
        ledger().record(entry(campaign.id(), EntryKind.ADJUSTMENT, -100, new IdempotencyKey(IdempotencyKey.STRIPE, "re_1"), NOW));

        assertThat(ledger().state(campaign.id(), TODAY).balance()).isEqualTo(Money.ofCents(-50));
        assertThat(spend(campaign.id(), 50, "pevt_b")).isEqualTo(new SpendOutcome.NotBilled(NotBilledReason.BALANCE));
    }

    @Test
    void entries_are_listed_newest_first_page_by_page() {
        Campaign campaign = activeCampaign(10_000, null);
        ledger().record(topUp(campaign.id(), 5_000, "pi_1"));
        for (int i = 0; i < 4; i++) {
            spend(campaign.id(), 50, "pevt_" + i);
        }

        List<LedgerEntry> firstPage = ledger().entries(campaign.id(), LedgerPage.first(3));
        List<LedgerEntry> secondPage = ledger().entries(campaign.id(),
                new LedgerPage(3, Optional.of(firstPage.get(2).id())));

        assertThat(firstPage).extracting(e -> e.idempotencyKey().reference()).containsExactly("pevt_3", "pevt_2", "pevt_1");
        assertThat(secondPage).extracting(e -> e.idempotencyKey().reference()).containsExactly("pevt_0", "pi_1");
    }

    @Test
    void concurrent_clicks_on_a_hot_campaign_never_spend_a_cent_over_its_daily_budget() throws Exception {
        Campaign campaign = activeCampaign(1_850, null);
        ledger().record(topUp(campaign.id(), 100_000, "pi_1"));
        List<Callable<Integer>> clickers = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            int thread = t;
            clickers.add(() -> {
                int billed = 0;
                for (int i = 0; i < 10; i++) {
                    billed += spend(campaign.id(), 50, "pevt_t" + thread + "_" + i).isBilled() ? 1 : 0;
                }
                return billed;
            });
        }

        int billed = Race.run(clickers).stream().mapToInt(Integer::intValue).sum();

        assertThat(billed).isEqualTo(37);
        assertThat(ledger().state(campaign.id(), TODAY).spentOnDay()).isEqualTo(Money.ofCents(1_850));
        assertThat(ledger().reconcile()).isEmpty();
    }

    @Test
    void one_click_billed_concurrently_from_many_threads_is_one_spend() throws Exception {
        Campaign campaign = activeCampaign(1_000, null);
        ledger().record(topUp(campaign.id(), 1_000, "pi_1"));
        List<Callable<Boolean>> duplicates = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            duplicates.add(() -> spend(campaign.id(), 50, "pevt_hot").isBilled());
        }

        assertThat(Race.run(duplicates)).containsOnlyOnce(true);
        assertThat(ledger().state(campaign.id(), TODAY).spentTotal()).isEqualTo(Money.ofCents(50));
    }

    @Test
    void counters_equal_the_ledger_sums_after_every_kind_of_entry() {
        Campaign campaign = activeCampaign(1_000, null);
        ledger().record(topUp(campaign.id(), 1_000, "pi_1"));
        spend(campaign.id(), 50, "pevt_a");
        ledger().record(entry(campaign.id(), EntryKind.CREDIT, 50, new IdempotencyKey(IdempotencyKey.INVALID_CLICK_CREDIT, "pevt_a"), NOW));
        ledger().record(entry(campaign.id(), EntryKind.ADJUSTMENT, -300, new IdempotencyKey(IdempotencyKey.STRIPE, "re_1"), NOW));

        assertThat(ledger().state(campaign.id(), TODAY).balance()).isEqualTo(Money.ofCents(700));
        assertThat(ledger().reconcile()).isEmpty();
    }
}
