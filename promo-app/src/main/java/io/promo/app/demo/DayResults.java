package io.promo.app.demo;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the demo's simulated budget day produced, as read back through the API: the input of the summary
 * table and of the HTML report.
 *
 * @param invalidClicksByReason every invalid click of the day, by the rule that caught it
 * @param took                  wall-clock time of the simulation
 */
public record DayResults(
        LocalDate day,
        String zone,
        List<CampaignDay> campaigns,
        Map<String, Long> invalidClicksByReason,
        long searches,
        long sponsoredSlots,
        Duration took) {

    public DayResults {
        Objects.requireNonNull(day, "day");
        Objects.requireNonNull(zone, "zone");
        campaigns = List.copyOf(campaigns);
        invalidClicksByReason = Map.copyOf(invalidClicksByReason);
        Objects.requireNonNull(took, "took");
    }

    /** One campaign's day. */
    public record CampaignDay(
            String campaignId,
            String label,
            String format,
            String pacing,
            long dailyBudgetCents,
            long spendCents,
            long impressions,
            long clicks,
            long invalidClicks,
            long[] cumulativeSpendByHour,
            double[] expectedTrafficShareByHour,
            String notShownBecause) {

        public static final int HOURS = 24;

        /**
         * @param cumulativeSpendByHour      spend from midnight to the end of each hour, 24 values, cents
         * @param expectedTrafficShareByHour F(end of hour): the share of the day's traffic expected by then, the
         *                                   even pacing target as a fraction of the daily budget, 24 values
         * @param notShownBecause            for a campaign never shown, the deciding reason its diagnostics give; else null
         */
        public CampaignDay {
            Objects.requireNonNull(campaignId, "campaignId");
            Objects.requireNonNull(label, "label");
            if (cumulativeSpendByHour.length != HOURS || expectedTrafficShareByHour.length != HOURS) {
                throw new IllegalArgumentException("one value per hour of the day is expected");
            }
            cumulativeSpendByHour = cumulativeSpendByHour.clone();
            expectedTrafficShareByHour = expectedTrafficShareByHour.clone();
        }

        public boolean paced() {
            return "even".equals(pacing);
        }

        /** Click-through rate of the valid clicks, 0 without impressions. */
        public double ctr() {
            return impressions == 0 ? 0 : (double) clicks / impressions;
        }

        /** Spend as a share of the daily budget. */
        public double budgetUsed() {
            return dailyBudgetCents == 0 ? 0 : (double) spendCents / dailyBudgetCents;
        }

        /** The even pacing target by the end of {@code hour}: budget × F(hour), in cents. */
        public long pacingTargetCents(int hour) {
            return Math.round(dailyBudgetCents * expectedTrafficShareByHour[hour]);
        }

        @Override
        public long[] cumulativeSpendByHour() {
            return cumulativeSpendByHour.clone();
        }

        @Override
        public double[] expectedTrafficShareByHour() {
            return expectedTrafficShareByHour.clone();
        }
    }
}
