package io.promo.domain.serving;

import java.time.Instant;

/** Where decisions get the serving index from. */
@FunctionalInterface
public interface ServingIndexSource {

    /** The index to decide with at {@code now}: never older than the refresh interval, save while a rebuild runs. */
    ServingIndex indexAt(Instant now);
}
