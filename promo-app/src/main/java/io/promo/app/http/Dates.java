package io.promo.app.http;

import io.promo.domain.shared.AcceptedInput;
import io.promo.domain.shared.InvalidCommandException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** Dates and instants as requests write them, held to {@link AcceptedInput}'s years wherever they are read. */
final class Dates {

    private Dates() {
    }

    /** {@code YYYY-MM-DD}, or empty when {@code raw} is no date at all. */
    static Optional<LocalDate> parse(String raw) {
        try {
            return Optional.of(LocalDate.parse(raw));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** An accepted instant, or an {@link InvalidCommandException} naming {@code field}. */
    static Instant instant(String field, String raw) {
        Instant instant;
        try {
            instant = Instant.parse(raw);
        } catch (DateTimeParseException e) {
            throw InvalidCommandException.of(field, "must be an RFC 3339 instant such as 2026-11-28T00:00:00Z");
        }
        AcceptedInput.instantProblem(instant).ifPresent(problem -> {
            throw InvalidCommandException.of(field, problem);
        });
        return instant;
    }

    /** An accepted budget day, or an {@link InvalidCommandException} naming {@code field}. */
    static LocalDate day(String field, String raw) {
        LocalDate day = parse(raw).orElseThrow(() -> InvalidCommandException.of(field,
                "must be a budget day as YYYY-MM-DD (got '" + raw + "')"));
        AcceptedInput.dateProblem(day).ifPresent(problem -> {
            throw InvalidCommandException.of(field, problem);
        });
        return day;
    }
}
