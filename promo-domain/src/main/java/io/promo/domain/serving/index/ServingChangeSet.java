package io.promo.domain.serving.index;

import io.promo.domain.advertiser.Advertiser;
import io.promo.domain.campaign.Campaign;
import io.promo.domain.ledger.BudgetState;
import io.promo.domain.pricing.Policy;
import io.promo.domain.shared.CampaignId;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One answer of {@link ServingChanges}: the rows as they are now of what changed since a cursor.
 *
 * @param complete    every row, not only the changed ones: the answer from {@link ChangeCursor#ORIGIN}
 * @param campaigns   the campaigns whose row or budget changed, as they are now
 * @param advertisers the advertisers whose row changed
 * @param policies    the policies whose row changed (or all of them: an adapter may answer more)
 * @param budgets     the budget state on {@code day} of every campaign in {@code campaigns}
 * @param day         the budget day of {@code budgets}
 * @param next        the cursor to ask from next time
 */
public record ServingChangeSet(
        boolean complete,
        List<Campaign> campaigns,
        List<Advertiser> advertisers,
        List<Policy> policies,
        Map<CampaignId, BudgetState> budgets,
        LocalDate day,
        ChangeCursor next) {

    public ServingChangeSet {
        campaigns = List.copyOf(campaigns);
        advertisers = List.copyOf(advertisers);
        policies = List.copyOf(policies);
        budgets = Map.copyOf(budgets);
        Objects.requireNonNull(day, "day");
        Objects.requireNonNull(next, "next");
        for (Campaign campaign : campaigns) {
            BudgetState budget = budgets.get(campaign.id());
            if (budget == null || !budget.day().equals(day)) {
                throw new IllegalArgumentException("no budget state on " + day + " for changed campaign " + campaign.id());
            }
        }
    }

    /** Nothing changed: only the cursor moves. */
    public static ServingChangeSet nothingSince(LocalDate day, ChangeCursor next) {
        return new ServingChangeSet(false, List.of(), List.of(), List.of(), Map.of(), day, next);
    }

    public boolean isEmpty() {
        return !complete && campaigns.isEmpty() && advertisers.isEmpty() && policies.isEmpty();
    }
}
