package io.promo.domain.traffic;

import io.promo.domain.ledger.EntryKind;
import io.promo.domain.ledger.LedgerEntry;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;

/**
 * A click whose token and client passed every check that needs no lookup, ready for {@link ClickLog#logClick}.
 *
 * @param event       the click event, {@link EventDetail#UNCLASSIFIED} yet
 * @param spend       the spend it bills if every rule holds (idempotency key: the click event id)
 * @param budgetDay   the budget day of the click
 * @param repeatSince a click by the same viewer on the same campaign at or after this instant is a repeat
 */
public record ClickToLog(TrafficEvent event, LedgerEntry spend, LocalDate budgetDay, Instant repeatSince) {

    public ClickToLog {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(spend, "spend");
        Objects.requireNonNull(budgetDay, "budgetDay");
        Objects.requireNonNull(repeatSince, "repeatSince");
        if (!(event.detail() instanceof EventDetail.Unclassified) || spend.kind() != EntryKind.SPEND
                || !spend.campaignId().equals(event.campaignId())) {
            throw new IllegalArgumentException("a click to log is a click event and a spend of its campaign");
        }
    }
}
