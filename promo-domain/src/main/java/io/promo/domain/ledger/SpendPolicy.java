package io.promo.domain.ledger;

import io.promo.domain.shared.Money;

/**
 * The spend limits, once: whether a click of {@code amount} may be billed to a campaign in the state of a
 * {@link BudgetSnapshot}, or the first limit that refuses it, in this order: billability ({@link Billability}),
 * the daily budget (I1), the total budget (I2), the balance (I3). A click exactly at a limit fits it.
 *
 * <p>The slow path of the PostgreSQL ledger (under the budget row's lock), the in-memory ledger and the ad
 * decision's eligibility ask it. The ledger's one-statement fast path repeats the same conditions in its
 * {@code WHERE}, because only there are they atomic with the write; {@code SpendStatementAgreesWithSpendPolicyTest}
 * holds that statement to this class on seeded random budgets (ADR 0022). Whether a click was billed before
 * (I4) is not a limit: the idempotency key decides it.
 */
public final class SpendPolicy {

    private SpendPolicy() {
    }

    public static SpendDecision decide(BudgetSnapshot budget, Money amount) {
        if (!amount.isPositive()) {
            throw new IllegalArgumentException("a spend is positive: " + amount);
        }
        long cents = amount.cents();
        if (!Billability.isBillable(budget.campaignStatus(), budget.advertiserStatus())) {
            return new SpendDecision.Refuse(NotBilledReason.CAMPAIGN_NOT_BILLABLE);
        }
        if (!withinDailyBudget(budget.spentOnDay().cents(), cents, budget.dailyBudget().cents())) {
            return new SpendDecision.Refuse(NotBilledReason.DAILY_BUDGET);
        }
        if (budget.totalBudget().isPresent()
                && !withinTotalBudget(budget.spentTotal().cents(), cents, budget.totalBudget().get().cents())) {
            return new SpendDecision.Refuse(NotBilledReason.TOTAL_BUDGET);
        }
        if (!coveredByBalance(budget.balance().cents(), cents)) {
            return new SpendDecision.Refuse(NotBilledReason.BALANCE);
        }
        return SpendDecision.BILL;
    }

    // The three limits on plain cents, so that the decision path, which keeps a campaign's amounts as primitives
    // for speed, asks the same comparisons without allocating (Eligibility).

    /** I1: the day's spend with this click stays within the daily budget. */
    public static boolean withinDailyBudget(long spentOnDay, long amount, long dailyBudget) {
        return spentOnDay + amount <= dailyBudget;
    }

    /** I2, for a campaign that has a total budget: its total spend with this click stays within it. */
    public static boolean withinTotalBudget(long spentTotal, long amount, long totalBudget) {
        return spentTotal + amount <= totalBudget;
    }

    /** I3: the balance covers the click, so the spend never takes it below zero. */
    public static boolean coveredByBalance(long balance, long amount) {
        return balance >= amount;
    }
}
