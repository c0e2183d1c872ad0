package io.promo.domain.ledger;

import io.promo.domain.campaign.CampaignRepository;
import io.promo.domain.shared.IdGenerator;
import io.promo.domain.shared.Outcome;
import io.promo.domain.shared.Rejection;
import io.promo.domain.shared.Violations;
import java.time.Clock;
import java.util.Objects;

/**
 * Use case: record a top-up, grant a credit or record an adjustment, each at most once per
 * idempotency key. Asking again with a known key answers with the entry recorded the first time.
 */
public final class RecordFunding {

    private final BudgetLedger ledger;
    private final CampaignRepository campaigns;
    private final IdGenerator ids;
    private final Clock clock;

    public RecordFunding(BudgetLedger ledger, CampaignRepository campaigns, IdGenerator ids, Clock clock) {
        this.ledger = ledger;
        this.campaigns = campaigns;
        this.ids = ids;
        this.clock = clock;
    }

    public Outcome<BudgetLedger.Recorded> record(FundingCommand command) {
        Objects.requireNonNull(command, "command");
        if (command.kind() != EntryKind.TOPUP && !command.actor().isAdmin()) {
            return Outcome.rejected(Rejection.forbidden("only an admin can grant credits or record adjustments"));
        }
        // Every check here holds one field to a constant: of its form (ADR 0008).
        Violations violations = new Violations();
        if (command.kind() == EntryKind.ADJUSTMENT) {
            violations.requireForm(command.amount().cents() != 0, "amount_cents", "must not be 0");
        } else {
            violations.requireForm(command.amount().isPositive(), "amount_cents",
                    "must be greater than 0 (got " + command.amount().cents() + ")");
        }
        violations.requireForm(command.amount().fitsColumn(), "amount_cents",
                "must be between " + Integer.MIN_VALUE + " and " + Integer.MAX_VALUE + " (got " + command.amount().cents() + ")");
        violations.requireForm(command.kind() != EntryKind.CREDIT || command.reason().filter(r -> !r.isBlank()).isPresent(),
                "reason", "a credit needs a reason");
        violations.requireForm(command.reason().map(String::length).orElse(0) <= LedgerEntry.MAX_REASON_LENGTH, "reason",
                "must be at most " + LedgerEntry.MAX_REASON_LENGTH + " characters");
        if (!violations.isEmpty()) {
            return Outcome.invalid(violations.list());
        }
        if (campaigns.findVisibleTo(command.actor(), command.campaignId()).isEmpty()) {
            return Outcome.notFound("campaign", command.campaignId());
        }
        LedgerEntry entry = new LedgerEntry(ids.newLedgerEntryId(), command.campaignId(), command.kind(),
                command.amount(), command.idempotencyKey(), command.reason(), clock.instant());
        BudgetLedger.Recorded recorded = ledger.record(entry);
        if (!recorded.entry().campaignId().equals(command.campaignId()) || recorded.entry().kind() != command.kind()) {
            return Outcome.rejected(new Rejection(Rejection.Kind.CONFLICT, "idempotency key " + command.idempotencyKey()
                    + " was already used for another " + recorded.entry().kind().code() + " entry", java.util.List.of()));
        }
        // A credit asked again with its key but another amount is another credit, not a retry: refused, as a top-up
        // is (TopUpCampaign). Top-ups and adjustments recorded here come from the processor, whose amounts are its own.
        if (command.kind() == EntryKind.CREDIT && !recorded.entry().amount().equals(command.amount())) {
            return Outcome.rejected(new Rejection(Rejection.Kind.CONFLICT, "idempotency key " + command.idempotencyKey()
                    + " was already used for a credit of " + recorded.entry().amount().cents() + " cents, not "
                    + command.amount().cents(), java.util.List.of()));
        }
        return Outcome.accepted(recorded);
    }
}
