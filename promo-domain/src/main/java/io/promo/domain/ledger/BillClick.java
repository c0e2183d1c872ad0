package io.promo.domain.ledger;

import io.promo.domain.shared.IdGenerator;
import java.util.Objects;

/**
 * Use case: bill a valid click. Everything that must hold for the money to move (I1–I4) is checked
 * by the ledger's atomic spend; this use case only shapes the entry.
 */
public final class BillClick {

    private final BudgetLedger ledger;
    private final BudgetCalendar calendar;
    private final IdGenerator ids;

    public BillClick(BudgetLedger ledger, BudgetCalendar calendar, IdGenerator ids) {
        this.ledger = ledger;
        this.calendar = calendar;
        this.ids = ids;
    }

    public SpendOutcome bill(BillClickCommand command) {
        Objects.requireNonNull(command, "command");
        LedgerEntry spend = new LedgerEntry(ids.newLedgerEntryId(), command.campaignId(), EntryKind.SPEND,
                command.cpc(), new IdempotencyKey(IdempotencyKey.CLICK, command.clickEventId().value()),
                java.util.Optional.of("click " + command.clickEventId()), command.clickedAt());
        return ledger.spend(spend, calendar.dayOf(command.clickedAt()));
    }
}
