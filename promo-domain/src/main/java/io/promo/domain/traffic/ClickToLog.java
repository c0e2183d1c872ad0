package io.promo.domain.traffic;

import io.promo.domain.ledger.EntryKind;
import io.promo.domain.ledger.LedgerEntry;
import io.promo.domain.shared.Money;
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
 * @param ipBurst     the per-ip burst rule as it applies to this click (counted over the whole deployment, ADR 0037)
 * @param bid         the campaign's maximum CPC when the click's result was served, at least the spend's amount (the
 *                    price): logged beside what was billed
 */
public record ClickToLog(TrafficEvent event, LedgerEntry spend, LocalDate budgetDay, Instant repeatSince,
        IpBurst ipBurst, Money bid) {

    /** A click whose bid is its price. */
    public ClickToLog(TrafficEvent event, LedgerEntry spend, LocalDate budgetDay, Instant repeatSince, IpBurst ipBurst) {
        this(event, spend, budgetDay, repeatSince, ipBurst, spend.amount());
    }

    /**
     * The burst rule at this click: refused once the click's ip has {@code limit} clicks logged after {@code since}
     * (the click's instant minus the window), whatever became of them and whichever node took them.
     */
    public record IpBurst(int limit, Instant since) {
        public IpBurst {
            Objects.requireNonNull(since, "since");
            if (limit < 1) {
                throw new IllegalArgumentException("a burst limit is at least 1, got " + limit);
            }
        }
    }

    public ClickToLog {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(spend, "spend");
        Objects.requireNonNull(budgetDay, "budgetDay");
        Objects.requireNonNull(repeatSince, "repeatSince");
        Objects.requireNonNull(ipBurst, "ipBurst");
        if (Objects.requireNonNull(bid, "bid").isLessThan(spend.amount())) {
            throw new IllegalArgumentException("a click's bid is at least its price: " + bid + " < " + spend.amount());
        }
        if (!(event.detail() instanceof EventDetail.Unclassified) || spend.kind() != EntryKind.SPEND
                || !spend.campaignId().equals(event.campaignId())) {
            throw new IllegalArgumentException("a click to log is a click event and a spend of its campaign");
        }
    }
}
