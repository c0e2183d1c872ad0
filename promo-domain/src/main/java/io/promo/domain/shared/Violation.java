package io.promo.domain.shared;

import java.util.Objects;

/**
 * One broken rule of a command: the field (named as the seed names the column, e.g. {@code cpc_cents}), a sentence
 * a person understands, and which {@link Kind} of rule it broke (ADR 0008: the HTTP status follows from it).
 */
public record Violation(String field, String message, Kind kind) {

    /** What the rule checks: one field against a constant of its form, or anything more. */
    public enum Kind {
        /**
         * The field alone breaks its form, whatever else the command says, whatever is stored and however promo is
         * configured: a type, a required field, an enum code, a pattern, a length, a count or a range fixed for
         * every deployment (a name of 201 characters, no city, a cpc of 0). The API document states these as the
         * field's schema, so HTTP answers 400.
         */
        FORM,
        /**
         * A business rule: it relates fields (a budget below the cpc, an end before the start), or needs stored
         * state (a city's floor, the entity's owner) or the deployment's configuration (the top-up limits). HTTP
         * answers 422.
         */
        RULE
    }

    public Violation {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(kind, "kind");
    }

    /** A business rule's violation ({@link Kind#RULE}). */
    public Violation(String field, String message) {
        this(field, message, Kind.RULE);
    }

    /** A violation of the field's own form ({@link Kind#FORM}). */
    public static Violation ofForm(String field, String message) {
        return new Violation(field, message, Kind.FORM);
    }

    public boolean isForm() {
        return kind == Kind.FORM;
    }

    @Override
    public String toString() {
        return field + ": " + message;
    }
}
