package io.promo.domain.shared;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A command that cannot even be built: a missing field, an unknown enum code, a malformed id.
 *
 * <p>Thrown at the edge, before any use case runs, so nothing can have been written (ADR 0002).
 * Business rules that a well-formed command breaks are {@link Outcome.Rejected} values instead. Every violation
 * of a command that cannot be built is of its form ({@link Violation.Kind#FORM}), whatever it was created as.
 */
public final class InvalidCommandException extends RuntimeException {

    private final List<Violation> violations;

    public InvalidCommandException(List<Violation> violations) {
        super(violations.stream().map(Violation::toString).collect(Collectors.joining("; ")));
        if (violations.isEmpty()) {
            throw new IllegalArgumentException("an invalid command needs at least one violation");
        }
        this.violations = violations.stream()
                .map(v -> v.isForm() ? v : Violation.ofForm(v.field(), v.message()))
                .toList();
    }

    public static InvalidCommandException of(String field, String message) {
        return new InvalidCommandException(List.of(new Violation(field, message)));
    }

    public List<Violation> violations() {
        return violations;
    }
}
