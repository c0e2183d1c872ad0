package io.promo.domain.serving.engine;

import io.promo.domain.serving.index.ServingCampaign;

import io.promo.domain.ledger.SpendPolicy;

/**
 * The one implementation of the eligibility rules (docs/design.md "Serve"): the decision path calls it for every
 * candidate, the diagnosis for the campaign it explains. Each rule is one method below. Without a trace the
 * rules run as one short-circuit chain (the decision path); with a trace every rule runs, in {@link Check}
 * order, and is recorded. The verdict is the same either way: the conjunction of the same rules.
 * {@code PlacementPropertiesTest} checks that the decision and the diagnosis agree for every campaign.
 */
final class Eligibility {

    private Eligibility() {
    }

    static boolean evaluate(ServingCampaign c, SearchContext search, DiagnosisTrace trace) {
        if (trace == null) {
            return city(c, search) && keyword(c, search) && negativeKeyword(c, search) && status(c) && schedule(c, search) && advertiser(c)
                    && floor(c, search) && dailyBudget(c, search) && totalBudget(c) && balance(c) && pacing(c, search)
                    && frequencyCap(c, search);
        }
        boolean eligible = true;
        for (Check check : Check.ELIGIBILITY) {
            boolean passed = passes(check, c, search);
            trace.eligibility(check, passed, c, search);
            eligible &= passed;
        }
        return eligible;
    }

    static boolean passes(Check check, ServingCampaign c, SearchContext search) {
        switch (check) {
            case CITY:
                return city(c, search);
            case KEYWORD:
                return keyword(c, search);
            case NEGATIVE_KEYWORD:
                return negativeKeyword(c, search);
            case STATUS:
                return status(c);
            case SCHEDULE:
                return schedule(c, search);
            case ADVERTISER:
                return advertiser(c);
            case FLOOR:
                return floor(c, search);
            case DAILY_BUDGET:
                return dailyBudget(c, search);
            case TOTAL_BUDGET:
                return totalBudget(c);
            case BALANCE:
                return balance(c);
            case PACING:
                return pacing(c, search);
            case FREQUENCY_CAP:
                return frequencyCap(c, search);
            default:
                throw new IllegalArgumentException(check + " is not an eligibility check");
        }
    }

    private static boolean city(ServingCampaign c, SearchContext search) {
        return c.targetsCity(search.cityId);
    }

    private static boolean keyword(ServingCampaign c, SearchContext search) {
        return !c.hasKeywords || search.matchesAnyKeyword(c);
    }

    private static boolean negativeKeyword(ServingCampaign c, SearchContext search) {
        return !c.hasNegatives || search.matchingNegative(c) < 0;
    }

    private static boolean status(ServingCampaign c) {
        return c.active;
    }

    private static boolean schedule(ServingCampaign c, SearchContext search) {
        return search.dayEpoch >= c.startEpochDay && search.dayEpoch <= c.endEpochDay
                && (!c.scheduled || c.scheduledAt(search.hourOfWeek()));
    }

    private static boolean advertiser(ServingCampaign c) {
        return c.advertiserActive;
    }

    private static boolean floor(ServingCampaign c, SearchContext search) {
        return c.cpc >= search.floorCents;
    }

    private static boolean dailyBudget(ServingCampaign c, SearchContext search) {
        return SpendPolicy.withinDailyBudget(search.spentToday(c), c.cpc, c.dailyBudget);
    }

    private static boolean totalBudget(ServingCampaign c) {
        return c.totalBudget == ServingCampaign.NO_TOTAL
                || SpendPolicy.withinTotalBudget(c.spentTotal, c.cpc, c.totalBudget);
    }

    private static boolean balance(ServingCampaign c) {
        return SpendPolicy.coveredByBalance(c.balance, c.cpc);
    }

    private static boolean pacing(ServingCampaign c, SearchContext search) {
        return c.accelerated || search.spentToday(c) + c.cpc <= pacingAllowance(c, search);
    }

    /** Last of the chain: the only rule that may read the viewer's memory token, and only for a capped campaign. */
    private static boolean frequencyCap(ServingCampaign c, SearchContext search) {
        return c.capImpressions == 0 || search.memory().allows(c.capHash, c.capImpressions, c.capPeriodMinutes,
                search.nowMinute);
    }

    /**
     * What an even campaign may have spent by now, the next click included: {@code daily_budget × F(now)}
     * plus one click of slack (docs/design.md "Pacing"); for a scheduled campaign F is restricted to its scheduled
     * hours (ADR 0036). That this never exceeds the daily budget is the
     * DAILY_BUDGET rule's job.
     */
    static long pacingAllowance(ServingCampaign c, SearchContext search) {
        return (long) Math.floor(c.dailyBudget * search.pacingShare(c)) + c.cpc;
    }
}
