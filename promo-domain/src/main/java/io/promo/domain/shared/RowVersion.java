package io.promo.domain.shared;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * {@code updated_at} doubles as the optimistic-concurrency version of a row (ADR 0004): a writer
 * updates only if the row still carries the {@code updated_at} it read.
 *
 * <p>For that to detect every concurrent write, each write must move the version forward, even when
 * two writes fall in the same microsecond (PostgreSQL's {@code timestamptz} resolution) or the clock
 * stands still in a test.
 */
public final class RowVersion {

    private RowVersion() {
    }

    /** The timestamp as PostgreSQL stores it. */
    public static Instant stored(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS);
    }

    /** The {@code updated_at} a write made at {@code now} gives a row last written at {@code previous}. */
    public static Instant next(Instant previous, Instant now) {
        Instant candidate = stored(now);
        Instant stored = stored(previous);
        return candidate.isAfter(stored) ? candidate : stored.plus(1, ChronoUnit.MICROS);
    }
}
