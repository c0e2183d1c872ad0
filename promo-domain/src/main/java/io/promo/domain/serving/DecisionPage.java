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
 */
public record DecisionPage(
        Instant servedAt,
        Surface surface,
        Optional<RoleCode> role,
        CityCode city,
        Viewer viewer,
        String querySignature,
        List<PagePosition> positions) {

    public DecisionPage {
        Objects.requireNonNull(servedAt, "servedAt");
        Objects.requireNonNull(surface, "surface");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(city, "city");
        Objects.requireNonNull(viewer, "viewer");
        Objects.requireNonNull(querySignature, "querySignature");
        positions = List.copyOf(positions);
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
