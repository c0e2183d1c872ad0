package io.promo.domain.serving.pacing;

/**
 * F(t): the expected cumulative share of a budget day's searches that have happened {@code t} hours into
 * the day. F(0) = 0, F(24) = 1 and F never decreases. Even pacing lets a campaign spend
 * {@code daily_budget × F(t)} (plus one click) by time t (docs/design.md "Pacing").
 *
 * <p>Hours are budget-day hours: the day (midnight to midnight in the budget zone) divided into 24 equal
 * parts, so a 23- or 25-hour daylight-saving day is squeezed or stretched evenly.
 */
public interface TrafficCurve {

    /** F(t) for {@code 0 ≤ hoursIntoDay ≤ 24}; values outside are clamped. */
    double cumulativeShare(double hoursIntoDay);

    /**
     * F restricted to the hours of {@code hours} (bit h: hour h, 0–23): the share of those hours' expected searches
     * that have happened {@code hoursIntoDay} hours into the day. Even pacing of a scheduled campaign spreads its
     * budget by it (ADR 0036). With no hour at all (or none with traffic) it is F itself.
     */
    default double cumulativeShare(int hours, double hoursIntoDay) {
        double total = 0;
        double before = 0;
        double start = 0;
        for (int h = 0; h < 24; h++) {
            double end = cumulativeShare(h + 1);
            if ((hours & (1 << h)) != 0) {
                total += end - start;
                if (hoursIntoDay >= h + 1) {
                    before += end - start;
                } else if (hoursIntoDay > h) {
                    before += cumulativeShare(hoursIntoDay) - start;
                }
            }
            start = end;
        }
        return total > 0 ? Math.min(1.0, before / total) : cumulativeShare(hoursIntoDay);
    }

    /** Every hour alike: F(t) = t / 24. The curve until a surface and city have enough history. */
    static TrafficCurve uniform() {
        return HourlyTrafficCurve.UNIFORM;
    }
}
