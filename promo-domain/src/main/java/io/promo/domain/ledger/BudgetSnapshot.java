package io.promo.domain.ledger;

import io.promo.domain.advertiser.AdvertiserStatus;
import io.promo.domain.campaign.CampaignStatus;
import io.promo.domain.shared.Money;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link SpendPolicy} decides a spend from: a campaign's terms and its money as they stand when a click is to
 * be billed, on the click's budget day. An adapter loads it under whatever lock makes the decision atomic.
 *
 * @param spentOnDay the campaign's spend on the click's budget day (zero on a day without spend)
 * @param totalBudget empty when the campaign has no total budget
 */
public record BudgetSnapshot(CampaignStatus campaignStatus, AdvertiserStatus advertiserStatus, Money dailyBudget,
        Optional<Money> totalBudget, Money spentOnDay, Money spentTotal, Money balance) {

    public BudgetSnapshot {
        Objects.requireNonNull(campaignStatus, "campaignStatus");
        Objects.requireNonNull(advertiserStatus, "advertiserStatus");
        Objects.requireNonNull(dailyBudget, "dailyBudget");
        Objects.requireNonNull(totalBudget, "totalBudget");
        Objects.requireNonNull(spentOnDay, "spentOnDay");
        Objects.requireNonNull(spentTotal, "spentTotal");
        Objects.requireNonNull(balance, "balance");
        if (spentOnDay.isNegative() || spentTotal.isNegative()) {
            throw new IllegalArgumentException("spend is never negative: " + spentOnDay + " on the day, "
                    + spentTotal + " in total");
        }
    }
}
