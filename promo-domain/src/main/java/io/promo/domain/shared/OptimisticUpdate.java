package io.promo.domain.shared;

import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Read, decide, write-if-unchanged, and on a lost race decide again on the newer row (ADR 0004).
 *
 * <p>Deciding again matters: a change is re-validated against what another writer just stored, so
 * no update silently overwrites another. After {@link #MAX_ATTEMPTS} lost races the caller gets a
 * {@link Rejection.Kind#CONFLICT} and may retry later.
 */
public final class OptimisticUpdate<T> {

    public static final int MAX_ATTEMPTS = 5;

    /** Stores {@code changed} only if the stored row still has {@code expectedVersion}; false otherwise. */
    @FunctionalInterface
    public interface ConditionalWrite<T> {
        boolean writeIfUnchanged(T changed, Instant expectedVersion);
    }

    private final Supplier<Optional<T>> load;
    private final Function<T, Instant> version;
    private final ConditionalWrite<T> write;

    public OptimisticUpdate(Supplier<Optional<T>> load, Function<T, Instant> version, ConditionalWrite<T> write) {
        this.load = load;
        this.version = version;
        this.write = write;
    }

    /**
     * @param notFound the rejection when the row is missing (or not the caller's to see)
     * @param decide   the change; returning the very same instance means "nothing to write"
     */
    public Outcome<T> apply(Supplier<Rejection> notFound, Function<T, Outcome<T>> decide) {
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            Optional<T> current = load.get();
            if (current.isEmpty()) {
                return Outcome.rejected(notFound.get());
            }
            Outcome<T> decided = decide.apply(current.get());
            if (!(decided instanceof Outcome.Accepted<T> accepted) || accepted.value() == current.get()) {
                return decided;
            }
            if (write.writeIfUnchanged(accepted.value(), version.apply(current.get()))) {
                return decided;
            }
        }
        return Outcome.rejected(Rejection.conflict(
                "the row kept changing under " + MAX_ATTEMPTS + " attempts; retry the request"));
    }
}
