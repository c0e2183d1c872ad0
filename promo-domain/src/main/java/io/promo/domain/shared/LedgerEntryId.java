package io.promo.domain.shared;

/** The id of a ledger entry ({@code pble_}, see {@link IdPrefix#LEDGER_ENTRY}). */
public record LedgerEntryId(String value) {
    public LedgerEntryId {
        IdPrefix.LEDGER_ENTRY.require(value);
    }

    public static LedgerEntryId parse(String field, String value) {
        return new LedgerEntryId(IdPrefix.LEDGER_ENTRY.parse(field, value));
    }

    @Override
    public String toString() {
        return value;
    }
}
