package io.promo.domain.shared;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * What promo accepts from outside as text and as a date, stated once for every reader of requests (the HTTP
 * bodies, query strings and paths). Anything else is refused where it is read, naming the field, before a use
 * case runs: a value PostgreSQL cannot hold must never reach it as a 500.
 *
 * <ul>
 *   <li>Text holds no NUL character (U+0000), which a PostgreSQL {@code text} column refuses, and no unpaired
 *       UTF-16 surrogate, which has no UTF-8 form (the driver would silently store {@code ?} instead).</li>
 *   <li>Dates and instants lie in the years {@value #FIRST_YEAR} to {@value #LAST_YEAR} (UTC for instants): wide
 *       enough for any campaign or report, narrow enough that every date has a four-digit year that PostgreSQL
 *       and {@code java.time} read alike, and adding a year or a budget day to it cannot overflow.</li>
 * </ul>
 */
public final class AcceptedInput {

    public static final int FIRST_YEAR = 2000;
    public static final int LAST_YEAR = 9999;
    public static final LocalDate FIRST_DAY = LocalDate.of(FIRST_YEAR, 1, 1);
    public static final LocalDate LAST_DAY = LocalDate.of(LAST_YEAR, 12, 31);
    private static final Instant FIRST_INSTANT = FIRST_DAY.atStartOfDay(ZoneOffset.UTC).toInstant();
    private static final Instant END_INSTANT = LAST_DAY.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();

    private AcceptedInput() {
    }

    /** Why {@code text} cannot be accepted, or empty when it can. */
    public static Optional<String> textProblem(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\u0000') {
                return Optional.of("must not contain the NUL character (U+0000)");
            }
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return Optional.of("must be valid Unicode (an unpaired surrogate at character " + (i + 1) + ")");
            }
        }
        return Optional.empty();
    }

    /** Why {@code day} cannot be accepted, or empty when it can. */
    public static Optional<String> dateProblem(LocalDate day) {
        return day.isBefore(FIRST_DAY) || day.isAfter(LAST_DAY)
                ? Optional.of("must lie between " + FIRST_DAY + " and " + LAST_DAY + " (got " + day + ")")
                : Optional.empty();
    }

    /** Why {@code instant} cannot be accepted, or empty when it can. */
    public static Optional<String> instantProblem(Instant instant) {
        return instant.isBefore(FIRST_INSTANT) || !instant.isBefore(END_INSTANT)
                ? Optional.of("must lie between " + FIRST_DAY + "T00:00:00Z and " + LAST_DAY + "T23:59:59Z (got "
                        + instant + ")")
                : Optional.empty();
    }
}
