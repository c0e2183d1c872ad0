package io.promo.demo;

import java.time.Duration;
import java.time.LocalDate;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What the demo's simulated budget day produced, as read back through the API: the input of the summary
 * table and of the HTML report.
 *
 * @param currency                 ISO 4217 code of the deployment's currency, upper case ({@code USD})
 * @param invalidClicksByReason    every invalid click of the day, by the rule that caught it, as the click answers said
 * @param unattributedInvalidClicks the invalid clicks no campaign can be known for (their token's signature does not
 *                                 verify), by reason: no campaign's report counts them
 * @param took                     wall-clock time of the simulation
 */
public record DayResults(
        LocalDate day,
        String zone,
        String currency,
        List<CampaignDay> campaigns,
        Map<String, Long> invalidClicksByReason,
        Map<String, Long> unattributedInvalidClicks,
        long searches,
        long sponsoredSlots,
        Duration took) {

    public DayResults {
        Objects.requireNonNull(day, "day");
        Objects.requireNonNull(zone, "zone");
        currency = Currency.getInstance(currency.toUpperCase(Locale.ROOT)).getCurrencyCode();
        campaigns = List.copyOf(campaigns);
        invalidClicksByReason = Map.copyOf(invalidClicksByReason);
        unattributedInvalidClicks = Map.copyOf(unattributedInvalidClicks);
        Objects.requireNonNull(took, "took");
    }

    /** The invalid clicks of every campaign's report plus the unattributed ones, by reason. */
    public Map<String, Long> invalidClicksByReasonFromReports() {
        Map<String, Long> sum = new TreeMap<>(unattributedInvalidClicks);
        for (CampaignDay campaign : campaigns) {
            campaign.invalidClicksByReason().forEach((reason, count) -> sum.merge(reason, count, Long::sum));
        }
        sum.values().removeIf(count -> count == 0);
        return sum;
    }

    /** Whether the campaigns' reports and the unattributed clicks account for every invalid click answered. */
    public boolean invalidClicksReconcile() {
        Map<String, Long> answered = new TreeMap<>(invalidClicksByReason);
        answered.values().removeIf(count -> count == 0);
        return answered.equals(invalidClicksByReasonFromReports());
    }

    public long unattributedInvalidClickCount() {
        return unattributedInvalidClicks.values().stream().mapToLong(Long::longValue).sum();
    }

    /**
     * What a campaign's clicks of the day earned, as its report says (ADR 0035).
     *
     * @param costPerInquiryCents net spend / inquiries; null without inquiries
     * @param roas                booking and inquiry value / net spend; null without spend
     */
    public record Conversions(long inquiries, long bookings, long valueCents, Long costPerInquiryCents, Double roas) {
        public static final Conversions NONE = new Conversions(0, 0, 0, null, null);
    }

    /** One campaign's day. */
    public record CampaignDay(
            String campaignId,
            String label,
            String format,
            String pacing,
            long cpcCents,
            long dailyBudgetCents,
            long spendCents,
            long impressions,
            long clicks,
            Map<String, Long> invalidClicksByReason,
            List<String> keywords,
            long matchingSearches,
            long searchesWithItsEntity,
            long[] cumulativeSpendByHour,
            double[] expectedTrafficShareByHour,
            String notShownBecause,
            Conversions conversions,
            Auctions auctions,
            long savingsCents) {

        public static final int HOURS = 24;
        /** Spend below this share of the budget, with a click's worth left, counts as under-delivered. */
        static final double UNDER_DELIVERED_BELOW = 0.9;

        /**
         * @param invalidClicksByReason      the campaign's report's invalid clicks, by reason
         * @param keywords                   its keyword targets (empty: every query)
         * @param matchingSearches           searches the demo sent that it targets: its surface, role, city and keywords
         * @param searchesWithItsEntity      of those, the ones whose organic matches held its entity: where it could be shown
         * @param cumulativeSpendByHour      spend from midnight to the end of each hour, 24 values, cents
         * @param expectedTrafficShareByHour the share of the day's searches expected by the end of each hour, which
         *                                   makes the even-pacing target a share of the daily budget, 24 values
         * @param notShownBecause            the check its diagnostics name as deciding for a search it targets, asked
         *                                   at the day's end when it was never shown or under-delivered; else null
         * @param savingsCents               what its billed clicks' bids exceeded what they paid, as its report says
         */
        public CampaignDay {
            Objects.requireNonNull(campaignId, "campaignId");
            Objects.requireNonNull(conversions, "conversions");
            Objects.requireNonNull(auctions, "auctions");
            Objects.requireNonNull(label, "label");
            if (cumulativeSpendByHour.length != HOURS || expectedTrafficShareByHour.length != HOURS) {
                throw new IllegalArgumentException("one value per hour of the day is expected");
            }
            if (cpcCents <= 0 || dailyBudgetCents <= 0) {
                throw new IllegalArgumentException("cpc and daily budget must be positive");
            }
            invalidClicksByReason = Map.copyOf(invalidClicksByReason);
            keywords = List.copyOf(keywords);
            cumulativeSpendByHour = cumulativeSpendByHour.clone();
            expectedTrafficShareByHour = expectedTrafficShareByHour.clone();
        }

        /** A day without conversions or impression share figures. */
        public CampaignDay(String campaignId, String label, String format, String pacing, long cpcCents,
                long dailyBudgetCents, long spendCents, long impressions, long clicks, Map<String, Long> invalidClicksByReason,
                List<String> keywords, long matchingSearches, long searchesWithItsEntity, long[] cumulativeSpendByHour,
                double[] expectedTrafficShareByHour, String notShownBecause) {
            this(campaignId, label, format, pacing, cpcCents, dailyBudgetCents, spendCents, impressions, clicks,
                    invalidClicksByReason, keywords, matchingSearches, searchesWithItsEntity, cumulativeSpendByHour,
                    expectedTrafficShareByHour, notShownBecause, Conversions.NONE, Auctions.NONE, 0);
        }

        /** A day whose clicks saved nothing against their bid. */
        public CampaignDay(String campaignId, String label, String format, String pacing, long cpcCents,
                long dailyBudgetCents, long spendCents, long impressions, long clicks, Map<String, Long> invalidClicksByReason,
                List<String> keywords, long matchingSearches, long searchesWithItsEntity, long[] cumulativeSpendByHour,
                double[] expectedTrafficShareByHour, String notShownBecause, Conversions conversions, Auctions auctions) {
            this(campaignId, label, format, pacing, cpcCents, dailyBudgetCents, spendCents, impressions, clicks,
                    invalidClicksByReason, keywords, matchingSearches, searchesWithItsEntity, cumulativeSpendByHour,
                    expectedTrafficShareByHour, notShownBecause, conversions, auctions, 0);
        }

        /** The same day with what its diagnostics named at the day's end. */
        CampaignDay withNotShownBecause(String check) {
            return new CampaignDay(campaignId, label, format, pacing, cpcCents, dailyBudgetCents, spendCents, impressions,
                    clicks, invalidClicksByReason, keywords, matchingSearches, searchesWithItsEntity, cumulativeSpendByHour,
                    expectedTrafficShareByHour, check, conversions, auctions, savingsCents);
        }

        /** "62 % of 140 (lost: rank 30 %, budget 8 %)": its impression share as the report's auctions block has it. */
        public String impressionShareText() {
            if (auctions.candidateAuctions() == 0) {
                return "no candidate auctions";
            }
            StringBuilder text = new StringBuilder(HtmlReport.percent(auctions.impressionShare())).append(" of ")
                    .append(auctions.candidateAuctions());
            StringBuilder lost = new StringBuilder();
            appendLost(lost, "rank", auctions.lostToRank());
            appendLost(lost, "budget", auctions.lostToBudget());
            appendLost(lost, "pacing", auctions.lostToPacing());
            appendLost(lost, "other", auctions.lostToOther());
            return lost.length() == 0 ? text.toString() : text.append(" (lost: ").append(lost).append(')').toString();
        }

        private static void appendLost(StringBuilder lost, String reason, double share) {
            if (share > 0) {
                lost.append(lost.length() == 0 ? "" : ", ").append(reason).append(' ').append(HtmlReport.percent(share));
            }
        }

        public boolean paced() {
            return "even".equals(pacing);
        }

        public long invalidClicks() {
            return invalidClicksByReason.values().stream().mapToLong(Long::longValue).sum();
        }

        /** Click-through rate of the valid clicks, 0 without impressions. */
        /**
         * "bid / paid": the cpc beside the spend per click (the click's clearing price, averaged), both in cents; the
         * bid alone before the first click; what the clicks saved against their bids, in all, once they saved anything.
         */
        public String bidAndPaid() {
            String bidAndPaid = clicks == 0 ? cpcCents + " / –" : cpcCents + " / " + Math.round((double) spendCents / clicks);
            return savingsCents > 0 ? bidAndPaid + " (saved " + savingsCents + ")" : bidAndPaid;
        }

        public double ctr() {
            return impressions == 0 ? 0 : (double) clicks / impressions;
        }

        /** Spend as a share of the daily budget: the day's target in both pacing modes (even pacing ends on it). */
        public double delivered() {
            return (double) spendCents / dailyBudgetCents;
        }

        /** The even-pacing target by the end of {@code hour}: the daily budget times the day's share of searches by then, cents. */
        public long pacingTargetCents(int hour) {
            return Math.round(dailyBudgetCents * expectedTrafficShareByHour[hour]);
        }

        /** Below {@link #UNDER_DELIVERED_BELOW} of its budget, with at least one more click's worth left. */
        public boolean underDelivered() {
            return delivered() < UNDER_DELIVERED_BELOW && dailyBudgetCents - spendCents >= cpcCents;
        }

        /**
         * How its spend went against its target: for even pacing, whether it stayed within a click of the
         * even-pacing target at every hour's end; for accelerated, the hour it had spent its budget by.
         */
        public String pacingAgainstTarget() {
            if (spendCents > dailyBudgetCents) {
                return "OVERSPENT"; // a click billed past the daily budget: a broken invariant, said loudly
            }
            if (impressions == 0) {
                return "never shown";
            }
            if (!paced()) {
                for (int hour = 0; hour < HOURS; hour++) {
                    if (dailyBudgetCents - cumulativeSpendByHour[hour] < cpcCents) {
                        return String.format(Locale.ROOT, "budget spent by %02d h", hour + 1);
                    }
                }
                return "budget never spent";
            }
            for (int hour = 0; hour < HOURS; hour++) {
                if (cumulativeSpendByHour[hour] - pacingTargetCents(hour) > cpcCents) {
                    return String.format(Locale.ROOT, "ahead of target at %02d h", hour + 1);
                }
            }
            int behindFrom = HOURS;
            while (behindFrom > 0 && behind(behindFrom - 1)) {
                behindFrom--;
            }
            if (behindFrom < HOURS) {
                return String.format(Locale.ROOT, "behind target from %02d h", behindFrom + 1);
            }
            for (int hour = 0; hour < HOURS; hour++) {
                if (behind(hour)) {
                    return String.format(Locale.ROOT, "behind at %02d h, then caught up", hour + 1);
                }
            }
            return "on target (within a click)";
        }

        /** More than a click behind the even-pacing target at the end of {@code hour}. */
        private boolean behind(int hour) {
            return pacingTargetCents(hour) - cumulativeSpendByHour[hour] > cpcCents;
        }

        /**
         * Why it under-delivered, from what promo and the demo know: what its diagnostics name at the day's end
         * when that blocks it (floor, budget, balance, status), else where the searches it targets were lost:
         * to better-ranked campaigns (or even pacing holding it back), or too few of them for its budget.
         * Null when it did not under-deliver.
         */
        public String whyUnderDelivered() {
            if (!underDelivered()) {
                return null;
            }
            if (notShownBecause != null && BLOCKING.containsKey(notShownBecause)) {
                return (impressions == 0 ? "never shown: " : "then not shown: ") + BLOCKING.get(notShownBecause);
            }
            if (matchingSearches == 0) {
                return "no search matched its targeting";
            }
            String funnel = String.format(Locale.ROOT, "shown in %,d of %,d, %,d of %,d affordable clicks", impressions,
                    searchesWithItsEntity, clicks, dailyBudgetCents / cpcCents);
            if (searchesWithItsEntity > 0 && impressions * 2 < searchesWithItsEntity) {
                return (paced() ? "outranked or held back by pacing: " : "outranked: ") + funnel;
            }
            return (keywords.isEmpty() ? "few matching searches for its budget: "
                    : "few matching searches (keywords " + String.join(", ", keywords) + "): ") + funnel;
        }

        /** Diagnostics checks that, failing, keep a campaign from every search: in plain words. */
        private static final Map<String, String> BLOCKING = Map.of(
                "FLOOR", "cpc below the floor (FLOOR)",
                "STATUS", "campaign not active (STATUS)",
                "SCHEDULE", "outside its dates (SCHEDULE)",
                "ADVERTISER", "advertiser not active (ADVERTISER)",
                "TOTAL_BUDGET", "total budget exhausted (TOTAL_BUDGET)",
                "BALANCE", "prepaid balance exhausted (BALANCE)");

        @Override
        public long[] cumulativeSpendByHour() {
            return cumulativeSpendByHour.clone();
        }

        @Override
        public double[] expectedTrafficShareByHour() {
            return expectedTrafficShareByHour.clone();
        }
    }

    /**
     * A campaign's impression share of the day, as its report's {@code auctions} block has it: the searches it was a
     * candidate for, the share that showed it and the shares lost to rank, budget, pacing and the other reasons
     * (floor, status, page caps) together.
     */
    public record Auctions(long candidateAuctions, double impressionShare, double lostToRank, double lostToBudget,
            double lostToPacing, double lostToOther) {

        public static final Auctions NONE = new Auctions(0, 0, 0, 0, 0, 0);

        public Auctions {
            if (candidateAuctions < 0) {
                throw new IllegalArgumentException("candidate auctions are never negative: " + candidateAuctions);
            }
        }
    }
}
