package io.promo.domain.ledger;

import io.promo.domain.campaign.Campaign;
import io.promo.domain.campaign.CampaignRepository;
import io.promo.domain.shared.Actor;
import io.promo.domain.shared.CampaignId;
import io.promo.domain.shared.Outcome;
import io.promo.domain.shared.Rejection;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Use cases: a campaign's balance, spend and remaining budgets; its ledger, newest first; reconcile. */
public final class BudgetQueries {

    private final BudgetLedger ledger;
    private final CampaignRepository campaigns;
    private final BudgetCalendar calendar;
    private final Clock clock;

    public BudgetQueries(BudgetLedger ledger, CampaignRepository campaigns, BudgetCalendar calendar, Clock clock) {
        this.ledger = ledger;
        this.campaigns = campaigns;
        this.calendar = calendar;
        this.clock = clock;
    }

    public Outcome<BudgetSummary> summary(Actor actor, CampaignId campaignId) {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(campaignId, "campaignId");
        Optional<Campaign> campaign = visible(actor, campaignId);
        if (campaign.isEmpty()) {
            return Outcome.notFound("campaign", campaignId);
        }
        BudgetState state = ledger.state(campaignId, calendar.dayOf(clock.instant()));
        return Outcome.accepted(BudgetSummary.of(campaign.get(), state));
    }

    public Outcome<List<LedgerEntry>> entries(Actor actor, CampaignId campaignId, LedgerPage page) {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(campaignId, "campaignId");
        Objects.requireNonNull(page, "page");
        if (visible(actor, campaignId).isEmpty()) {
            return Outcome.notFound("campaign", campaignId);
        }
        return Outcome.accepted(ledger.entries(campaignId, page));
    }

    /** I7: every counter beside the ledger equals the ledger's sums (admin only). */
    public Outcome<List<Discrepancy>> reconcile(Actor actor) {
        Objects.requireNonNull(actor, "actor");
        if (!actor.isAdmin()) {
            return Outcome.rejected(Rejection.forbidden("only an admin can reconcile the ledger"));
        }
        return Outcome.accepted(ledger.reconcile());
    }

    private Optional<Campaign> visible(Actor actor, CampaignId campaignId) {
        return campaigns.findVisibleTo(actor, campaignId);
    }
}
