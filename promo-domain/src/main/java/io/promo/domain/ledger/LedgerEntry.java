package io.promo.domain.ledger;

import io.promo.domain.shared.CampaignId;
import io.promo.domain.shared.LedgerEntryId;
import io.promo.domain.shared.Money;
import io.promo.domain.shared.RowVersion;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One immutable fact of the budget ledger. Entries are never changed or removed (I5); a mistake is
 * corrected by another entry. Balances and spend are computed from entries ({@link EntryKind}).
 *
 * @param amount as stored: positive, except an adjustment, which is signed and never zero
 */
public record LedgerEntry(
        LedgerEntryId id,
        CampaignId campaignId,
        EntryKind kind,
        Money amount,
        IdempotencyKey idempotencyKey,
        Optional<String> reason,
        Instant createdAt) {

    public static final int MAX_REASON_LENGTH = 500;

    public LedgerEntry {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(campaignId, "campaignId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        Objects.requireNonNull(reason, "reason");
        createdAt = RowVersion.stored(Objects.requireNonNull(createdAt, "createdAt"));
        // A wrongly signed amount reaching the ledger is a bug upstream, not a business outcome.
        if (kind == EntryKind.ADJUSTMENT ? amount.cents() == 0 : !amount.isPositive()) {
            throw new IllegalArgumentException(kind.code() + " amount must be "
                    + (kind == EntryKind.ADJUSTMENT ? "non-zero" : "positive") + ": " + amount);
        }
        if (!amount.fitsColumn()) {
            throw new IllegalArgumentException("amount does not fit amount_cents: " + amount);
        }
        reason.ifPresent(r -> {
            if (r.length() > MAX_REASON_LENGTH) {
                throw new IllegalArgumentException("reason longer than " + MAX_REASON_LENGTH);
            }
        });
    }

    /** What this entry adds to (or, for a spend, takes from) the campaign's balance. */
    public Money balanceEffect() {
        return Money.ofCents(kind.balanceEffectOf(amount.cents()));
    }

    /**
     * For the credit of a click found invalid after it was billed: the key of that click's spend. The credit
     * takes the spend back from the budgets it counted against, its budget day's spend and the total spend, as
     * well as giving the money back (ADR 0016): a click that is not paid for does not use up budget. Empty for
     * every other entry; an admin's goodwill credit or an adjustment frees no budget.
     */
    public Optional<IdempotencyKey> releasedSpend() {
        if (kind != EntryKind.CREDIT || !idempotencyKey.source().equals(IdempotencyKey.INVALID_CLICK_CREDIT)) {
            return Optional.empty();
        }
        return Optional.of(new IdempotencyKey(IdempotencyKey.CLICK, idempotencyKey.reference()));
    }
}
