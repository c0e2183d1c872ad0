package io.promo.domain.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.promo.domain.advertiser.AdvertiserStatus;
import io.promo.domain.campaign.CampaignStatus;
import io.promo.domain.shared.Money;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The spend limits: billability, daily budget (I1), total budget (I2), balance (I3), each exact at its edge. */
class SpendPolicyTest {

    private static final Money CPC = Money.ofCents(50);

    /** A campaign with room everywhere: daily 1,000 with 200 spent, total 5,000 with 3,000 spent, 2,000 balance. */
    private static Budget budget() {
        return new Budget(CampaignStatus.ACTIVE, AdvertiserStatus.ACTIVE, 1_000, Optional.of(5_000L), 200, 3_000, 2_000);
    }

    private static SpendDecision refusal(NotBilledReason reason) {
        return new SpendDecision.Refuse(reason);
    }

    @Test
    void a_click_within_every_limit_is_billed() {
        assertThat(SpendPolicy.decide(budget().snapshot(), CPC)).isEqualTo(SpendDecision.BILL);
    }

    @Test
    void a_click_that_brings_the_days_spend_exactly_to_the_daily_budget_is_billed_one_cent_more_is_refused() {
        assertThat(SpendPolicy.decide(budget().spentOnDay(950).snapshot(), CPC)).isEqualTo(SpendDecision.BILL);
        assertThat(SpendPolicy.decide(budget().spentOnDay(951).snapshot(), CPC))
                .isEqualTo(refusal(NotBilledReason.DAILY_BUDGET));
        assertThat(SpendPolicy.decide(budget().spentOnDay(1_000).snapshot(), Money.ofCents(1)))
                .isEqualTo(refusal(NotBilledReason.DAILY_BUDGET));
    }

    @Test
    void a_day_already_over_its_daily_budget_bills_nothing_more() {
        // A daily budget lowered below what the day already spent.
        assertThat(SpendPolicy.decide(budget().dailyBudget(100).spentOnDay(200).snapshot(), Money.ofCents(1)))
                .isEqualTo(refusal(NotBilledReason.DAILY_BUDGET));
    }

    @Test
    void a_click_that_brings_the_total_spend_exactly_to_the_total_budget_is_billed_one_cent_more_is_refused() {
        assertThat(SpendPolicy.decide(budget().spentTotal(4_950).snapshot(), CPC)).isEqualTo(SpendDecision.BILL);
        assertThat(SpendPolicy.decide(budget().spentTotal(4_951).snapshot(), CPC))
                .isEqualTo(refusal(NotBilledReason.TOTAL_BUDGET));
    }

    @Test
    void without_a_total_budget_the_total_spend_limits_nothing() {
        Budget unlimited = budget().totalBudget(Optional.empty()).spentTotal(Long.MAX_VALUE / 2);

        assertThat(SpendPolicy.decide(unlimited.snapshot(), CPC)).isEqualTo(SpendDecision.BILL);
    }

    @Test
    void a_balance_exactly_covering_the_click_bills_it_one_cent_less_is_refused() {
        assertThat(SpendPolicy.decide(budget().balance(50).snapshot(), CPC)).isEqualTo(SpendDecision.BILL);
        assertThat(SpendPolicy.decide(budget().balance(49).snapshot(), CPC))
                .isEqualTo(refusal(NotBilledReason.BALANCE));
    }

    @Test
    void a_zero_or_negative_balance_bills_nothing() {
        assertThat(SpendPolicy.decide(budget().balance(0).snapshot(), Money.ofCents(1)))
                .isEqualTo(refusal(NotBilledReason.BALANCE));
        // A refund or a lost dispute took the balance below zero (I3 allows it; then no click is billed).
        assertThat(SpendPolicy.decide(budget().balance(-300).snapshot(), Money.ofCents(1)))
                .isEqualTo(refusal(NotBilledReason.BALANCE));
    }

    @Test
    void an_active_or_paused_campaign_of_an_active_or_paused_advertiser_is_billable_nothing_else_is() {
        for (CampaignStatus campaign : CampaignStatus.values()) {
            for (AdvertiserStatus advertiser : AdvertiserStatus.values()) {
                boolean billable = (campaign == CampaignStatus.ACTIVE || campaign == CampaignStatus.PAUSED)
                        && advertiser != AdvertiserStatus.SUSPENDED;

                assertThat(SpendPolicy.decide(budget().statuses(campaign, advertiser).snapshot(), CPC))
                        .as(campaign + " campaign of a " + advertiser + " advertiser")
                        .isEqualTo(billable ? SpendDecision.BILL : refusal(NotBilledReason.CAMPAIGN_NOT_BILLABLE));
            }
        }
    }

