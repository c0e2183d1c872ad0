package io.promo.domain.report;

import io.promo.domain.ledger.BudgetSummary;
import io.promo.domain.serving.share.ShareCounts;
import io.promo.domain.shared.CampaignId;
import io.promo.domain.shared.Money;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * {@code GET /v1/campaigns/{id}/report?from=&to=}: every budget day of the period (in the deployment's budget
 * zone), the period's totals, and what remains of the budgets now.
 *
 * @param remaining         the campaign's balance and remaining daily and total budgets as of now
 * @param conversionTotals  the period's conversions beside its totals (ADR 0035)
 * @param auctions          the period's impression share: the searches it was a candidate for and why it was not shown
 */
public record CampaignReport(CampaignId campaignId, LocalDate from, LocalDate to, List<Day> days, TrafficFigures totals,
        BudgetSummary remaining, ConversionFigures conversionTotals, ShareCounts auctions) {

    public CampaignReport {
        Objects.requireNonNull(campaignId, "campaignId");
        Objects.requireNonNull(totals, "totals");
        Objects.requireNonNull(remaining, "remaining");
        Objects.requireNonNull(conversionTotals, "conversionTotals");
        Objects.requireNonNull(auctions, "auctions");
        days = List.copyOf(days);
    }

    /**
     * @param remainingDailyBudget the daily budget (as set now) less that day's spend
     * @param conversions          what that day's clicks earned
     * @param auctions             the day's impression share; zeros for a day before it was counted
     */
    public record Day(LocalDate day, TrafficFigures figures, Money remainingDailyBudget, ConversionFigures conversions,
            ShareCounts auctions) {
        public Day {
            Objects.requireNonNull(day, "day");
            Objects.requireNonNull(figures, "figures");
            Objects.requireNonNull(remainingDailyBudget, "remainingDailyBudget");
            Objects.requireNonNull(conversions, "conversions");
            Objects.requireNonNull(auctions, "auctions");
        }
    }
}
