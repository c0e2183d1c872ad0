package io.promo.domain.traffic;

import io.promo.domain.ledger.Billability;
import io.promo.domain.ledger.NotBilledReason;
import io.promo.domain.ledger.SpendOutcome;
import io.promo.domain.shared.Money;
import java.util.Optional;

/**
 * The click rules that need stored facts, in their order, decided once for every click log (the PostgreSQL adapter
 * and the in-memory fake load the {@link ClickFacts} under their locks and ask here):
 * <ol>
 *   <li>the click's ip has fewer clicks than the burst limit in the window, counted over every node, else
 *       {@code ip_burst} ({@link #invalidReason(ClickToLog, ClickFacts)}, ADR 0037);</li>
 *   <li>the campaign exists and is billable ({@link Billability}), else {@code campaign_not_billable};</li>
 *   <li>the viewer is not the advertiser's own user, else {@code self_click};</li>
 *   <li>no click of this impression was logged before, else {@code duplicate_impression};</li>
 *   <li>the same viewer logged no click of this campaign within the repeat window, else {@code repeated_viewer};</li>
 *   <li>then the spend decides: billed, or a valid click billed 0 for money ({@link #afterSpend}).</li>
 * </ol>
 */
public final class ClickPolicy {

    private ClickPolicy() {
    }

    /** The first rule {@code click} breaks given {@code facts}, the burst rule first; empty when it goes on to the spend. */
    public static Optional<InvalidClickReason> invalidReason(ClickToLog click, ClickFacts facts) {
        if (facts.ipClicks() >= click.ipBurst().limit()) {
            return Optional.of(InvalidClickReason.IP_BURST);
        }
        return invalidReason(click.event(), facts);
    }

    /** The first rule after the burst rule that {@code click} breaks given {@code facts}; empty when none. */
    public static Optional<InvalidClickReason> invalidReason(TrafficEvent click, ClickFacts facts) {
        if (facts.payer().isEmpty()) {
            return Optional.of(InvalidClickReason.CAMPAIGN_NOT_BILLABLE);
        }
        ClickFacts.Payer payer = facts.payer().get();
        if (!Billability.isBillable(payer.campaignStatus(), payer.advertiserStatus())) {
            return Optional.of(InvalidClickReason.CAMPAIGN_NOT_BILLABLE);
        }
        if (click.userId().filter(payer.ownerUserId()::equals).isPresent()) {
            return Optional.of(InvalidClickReason.SELF_CLICK);
        }
        if (facts.impressionClicked()) {
            return Optional.of(InvalidClickReason.DUPLICATE_IMPRESSION);
        }
        if (facts.viewerClickedLately()) {
            return Optional.of(InvalidClickReason.REPEATED_VIEWER);
        }
        return Optional.empty();
    }

    /**
     * The click as it is logged once the spend has answered: billed its amount; billed 0 with the reason when money
     * refused it; invalid when the spend found the campaign unbillable after all (it changed since the facts were
     * read) or the click's spend already made (a concurrent duplicate).
     */
    public static ClickLogged afterSpend(ClickToLog click, SpendOutcome outcome) {
        return afterSpend(click.event(), click.bid(), outcome);
    }

    /** {@link #afterSpend(ClickToLog, SpendOutcome)} of a click whose bid was its price. */
    public static ClickLogged afterSpend(TrafficEvent click, SpendOutcome outcome) {
        return afterSpend(click, outcome instanceof SpendOutcome.Billed billed ? billed.entry().amount() : Money.ZERO,
                outcome);
    }

    private static ClickLogged afterSpend(TrafficEvent click, Money bid, SpendOutcome outcome) {
        if (outcome instanceof SpendOutcome.Billed billed) {
            Money paid = billed.entry().amount();
            return new ClickLogged.Billed(click.withDetail(new EventDetail.Billed(paid, bid)), billed.entry());
        }
        NotBilledReason reason = ((SpendOutcome.NotBilled) outcome).reason();
        return switch (reason) {
            case CAMPAIGN_NOT_BILLABLE -> invalid(click, InvalidClickReason.CAMPAIGN_NOT_BILLABLE);
            case DUPLICATE -> invalid(click, InvalidClickReason.DUPLICATE_IMPRESSION);
            default -> new ClickLogged.NotBilled(click.withDetail(new EventDetail.NotBilled(reason)), reason);
        };
    }

    /** {@code click} logged as an invalid click for {@code reason}. */
    public static ClickLogged.Invalid invalid(TrafficEvent click, InvalidClickReason reason) {
        return new ClickLogged.Invalid(click.asInvalid(reason), reason);
    }
}
