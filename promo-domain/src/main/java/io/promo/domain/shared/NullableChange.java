package io.promo.domain.shared;

import java.util.Objects;
import java.util.Optional;

/**
 * A partial update of an optional field, where "leave it", "clear it" and "set it" all differ
 * (a JSON merge patch's absent, {@code null} and value).
 */
public sealed interface NullableChange<T> permits NullableChange.Keep, NullableChange.Clear, NullableChange.Set {

    @SuppressWarnings("unchecked")
    static <T> NullableChange<T> keep() {
        return (NullableChange<T>) Keep.INSTANCE;
    }

    @SuppressWarnings("unchecked")
    static <T> NullableChange<T> clear() {
        return (NullableChange<T>) Clear.INSTANCE;
    }

    static <T> NullableChange<T> set(T value) {
        return new Set<>(value);
    }

    /** The field's value after this change. */
    Optional<T> applyTo(Optional<T> current);

    default boolean changes() {
        return !(this instanceof Keep);
    }

    final class Keep<T> implements NullableChange<T> {
        private static final Keep<?> INSTANCE = new Keep<>();

        private Keep() {
        }

        @Override
        public Optional<T> applyTo(Optional<T> current) {
            return current;
        }
    }

    final class Clear<T> implements NullableChange<T> {
        private static final Clear<?> INSTANCE = new Clear<>();

        private Clear() {
        }

        @Override
        public Optional<T> applyTo(Optional<T> current) {
            return Optional.empty();
        }
    }

    record Set<T>(T value) implements NullableChange<T> {
        public Set {
            Objects.requireNonNull(value, "value");
        }

        @Override
        public Optional<T> applyTo(Optional<T> current) {
            return Optional.of(value);
        }
    }
}
