package io.promo.domain.campaign;

import io.promo.domain.shared.InvalidCommandException;
import io.promo.domain.shared.Violation;
import io.promo.domain.shared.Violations;
import java.time.DayOfWeek;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * When in the week a campaign may serve (dayparting, ADR 0036): windows of whole hours on chosen days, in the local
 * time of the city each search is in. No window means always. Windows may overlap (their union counts); a window
 * never crosses midnight, so 22:00–02:00 is two windows.
 *
 * <p>Like {@link CampaignSettings}, a schedule may break its rules ({@link #violations()} names each by its field,
 * {@code schedule[0].to_hour}); a {@link Campaign} holds only valid ones.
 */
public record AdSchedule(List<Window> windows) {

    /** At most this many windows: two a day for a week, and room to spare. */
    public static final int MAX_WINDOWS = 21;
    public static final int HOURS_PER_WEEK = 7 * 24;
    /** Every hour of the week. */
    public static final AdSchedule ALWAYS = new AdSchedule(List.of());

    /**
     * Hours {@code fromHour} (inclusive, 0–23) to {@code toHour} (exclusive, 1–24) on each of {@code days}, local time.
     */
    public record Window(Set<DayOfWeek> days, int fromHour, int toHour) {

        public Window {
            Objects.requireNonNull(days, "days");
            days = days.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(days));
        }

        public static Window of(Collection<DayOfWeek> days, int fromHour, int toHour) {
            return new Window(days.isEmpty() ? EnumSet.noneOf(DayOfWeek.class) : EnumSet.copyOf(days), fromHour, toHour);
        }

        /** The days in week order (monday first). */
        public List<DayOfWeek> orderedDays() {
            return days.stream().sorted().toList();
        }

        boolean covers(DayOfWeek day, int hour) {
            return days.contains(day) && hour >= fromHour && hour < toHour;
        }
    }

    public AdSchedule {
        windows = List.copyOf(windows);
    }

    public static AdSchedule of(Window... windows) {
        return new AdSchedule(List.of(windows));
    }

    /** Monday to Friday, {@code fromHour} to {@code toHour}. */
    public static AdSchedule weekdays(int fromHour, int toHour) {
        return of(Window.of(EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), fromHour, toHour));
    }

    public boolean isAlways() {
        return windows.isEmpty();
    }

    /**
     * Every broken rule, each naming its field as the API does ({@code schedule}, {@code schedule[1].days},
     * {@code schedule[0].to_hour}); all are of the field's form (HTTP 400).
     */
    public List<Violation> violations() {
        Violations found = new Violations();
        found.requireForm(windows.size() <= MAX_WINDOWS, "schedule",
                "must hold at most " + MAX_WINDOWS + " windows (got " + windows.size() + ")");
        for (int i = 0; i < windows.size(); i++) {
            Window window = windows.get(i);
            String at = "schedule[" + i + "].";
            found.requireForm(!window.days().isEmpty(), at + "days", "must name at least one day (mon … sun)");
            found.requireForm(window.fromHour() >= 0 && window.fromHour() <= 23, at + "from_hour",
                    "must be an hour from 0 to 23 (got " + window.fromHour() + ")");
            found.requireForm(window.toHour() >= 1 && window.toHour() <= 24, at + "to_hour",
                    "must be an hour from 1 to 24, exclusive (got " + window.toHour() + ")");
            found.requireForm(window.fromHour() < window.toHour(), at + "to_hour",
                    "must be after from_hour (" + window.fromHour() + "), so that the window holds an hour (got "
                            + window.toHour() + "); a window across midnight is two windows");
        }
        return found.list();
    }

    /** Whether the schedule lets a campaign serve in {@code hour} (0–23) of {@code day}, local time. */
    public boolean covers(DayOfWeek day, int hour) {
        if (windows.isEmpty()) {
            return true;
        }
        for (Window window : windows) {
            if (window.covers(day, hour)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The 168 hours of the week as bits: bit {@code h} of word {@code h / 64} for hour-of-week
     * {@code h = (day − monday) × 24 + hour}. All ones when {@link #isAlways()}.
     */
    public long[] weekMask() {
        long[] mask = new long[3];
        for (int h = 0; h < HOURS_PER_WEEK; h++) {
            if (covers(DayOfWeek.of(h / 24 + 1), h % 24)) {
                mask[h >>> 6] |= 1L << h;
            }
        }
        return mask;
    }

    /** The hour of the week of {@code hour} (0–23) on {@code day}: 0 is monday 00:00–01:00. */
    public static int hourOfWeek(DayOfWeek day, int hour) {
        return (day.getValue() - 1) * 24 + hour;
    }

    /** The API's day code: {@code mon} … {@code sun}. */
    public static String dayCode(DayOfWeek day) {
        return day.name().substring(0, 3).toLowerCase(Locale.ROOT);
    }

    /** {@code mon} … {@code sun} (any case) as a day; anything else is a violation of {@code field}. */
    public static DayOfWeek parseDay(String field, String code) {
        for (DayOfWeek day : DayOfWeek.values()) {
            if (dayCode(day).equalsIgnoreCase(code)) {
                return day;
            }
        }
        throw new InvalidCommandException(List.of(Violation.ofForm(field,
                "must be a day of the week: mon, tue, wed, thu, fri, sat or sun (got '" + code + "')")));
    }

    @Override
    public String toString() {
        if (windows.isEmpty()) {
            return "always";
        }
        StringBuilder out = new StringBuilder();
        for (Window window : windows) {
            if (out.length() > 0) {
                out.append("; ");
            }
            out.append(String.join(",", window.orderedDays().stream().map(AdSchedule::dayCode).toList()))
                    .append(String.format(Locale.ROOT, " %02d–%02d", window.fromHour(), window.toHour()));
        }
        return out.toString();
    }
}
