package io.promo.domain.shared;

import java.util.Objects;

/**
 * One broken rule of a command: the field (named as the seed names the column, e.g. {@code cpc_cents})
 * and a sentence a person understands.
 */
public record Violation(String field, String message) {
    public Violation {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return field + ": " + message;
    }
}
