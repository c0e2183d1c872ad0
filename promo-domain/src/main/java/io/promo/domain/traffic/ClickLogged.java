package io.promo.domain.traffic;

import io.promo.domain.ledger.LedgerEntry;
import io.promo.domain.ledger.NotBilledReason;
import java.util.Objects;

/** What {@link ClickLog#logClick} logged: a billed click, a valid click billed 0, or an invalid click. */
public sealed interface ClickLogged permits ClickLogged.Billed, ClickLogged.NotBilled, ClickLogged.Invalid {

    TrafficEvent event();

    record Billed(TrafficEvent event, LedgerEntry spend) implements ClickLogged {
        public Billed {
            Objects.requireNonNull(event, "event");
            Objects.requireNonNull(spend, "spend");
        }
    }

    /** A valid click the budget no longer covered: logged as {@code click}, billed 0, with the reason. */
    record NotBilled(TrafficEvent event, NotBilledReason reason) implements ClickLogged {
        public NotBilled {
            Objects.requireNonNull(event, "event");
            Objects.requireNonNull(reason, "reason");
        }
    }

    record Invalid(TrafficEvent event, InvalidClickReason reason) implements ClickLogged {
        public Invalid {
            Objects.requireNonNull(event, "event");
            Objects.requireNonNull(reason, "reason");
        }
    }
}
