package io.promo.domain.ledger;

import io.promo.domain.shared.Money;
import java.time.LocalDate;
import java.util.Objects;

/** A campaign's money on one budget day, as the ledger proves it. */
public record BudgetState(Money balance, Money spentOnDay, Money spentTotal, LocalDate day) {

    public static BudgetState empty(LocalDate day) {
        return new BudgetState(Money.ZERO, Money.ZERO, Money.ZERO, day);
    }

    public BudgetState {
        Objects.requireNonNull(balance, "balance");
        Objects.requireNonNull(spentOnDay, "spentOnDay");
        Objects.requireNonNull(spentTotal, "spentTotal");
        Objects.requireNonNull(day, "day");
    }
}
