package io.promo.domain.serving;

import io.promo.domain.shared.CityCode;
import io.promo.domain.shared.RoleCode;
import io.promo.domain.shared.Surface;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The decided page: {@code min(page_size, organic matches)} positions, numbered from 1, each entity once.
 * The search context is repeated so that the traffic package can log every sponsored impression from it.
 *
 * @param memoryToken the viewer-memory token for the search service to send with this viewer's next search
 *                    (ADR 0034): the request's own when nothing capped was placed; empty when there is none
 */
public record DecisionPage(
        Instant servedAt,
        Surface surface,
        Optional<RoleCode> role,
        CityCode city,
        Viewer viewer,
        String querySignature,
        List<PagePosition> positions,
        Optional<String> memoryToken) {

    public DecisionPage {
        Objects.requireNonNull(servedAt, "servedAt");
        Objects.requireNonNull(surface, "surface");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(city, "city");
        Objects.requireNonNull(viewer, "viewer");
        Objects.requireNonNull(querySignature, "querySignature");
        positions = List.copyOf(positions);
        for (int i = 0; i < positions.size(); i++) {
            if (positions.get(i).position() != i + 1) {
                throw new IllegalArgumentException("positions are numbered from 1 in order: position " + (i + 1)
                        + " says " + positions.get(i).position());
            }
        }
        Objects.requireNonNull(memoryToken, "memoryToken");
    }

    /** A page without a viewer-memory token to answer with. */
    public DecisionPage(Instant servedAt, Surface surface, Optional<RoleCode> role, CityCode city, Viewer viewer,
            String querySignature, List<PagePosition> positions) {
        this(servedAt, surface, role, city, viewer, querySignature, positions, Optional.empty());
    }

    /** The sponsored positions, top first. */
    public List<PagePosition.Sponsored> sponsored() {
        List<PagePosition.Sponsored> sponsored = new ArrayList<>(positions.size());
        for (PagePosition position : positions) {
            if (position instanceof PagePosition.Sponsored s) {
                sponsored.add(s);
            }
        }
        return Collections.unmodifiableList(sponsored);
    }
}
