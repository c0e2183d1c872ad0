package io.promo.domain.ledger;

import java.util.Objects;

/** {@link SpendPolicy}'s answer: the click may be billed, or the limit that refuses it. */
public sealed interface SpendDecision permits SpendDecision.Bill, SpendDecision.Refuse {

    /** Every limit holds. */
    SpendDecision BILL = new Bill();

    record Bill() implements SpendDecision {
    }

    record Refuse(NotBilledReason reason) implements SpendDecision {
        public Refuse {
            Objects.requireNonNull(reason, "reason");
        }
    }

    default boolean isBill() {
        return this instanceof Bill;
    }
}
