package io.promo.domain.shared;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * The one rule for a time zone promo is configured with (the budget zone, a city's zone): a region of the tz database,
 * such as {@code Europe/Berlin}, {@code CET} or {@code UTC}, never a bare offset ({@code +10:00}, {@code UTC+10}).
 * A region follows its daylight saving; an offset is read with the opposite sign by PostgreSQL (POSIX), so a fixed
 * offset is written as a region of its own, {@code Etc/GMT-10} for UTC+10.
 */
public final class TimeZones {

    private TimeZones() {
    }

    /** The region {@code text} names, or empty when it is no region of the tz database. */
    public static Optional<ZoneId> region(String text) {
        ZoneId zone;
        try {
            zone = ZoneId.of(text);
        } catch (DateTimeException e) {
            return Optional.empty();
        }
        return !(zone instanceof ZoneOffset) && ZoneId.getAvailableZoneIds().contains(zone.getId()) ? Optional.of(zone)
                : Optional.empty();
    }
}
