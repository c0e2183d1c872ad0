package io.promo.domain.serving.index;

import java.time.Instant;

/** Where decisions get the serving index from. */
@FunctionalInterface
public interface ServingIndexSource {

    /**
     * The index to decide with at {@code now}, without waiting for the database: the last snapshot, kept fresh
     * (within the refresh interval plus one rebuild) by whoever refreshes it in the background.
     */
    ServingIndex indexAt(Instant now);
}