    @Test
    void the_first_limit_broken_names_the_refusal_billability_then_daily_then_total_then_balance() {
        Budget everyLimitBroken = budget().statuses(CampaignStatus.ENDED, AdvertiserStatus.ACTIVE)
                .spentOnDay(1_000).spentTotal(5_000).balance(0);

        assertThat(SpendPolicy.decide(everyLimitBroken.snapshot(), CPC))
                .isEqualTo(refusal(NotBilledReason.CAMPAIGN_NOT_BILLABLE));
        Budget billable = everyLimitBroken.statuses(CampaignStatus.ACTIVE, AdvertiserStatus.ACTIVE);
        assertThat(SpendPolicy.decide(billable.snapshot(), CPC)).isEqualTo(refusal(NotBilledReason.DAILY_BUDGET));
        assertThat(SpendPolicy.decide(billable.spentOnDay(0).snapshot(), CPC))
                .isEqualTo(refusal(NotBilledReason.TOTAL_BUDGET));
        assertThat(SpendPolicy.decide(billable.spentOnDay(0).spentTotal(0).snapshot(), CPC))
                .isEqualTo(refusal(NotBilledReason.BALANCE));
    }

    @Test
    void the_limits_on_plain_cents_answer_as_the_decision_does() {
        assertThat(SpendPolicy.withinDailyBudget(950, 50, 1_000)).isTrue();
        assertThat(SpendPolicy.withinDailyBudget(951, 50, 1_000)).isFalse();
        assertThat(SpendPolicy.withinTotalBudget(4_950, 50, 5_000)).isTrue();
        assertThat(SpendPolicy.withinTotalBudget(4_951, 50, 5_000)).isFalse();
        assertThat(SpendPolicy.coveredByBalance(50, 50)).isTrue();
        assertThat(SpendPolicy.coveredByBalance(49, 50)).isFalse();
    }

    @Test
    void a_spend_of_zero_or_less_is_a_bug_not_a_refusal() {
        assertThatThrownBy(() -> SpendPolicy.decide(budget().snapshot(), Money.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("positive");
        assertThatThrownBy(() -> SpendPolicy.decide(budget().snapshot(), Money.ofCents(-1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void a_snapshot_with_negative_spend_cannot_be_made() {
        assertThatThrownBy(() -> budget().spentOnDay(-1).snapshot()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("never negative");
        assertThatThrownBy(() -> budget().spentTotal(-1).snapshot()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("never negative");
    }

    @Test
    void a_refusal_always_names_its_reason() {
        assertThatThrownBy(() -> new SpendDecision.Refuse(null)).isInstanceOf(NullPointerException.class);
        assertThat(SpendDecision.BILL.isBill()).isTrue();
        assertThat(refusal(NotBilledReason.BALANCE).isBill()).isFalse();
    }

    /** A test-data builder for {@link BudgetSnapshot}, in cents. */
    private record Budget(CampaignStatus campaign, AdvertiserStatus advertiser, long dailyBudget,
                          Optional<Long> totalBudget, long spentOnDay, long spentTotal, long balance) {

        Budget statuses(CampaignStatus campaign, AdvertiserStatus advertiser) {
            return new Budget(campaign, advertiser, dailyBudget, totalBudget, spentOnDay, spentTotal, balance);
        }

        Budget dailyBudget(long cents) {
            return new Budget(campaign, advertiser, cents, totalBudget, spentOnDay, spentTotal, balance);
        }

        Budget totalBudget(Optional<Long> cents) {
            return new Budget(campaign, advertiser, dailyBudget, cents, spentOnDay, spentTotal, balance);
        }

        Budget spentOnDay(long cents) {
            return new Budget(campaign, advertiser, dailyBudget, totalBudget, cents, spentTotal, balance);
        }

        Budget spentTotal(long cents) {
            return new Budget(campaign, advertiser, dailyBudget, totalBudget, spentOnDay, cents, balance);
        }

        Budget balance(long cents) {
            return new Budget(campaign, advertiser, dailyBudget, totalBudget, spentOnDay, spentTotal, cents);
        }

        BudgetSnapshot snapshot() {
            return new BudgetSnapshot(campaign, advertiser, Money.ofCents(dailyBudget),
                    totalBudget.map(Money::ofCents), Money.ofCents(spentOnDay), Money.ofCents(spentTotal),
                    Money.ofCents(balance));
        }
    }
}
