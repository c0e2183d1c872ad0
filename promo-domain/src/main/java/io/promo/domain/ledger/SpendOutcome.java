package io.promo.domain.ledger;

import java.util.Objects;

/** The answer to "bill this click": the spend entry written, or why nothing was written. */
public sealed interface SpendOutcome permits SpendOutcome.Billed, SpendOutcome.NotBilled {

    record Billed(LedgerEntry entry) implements SpendOutcome {
        public Billed {
            Objects.requireNonNull(entry, "entry");
            if (entry.kind() != EntryKind.SPEND) {
                throw new IllegalArgumentException("a billed click is a spend entry: " + entry);
            }
        }
    }

    record NotBilled(NotBilledReason reason) implements SpendOutcome {
        public NotBilled {
            Objects.requireNonNull(reason, "reason");
        }
    }

    default boolean isBilled() {
        return this instanceof Billed;
    }
}
