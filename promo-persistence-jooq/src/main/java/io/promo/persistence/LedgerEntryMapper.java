package io.promo.persistence;

import io.promo.domain.ledger.EntryKind;
import io.promo.domain.ledger.IdempotencyKey;
import io.promo.domain.ledger.LedgerEntry;
import io.promo.domain.shared.CampaignId;
import io.promo.domain.shared.LedgerEntryId;
import io.promo.domain.shared.Money;
import io.promo.persistence.jooq.generated.tables.records.PromoBudgetLedgerRecord;
import java.util.Optional;

/** Converts at the module's edge: generated records never leave persistence. */
final class LedgerEntryMapper {

    private LedgerEntryMapper() {
    }

    static LedgerEntry toDomain(PromoBudgetLedgerRecord row) {
        return new LedgerEntry(
                new LedgerEntryId(row.getEntryId()),
                new CampaignId(row.getCampaignId()),
                EntryKind.parse("kind", row.getKind()),
                Money.ofCents(row.getAmountCents()),
                new IdempotencyKey(row.getProcessor(), row.getProcessorRef()),
                Optional.ofNullable(row.getReason()),
                Timestamps.fromColumn(row.getCreatedAt()));
    }
}
