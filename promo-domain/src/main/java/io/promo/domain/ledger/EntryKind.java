package io.promo.domain.ledger;

import io.promo.domain.shared.Coded;

/**
 * The four kinds of money movement of the seed. The stored amount is positive for all but
 * adjustments, which carry their sign; {@link #balanceEffectOf} turns it into the effect on the balance.
 */
public enum EntryKind implements Coded {
    /** Prepaid money in, from the payment processor. */
    TOPUP("topup"),
    /** The cost of one billed click. */
    SPEND("spend"),
    /** Goodwill or an invalid-click refund granted by promo. */
    CREDIT("credit"),
    /** A processor's correction: a refund or a dispute (negative), a reinstated dispute (positive). */
    ADJUSTMENT("adjustment");

    private final String code;

    EntryKind(String code) {
        this.code = code;
    }

    @Override
    public String code() {
        return code;
    }

    /** balance = Σtopup + Σcredit + Σadjustment − Σspend. */
    public long balanceEffectOf(long storedAmount) {
        return this == SPEND ? Math.negateExact(storedAmount) : storedAmount;
    }

    public static EntryKind parse(String field, String code) {
        return Coded.parse(EntryKind.class, field, code);
    }
}
