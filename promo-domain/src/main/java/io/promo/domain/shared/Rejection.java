package io.promo.domain.shared;

import java.util.List;
import java.util.Objects;

/** Why a use case refused a well-formed command. {@code violations} is non-empty for {@link Kind#INVALID}. */
public record Rejection(Kind kind, String detail, List<Violation> violations) {

    public enum Kind {
        /**
         * The values break rules: see the violations. When one of them is of a field's form
         * ({@link Violation.Kind#FORM}) the command was malformed rather than refused (ADR 0008).
         */
        INVALID,
        /** The id is unknown, or belongs to another tenant (I8: the two are indistinguishable). */
        NOT_FOUND,
        /** The requested status change is not allowed from the current status. */
        ILLEGAL_TRANSITION,
        /** Concurrent writers kept changing the same row; the caller may retry. */
        CONFLICT,
        /** The actor may not do this at all (e.g. an advertiser suspending a campaign). */
        FORBIDDEN,
        /** A limit of the deployment refuses it (e.g. the campaign quota); the detail names the limit. */
        LIMIT_REACHED
    }

    public Rejection {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(detail, "detail");
        violations = List.copyOf(violations);
        if (kind == Kind.INVALID && violations.isEmpty()) {
            throw new IllegalArgumentException("an INVALID rejection needs violations");
        }
    }

    public static Rejection invalid(List<Violation> violations) {
        return new Rejection(Kind.INVALID, violations.size() == 1
                ? violations.get(0).toString()
                : violations.size() + " fields break the rules", violations);
    }

    /** An {@link Kind#INVALID} rejection of which at least one violation is of a field's form. */
    public boolean breaksForm() {
        return kind == Kind.INVALID && violations.stream().anyMatch(Violation::isForm);
    }

    public static Rejection notFound(String what, Object id) {
        return new Rejection(Kind.NOT_FOUND, what + " " + id + " does not exist", List.of());
    }

    public static Rejection illegalTransition(String detail) {
        return new Rejection(Kind.ILLEGAL_TRANSITION, detail, List.of());
    }

    public static Rejection conflict(String detail) {
        return new Rejection(Kind.CONFLICT, detail, List.of());
    }

    public static Rejection forbidden(String detail) {
        return new Rejection(Kind.FORBIDDEN, detail, List.of());
    }

    public static Rejection limitReached(String detail) {
        return new Rejection(Kind.LIMIT_REACHED, detail, List.of());
    }
}
