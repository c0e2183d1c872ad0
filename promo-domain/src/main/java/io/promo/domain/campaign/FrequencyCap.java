package io.promo.domain.campaign;

import io.promo.domain.shared.Violation;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * At most {@code impressions} sponsored impressions of one campaign to one viewer in any {@code periodHours} hours
 * (a rolling window, counted in whole minutes). The viewer's past impressions travel in the signed viewer-memory
 * token, not in a store (docs/adr/0034-frequency-caps-in-a-signed-viewer-memory-token.md).
 *
 * <p>The bounds keep that token small: at most {@value #MAX_IMPRESSIONS} impressions are remembered per campaign and
 * a week at most, so a cap never needs more.
 */
public record FrequencyCap(int impressions, int periodHours) {

    public static final int MAX_IMPRESSIONS = 10;
    public static final int MAX_PERIOD_HOURS = 168;
    public static final String FIELD = "frequency_cap";

    public FrequencyCap {
        List<Violation> problems = problems(impressions, periodHours);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(problems.toString());
        }
    }

    /** The violations of a cap read from input, each naming {@code frequency_cap.impressions} or {@code .period_hours}. */
    public static List<Violation> problems(long impressions, long periodHours) {
        List<Violation> found = new ArrayList<>(2);
        if (impressions < 1 || impressions > MAX_IMPRESSIONS) {
            found.add(new Violation(FIELD + ".impressions", "must be between 1 and " + MAX_IMPRESSIONS + " (got "
                    + impressions + ")", Violation.Kind.FORM));
        }
        if (periodHours < 1 || periodHours > MAX_PERIOD_HOURS) {
            found.add(new Violation(FIELD + ".period_hours", "must be between 1 and " + MAX_PERIOD_HOURS + " (got "
                    + periodHours + ")", Violation.Kind.FORM));
        }
        return found;
    }

    public int periodMinutes() {
        return periodHours * 60;
    }

    /**
     * A deployment default as configured: {@code off}, or {@code <impressions>/<hours>h} such as {@code 3/24h}.
     *
     * @throws IllegalArgumentException naming the form when {@code text} is neither
     */
    public static Optional<FrequencyCap> parseDefault(String text) {
        String trimmed = text.trim();
        if (trimmed.equalsIgnoreCase("off")) {
            return Optional.empty();
        }
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d{1,4})/(\\d{1,4})h").matcher(trimmed);
        if (!m.matches()) {
            throw new IllegalArgumentException("a frequency cap is 'off' or '<impressions>/<hours>h', such as 3/24h (got '"
                    + text + "')");
        }
        return Optional.of(new FrequencyCap(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))));
    }

    @Override
    public String toString() {
        return impressions + "/" + periodHours + "h";
    }
}
