package io.promo.domain.serving.engine;

import io.promo.domain.shared.CityCode;
import io.promo.domain.shared.RoleCode;
import io.promo.domain.shared.Surface;
import java.util.List;
import java.util.Optional;

/**
 * What the engine reads of one search. The search service's {@code DecisionRequest} is the one implementation; it
 * lives beside the use cases that take it, and the engine, which they call, names only this, so that no package
 * of serving depends on one that depends on it.
 */
public interface Search {

    /**
     * The most organic matches one search may carry: the engine's per-thread working arrays are this long, so the
     * request refuses more.
     */
    int MAX_ORGANIC_MATCHES = 1000;

    Surface surface();

    Optional<RoleCode> role();

    CityCode city();

    /** As typed; the engine normalizes it. */
    String query();

    /** How many results the page shows; at least 1. */
    int pageSize();

    /** At most {@link #MAX_ORGANIC_MATCHES} distinct, non-null entity ids, in the search engine's order. */
    List<String> organicMatches();

    /** A hash of who searched: part of the seed of the rotation of tied campaigns. */
    int viewerHash();

    /** The viewer-memory token the search service passed back from its previous decision for this viewer, or null. */
    default String memoryToken() {
        return null;
    }

    /** The viewer's stable key, which a memory token is bound to. */
    default String viewerKey() {
        return "";
    }
}
