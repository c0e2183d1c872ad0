package io.promo.domain.serving.engine;

import io.promo.domain.pricing.EffectivePolicy;
import io.promo.domain.serving.index.ServingCampaign;
import io.promo.domain.shared.CityCode;
import java.time.LocalDate;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The words of a diagnosis. Explains verdicts that {@link Eligibility} and {@link DecisionEngine} reached;
 * decides nothing itself. Runs only for diagnoses, never on the decision path.
 */
final class Explanations {

    private Explanations() {
    }

    static String eligibility(Check check, boolean passed, ServingCampaign c, SearchContext search) {
        switch (check) {
            case CITY:
                return passed ? "targets " + search.city
                        : "targets " + c.details.cities().stream().map(CityCode::value).sorted().collect(Collectors.joining(", "))
                        + ", not " + search.city;
            case KEYWORD:
                if (!c.hasKeywords) {
                    return "no positive keyword targets: matches every query its negatives allow";
                }
                return (passed ? "one of " : "none of ") + positives(c) + " matches the query '" + search.normalizedQuery
                        + "' (broad: each word in the query; \"phrase\": the words in order; [exact]: the whole query)";
            case NEGATIVE_KEYWORD:
                if (!c.hasNegatives) {
                    return "no negative keywords";
                }
                int negative = search.matchingNegative(c);
                return negative < 0 ? "none of " + negatives(c) + " matches the query '" + search.normalizedQuery + "'"
                        : "the negative keyword " + negatives(c).get(negative) + " matches the query '"
                                + search.normalizedQuery + "'";
            case STATUS:
                return "the campaign is " + c.details.status().code();
            case SCHEDULE:
                boolean withinDates = search.dayEpoch >= c.startEpochDay && search.dayEpoch <= c.endEpochDay;
                String dates = LocalDate.ofEpochDay(search.dayEpoch) + (withinDates ? " is" : " is not") + " within "
                        + LocalDate.ofEpochDay(c.startEpochDay) + " … "
                        + (c.endEpochDay == ServingCampaign.OPEN_END ? "(no end)" : LocalDate.ofEpochDay(c.endEpochDay));
                if (!c.scheduled) {
                    return dates + "; no ad schedule (every hour)";
                }
                int hourOfWeek = search.hourOfWeek();
                return dates + String.format(Locale.ROOT, "; it is %s %02d:00–%02d:00 in %s, %s the ad schedule %s",
                        io.promo.domain.campaign.AdSchedule.dayCode(java.time.DayOfWeek.of(hourOfWeek / 24 + 1)),
                        hourOfWeek % 24, hourOfWeek % 24 + 1, search.city,
                        c.scheduledAt(hourOfWeek) ? "within" : "outside", c.details.schedule());
            case ADVERTISER:
                return c.details.advertiserStatus() == null ? "the advertiser " + c.details.advertiserId() + " is unknown"
                        : "the advertiser is " + c.details.advertiserStatus().code();
            case FLOOR:
                return "cpc " + cents(c.cpc) + (passed ? " ≥ " : " < ") + "floor " + cents(search.floorCents)
                        + " (" + policySource(search) + ")";
            case DAILY_BUDGET:
                return "spent " + cents(search.spentToday(c)) + " of the daily budget of " + cents(c.dailyBudget)
                        + " today; a click of " + cents(c.cpc) + (passed ? " fits" : " does not fit");
            case TOTAL_BUDGET:
                return c.totalBudget == ServingCampaign.NO_TOTAL ? "no total budget"
                        : "spent " + cents(c.spentTotal) + " of the total budget of " + cents(c.totalBudget) + "; a click of "
                        + cents(c.cpc) + (passed ? " fits" : " does not fit");
            case BALANCE:
                return "balance " + cents(c.balance) + (passed ? " covers" : " does not cover") + " a click of " + cents(c.cpc);
            case PACING:
                if (c.accelerated) {
                    return "accelerated: spends whenever budget remains";
                }
                return String.format(Locale.ROOT,
                        "even: by %.2f h into the day %s may be spent (daily budget %s × F = %.1f %% of the day's traffic,"
                                + " plus one click); spent %s, so the next click %s",
                        search.hoursIntoDay, cents(Eligibility.pacingAllowance(c, search)), cents(c.dailyBudget),
                        search.pacingShare(c) * 100, cents(search.spentToday(c)), passed ? "fits" : "must wait")
                        + (c.dayHours == ServingCampaign.ALL_DAY_HOURS ? ""
                                : "; F counts only the traffic of the " + Integer.bitCount(c.dayHours)
                                        + " scheduled hours of the day");
            case FREQUENCY_CAP:
                if (c.capImpressions == 0) {
                    return "no frequency cap";
                }
                return "frequency cap " + c.capImpressions + " per " + c.capPeriodHours + " h: the viewer's memory token ("
                        + search.memoryReading().label() + ") counts " + search.memory().count(c.capHash, search.nowMinute,
                        c.capPeriodMinutes) + " impression(s) in the last " + c.capPeriodHours + " h, so another "
                        + (passed ? "fits" : "does not fit");
            default:
                throw new IllegalArgumentException(check + " is not an eligibility check");
        }
    }

    private static java.util.List<String> positives(ServingCampaign c) {
        return c.details.keywords().stream().filter(k -> !k.startsWith("-")).toList();
    }

    /** The negative targets in the order of {@link ServingCampaign#negatives}: stored ones start with a '-'. */
    private static java.util.List<String> negatives(ServingCampaign c) {
        return c.details.keywords().stream().filter(k -> k.startsWith("-")).toList();
    }

    /** The ADVERTISER_SLOTS result, after the placement's others: what competitive separation did to the campaign. */
    static void advertiserSlots(DiagnosisTrace trace, Placement placement, SearchContext search) {
        ServingCampaign c = trace.campaign;
        int max = search.maxSlotsPerAdvertiser;
        if (trace.wasAdvertiserFull()) {
            trace.placement(Check.ADVERTISER_SLOTS, CheckResult.Verdict.FAIL, "its advertiser already had " + max
                    + " of the page's sponsored positions, as many as one advertiser may take (PROMO_MAX_SLOTS_PER_ADVERTISER)");
        } else if (placement.positionOf(c) > 0) {
            trace.placement(Check.ADVERTISER_SLOTS, CheckResult.Verdict.PASS, "its advertiser has "
                    + placement.advertiserPositions(c) + " of the page's sponsored positions, at most " + max);
        } else {
            trace.placement(Check.ADVERTISER_SLOTS, CheckResult.Verdict.SKIPPED, "not placed for another reason");
        }
    }

    static String policySource(SearchContext search) {
        EffectivePolicy policy = search.policy;
        switch (policy.source()) {
            case ROLE_AND_CITY:
            case CITY:
                return "policy " + policy.policy().orElseThrow().id() + " for " + policy.policy().orElseThrow().scope();
            default:
                return "deployment default";
        }
    }

    static String cents(long cents) {
        return cents + "¢";
    }
}
