package io.promo.domain.serving.pacing;

/**
 * How the traffic curve F is learned for even pacing.
 *
 * @param historyDays        the complete budget days before today whose hourly searches are summed (7: a week,
 *                           so weekdays and weekends both count)
 * @param minHistorySearches fewer searches than this in the window, and the surface and city stay on the
 *                           uniform curve (500: about 20 an hour, below which hourly shares are mostly noise)
 * @param uniformBlend       the share of the uniform curve mixed into a learned one (5 %), so that no hour is
 *                           left without any budget because it happened to have no searches in the window
 */
public record PacingSettings(int historyDays, long minHistorySearches, double uniformBlend) {

    public static final PacingSettings DEFAULT = new PacingSettings(7, 500, 0.05);

    public PacingSettings {
        if (historyDays < 1 || historyDays > 366) {
            throw new IllegalArgumentException("historyDays must be between 1 and 366: " + historyDays);
        }
        if (minHistorySearches < 1) {
            throw new IllegalArgumentException("minHistorySearches must be positive: " + minHistorySearches);
        }
        if (!(uniformBlend >= 0 && uniformBlend <= 1)) {
            throw new IllegalArgumentException("uniformBlend must be in [0, 1]: " + uniformBlend);
        }
    }
}
