package io.promo.domain.ledger;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Objects;

/** The budget day: midnight to midnight in the deployment's zone (UTC unless configured). */
public record BudgetCalendar(ZoneId zone) {

    public static final BudgetCalendar UTC = new BudgetCalendar(ZoneId.of("UTC"));

    public BudgetCalendar {
        Objects.requireNonNull(zone, "zone");
    }

    public LocalDate dayOf(Instant instant) {
        return LocalDate.ofInstant(instant, zone);
    }

    /** The first instant of {@code day} (a daylight-saving gap moves it, never skips the day). */
    public Instant startOf(LocalDate day) {
        return day.atStartOfDay(zone).toInstant();
    }

    public Instant endOf(LocalDate day) {
        return startOf(day.plusDays(1));
    }
}
