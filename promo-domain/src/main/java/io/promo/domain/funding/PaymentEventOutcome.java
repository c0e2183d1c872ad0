package io.promo.domain.funding;

import io.promo.domain.ledger.LedgerEntry;
import java.util.List;
import java.util.Objects;

/**
 * What {@link HandlePaymentEvent} did with one event. Only {@link RetryLater} asks the processor to
 * deliver the event again; every other outcome is final and the event is acknowledged.
 */
public sealed interface PaymentEventOutcome {

    /** Money moved: {@code entries} are the ledger entries this event stands for, whether this call or an earlier one wrote them. */
    record Applied(List<LedgerEntry> entries, String summary) implements PaymentEventOutcome {
        public Applied {
            entries = List.copyOf(entries);
            Objects.requireNonNull(summary, "summary");
        }
    }

    /** Noted without moving money (a failed payment). */
    record Noted(String summary) implements PaymentEventOutcome {
        public Noted {
            Objects.requireNonNull(summary, "summary");
        }
    }

    /** A type promo does not act on. */
    record Ignored(String type) implements PaymentEventOutcome {
        public Ignored {
            Objects.requireNonNull(type, "type");
        }
    }

    /** About money promo cannot place (no or unknown campaign, another currency): stored for an operator. */
    record Unmatched(String reason) implements PaymentEventOutcome {
        public Unmatched {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** This event id was processed before; nothing was done again. */
    record AlreadyProcessed(ProcessedPaymentEvent earlier) implements PaymentEventOutcome {
        public AlreadyProcessed {
            Objects.requireNonNull(earlier, "earlier");
        }
    }

    /** Something the event needs could not be reached (the processor's API); nothing stored, deliver again. */
    record RetryLater(String reason) implements PaymentEventOutcome {
        public RetryLater {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
