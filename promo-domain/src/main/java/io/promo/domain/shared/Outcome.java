package io.promo.domain.shared;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * What a use case answers: the result it produced, or why the business refused it.
 *
 * <p>Expected refusals (a cpc below the floor, an illegal transition, an id the caller may not see)
 * are values the caller must look at; exceptions are kept for bugs and broken invariants (ADR 0002).
 * A rejected outcome guarantees that nothing was written.
 */
public sealed interface Outcome<T> permits Outcome.Accepted, Outcome.Rejected {

    static <T> Outcome<T> accepted(T value) {
        return new Accepted<>(value);
    }

    static <T> Outcome<T> rejected(Rejection rejection) {
        return new Rejected<>(rejection);
    }

    static <T> Outcome<T> invalid(List<Violation> violations) {
        return rejected(Rejection.invalid(violations));
    }

    static <T> Outcome<T> notFound(String what, Object id) {
        return rejected(Rejection.notFound(what, id));
    }

    default boolean isAccepted() {
        return this instanceof Accepted;
    }

    default <R> Outcome<R> map(Function<T, R> mapper) {
        if (this instanceof Accepted<T> accepted) {
            return new Accepted<>(mapper.apply(accepted.value()));
        }
        return new Rejected<>(((Rejected<T>) this).rejection());
    }

    /** The value, or an {@link IllegalStateException} naming the rejection: for callers that know it must succeed. */
    default T orElseThrow() {
        if (this instanceof Accepted<T> accepted) {
            return accepted.value();
        }
        throw new IllegalStateException("rejected: " + ((Rejected<T>) this).rejection());
    }

    record Accepted<T>(T value) implements Outcome<T> {
        public Accepted {
            Objects.requireNonNull(value, "value");
        }
    }

    record Rejected<T>(Rejection rejection) implements Outcome<T> {
        public Rejected {
            Objects.requireNonNull(rejection, "rejection");
        }
    }
}
