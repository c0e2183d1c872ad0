package io.promo.domain.serving.pacing;

import java.util.Arrays;

/**
 * A {@link TrafficCurve} from 24 hourly shares: F is piecewise linear, each hour's share spread evenly
 * over that hour.
 */
public final class HourlyTrafficCurve implements TrafficCurve {

    static final HourlyTrafficCurve UNIFORM;

    static {
        double[] shares = new double[HourlyCounts.HOURS];
        Arrays.fill(shares, 1.0 / HourlyCounts.HOURS);
        UNIFORM = new HourlyTrafficCurve(shares);
    }

    private final double[] shares;
    /** cumulative[h] = F(h); cumulative[24] = 1 exactly. */
    private final double[] cumulative;

    private HourlyTrafficCurve(double[] shares) {
        this.shares = shares;
        this.cumulative = new double[HourlyCounts.HOURS + 1];
        double sum = 0;
        for (int h = 0; h < HourlyCounts.HOURS; h++) {
            cumulative[h] = sum;
            sum += shares[h];
        }
        cumulative[HourlyCounts.HOURS] = 1.0;
    }

    /**
     * The curve learned from {@code history}: each hour's share of the searches, blended with the uniform
     * curve by {@link PacingSettings#uniformBlend()}; the uniform curve itself when the history holds fewer
     * than {@link PacingSettings#minHistorySearches()} searches.
     */
    public static TrafficCurve learn(HourlyCounts history, PacingSettings settings) {
        long total = history.total();
        if (total < settings.minHistorySearches()) {
            return UNIFORM;
        }
        double blend = settings.uniformBlend();
        double[] shares = new double[HourlyCounts.HOURS];
        double sum = 0;
        for (int h = 0; h < HourlyCounts.HOURS; h++) {
            shares[h] = (1 - blend) * history.count(h) / (double) total + blend / HourlyCounts.HOURS;
            sum += shares[h];
        }
        for (int h = 0; h < HourlyCounts.HOURS; h++) {
            shares[h] /= sum;
        }
        return new HourlyTrafficCurve(shares);
    }

    @Override
    public double cumulativeShare(double hoursIntoDay) {
        if (!(hoursIntoDay > 0)) {
            return 0;
        }
        if (hoursIntoDay >= HourlyCounts.HOURS) {
            return 1;
        }
        int hour = (int) hoursIntoDay;
        return Math.min(1.0, cumulative[hour] + shares[hour] * (hoursIntoDay - hour));
    }

    /** The share of the day's searches expected in {@code hour} (0–23). */
    public double hourlyShare(int hour) {
        return shares[hour];
    }

    @Override
    public String toString() {
        return this == UNIFORM ? "uniform" : "hourly" + Arrays.toString(shares);
    }
}
