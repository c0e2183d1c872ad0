package io.promo.domain.report;

import io.promo.domain.ledger.BudgetQueries;
import io.promo.domain.ledger.EntryKind;
import io.promo.domain.ledger.IdempotencyKey;
import io.promo.domain.ledger.LedgerEntry;
import io.promo.domain.ledger.LedgerPage;
import io.promo.domain.shared.Actor;
import io.promo.domain.shared.CampaignId;
import io.promo.domain.shared.EventId;
import io.promo.domain.shared.Money;
import io.promo.domain.shared.Outcome;
import io.promo.domain.traffic.TrafficReportSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Use case: a page of a campaign's ledger, newest first, with each click's spend shown beside the bid the click
 * was served at, so that an advertiser reads what a click paid (the second price, ADR 0029) against what it was
 * willing to pay (ADR 0030). The ledger holds only what was paid; the bid is the billed click's, read from the
 * event log. A tenant sees only its own campaigns: another's answers NOT_FOUND (I8).
 */
public final class LedgerStatement {

    private final BudgetQueries budgets;
    private final TrafficReportSource traffic;

    public LedgerStatement(BudgetQueries budgets, TrafficReportSource traffic) {
        this.budgets = budgets;
        this.traffic = traffic;
    }

    /** The page's entries, each a click's spend with its bid when the event log has it. */
    public Outcome<List<Line>> page(Actor actor, CampaignId campaignId, LedgerPage page) {
        return budgets.entries(actor, campaignId, page).map(entries -> withBids(campaignId, entries));
    }

    private List<Line> withBids(CampaignId campaignId, List<LedgerEntry> entries) {
        List<EventId> clicks = new ArrayList<>();
        for (LedgerEntry entry : entries) {
            clickOf(entry).ifPresent(clicks::add);
        }
        Map<EventId, Money> bids = traffic.bidsOfBilledClicks(campaignId, clicks);
        List<Line> lines = new ArrayList<>(entries.size());
        for (LedgerEntry entry : entries) {
            lines.add(new Line(entry, clickOf(entry).map(bids::get)));
        }
        return List.copyOf(lines);
    }

    /** The click a spend entry bills: its idempotency key is the click's event id (one spend per click, I3). */
    private static Optional<EventId> clickOf(LedgerEntry entry) {
        IdempotencyKey key = entry.idempotencyKey();
        return entry.kind() == EntryKind.SPEND && key.source().equals(IdempotencyKey.CLICK)
                ? Optional.of(new EventId(key.reference()))
                : Optional.empty();
    }

    /**
     * One entry of the statement.
     *
     * @param bid for a click's spend, the campaign's maximum CPC when the click was served; empty for every other
     *            entry and for clicks billed before bids were logged
     */
    public record Line(LedgerEntry entry, Optional<Money> bid) {
        public Line {
            Objects.requireNonNull(entry, "entry");
            Objects.requireNonNull(bid, "bid");
        }
    }
}
