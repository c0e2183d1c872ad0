package io.promo.domain.traffic;

import io.promo.domain.campaign.CampaignRepository;
import io.promo.domain.ledger.BudgetLedger;
import io.promo.domain.ledger.EntryKind;
import io.promo.domain.ledger.IdempotencyKey;
import io.promo.domain.ledger.LedgerEntry;
import io.promo.domain.shared.IdGenerator;
import io.promo.domain.shared.Money;
import io.promo.domain.shared.Outcome;
import io.promo.domain.shared.Rejection;
import io.promo.domain.shared.Violation;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;

/**
 * Use case: an admin finds a campaign's clicks of a period invalid after they were billed (a click farm found
 * later, say). Each billed click in the period gets exactly one {@code credit} entry of what it cost, with the
 * idempotency key {@code promo_invalid_click:<click event id>}: asking again, for the same or an overlapping
 * period, credits nothing twice. The events stay as they were (I5); the credit entry is the mark, and reports
 * show it on the day of the click.
 */
public final class CreditInvalidClicks {

    private final CampaignRepository campaigns;
    private final ClickLog log;
    private final BudgetLedger ledger;
    private final IdGenerator ids;
    private final Clock clock;

    public CreditInvalidClicks(CampaignRepository campaigns, ClickLog log, BudgetLedger ledger, IdGenerator ids,
            Clock clock) {
        this.campaigns = campaigns;
        this.log = log;
        this.ledger = ledger;
        this.ids = ids;
        this.clock = clock;
    }

    public Outcome<CreditedClicks> credit(CreditInvalidClicksCommand command) {
        Objects.requireNonNull(command, "command");
        if (!command.actor().isAdmin()) {
            return Outcome.rejected(Rejection.forbidden("only an admin can mark clicks invalid and credit them"));
        }
        if (!command.from().isBefore(command.to())) {
            return Outcome.invalid(java.util.List.of(new Violation("to", "must be after from (" + command.from() + ")")));
        }
        if (campaigns.findById(command.campaignId()).isEmpty()) {
            return Outcome.notFound("campaign", command.campaignId());
        }
        int newly = 0;
        int already = 0;
        Money creditedNow = Money.ZERO;
        var clicks = log.billedClicks(command.campaignId(), command.from(), command.to());
        for (BilledClick click : clicks) {
            LedgerEntry credit = new LedgerEntry(ids.newLedgerEntryId(), command.campaignId(), EntryKind.CREDIT,
                    click.billed(), new IdempotencyKey(IdempotencyKey.INVALID_CLICK_CREDIT, click.clickEventId().value()),
                    Optional.of("invalid click " + click.clickEventId() + ": " + command.reason()), clock.instant());
            if (ledger.record(credit).newlyWritten()) {
                newly++;
                creditedNow = creditedNow.plus(click.billed());
            } else {
                already++;
            }
        }
        return Outcome.accepted(new CreditedClicks(clicks.size(), newly, already, creditedNow));
    }
}
