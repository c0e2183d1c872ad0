package io.promo.domain.ledger;

import io.promo.domain.campaign.Campaign;
import io.promo.domain.shared.Money;
import java.time.LocalDate;
import java.util.Optional;

/**
 * What a campaign may still spend: its balance, today's and total spend, and what remains of each
 * budget. {@code remainingToday} is what the next click can use: the least of the three limits.
 */
public record BudgetSummary(
        LocalDate day,
        Money balance,
        Money spentToday,
        Money spentTotal,
        Money remainingDailyBudget,
        Optional<Money> remainingTotalBudget,
        Money remainingToday) {

    static BudgetSummary of(Campaign campaign, BudgetState state) {
        Money remainingDaily = nonNegative(campaign.settings().dailyBudget().minus(state.spentOnDay()));
        Optional<Money> remainingTotal = campaign.settings().totalBudget()
                .map(total -> nonNegative(total.minus(state.spentTotal())));
        Money spendable = Money.min(remainingDaily, nonNegative(state.balance()));
        if (remainingTotal.isPresent()) {
            spendable = Money.min(spendable, remainingTotal.get());
        }
        return new BudgetSummary(state.day(), state.balance(), state.spentOnDay(), state.spentTotal(), remainingDaily,
                remainingTotal, spendable);
    }

    private static Money nonNegative(Money amount) {
        return amount.isNegative() ? Money.ZERO : amount;
    }
}
