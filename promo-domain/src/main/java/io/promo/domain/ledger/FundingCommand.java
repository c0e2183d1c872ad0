package io.promo.domain.ledger;

import io.promo.domain.shared.Actor;
import io.promo.domain.shared.CampaignId;
import io.promo.domain.shared.Money;
import java.util.Objects;
import java.util.Optional;

/**
 * Money into (or, for an adjustment, out of) a campaign's balance, other than a click: a top-up from
 * the processor, an admin's credit, a processor's adjustment.
 *
 * @param kind           {@link EntryKind#TOPUP}, {@link EntryKind#CREDIT} or {@link EntryKind#ADJUSTMENT}
 * @param idempotencyKey the processor ref, or the admin request's key: the same key is recorded once
 */
public record FundingCommand(Actor actor, CampaignId campaignId, EntryKind kind, Money amount,
        IdempotencyKey idempotencyKey, Optional<String> reason) {

    public FundingCommand {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(campaignId, "campaignId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        Objects.requireNonNull(reason, "reason");
        if (kind == EntryKind.SPEND) {
            throw new IllegalArgumentException("a spend is billed through BillClick, not recorded as funding");
        }
    }

    /** A payment the processor confirmed; {@code processorRef} is its payment id. */
    public static FundingCommand topUp(CampaignId campaignId, Money amount, String processor, String processorRef) {
        return new FundingCommand(Actor.ADMIN, campaignId, EntryKind.TOPUP, amount,
                new IdempotencyKey(processor, processorRef), Optional.of("top-up " + processorRef));
    }

    /** An admin's goodwill credit; {@code requestKey} makes a retried request grant it once. */
    public static FundingCommand credit(Actor actor, CampaignId campaignId, Money amount, String reason,
            String requestKey) {
        return new FundingCommand(actor, campaignId, EntryKind.CREDIT, amount,
                new IdempotencyKey(IdempotencyKey.ADMIN_CREDIT, requestKey), Optional.ofNullable(reason));
    }

    /** A processor's correction (refund, dispute): negative takes money back, positive returns it. */
    public static FundingCommand adjustment(CampaignId campaignId, Money signedAmount, String processor,
            String processorRef, String reason) {
        return new FundingCommand(Actor.ADMIN, campaignId, EntryKind.ADJUSTMENT, signedAmount,
                new IdempotencyKey(processor, processorRef), Optional.ofNullable(reason));
    }
}
