package io.promo.domain.serving.index;

import java.util.Objects;

/**
 * Where a {@link ServingChanges} adapter stopped reading: opaque to the domain, which only hands it back. Only the
 * adapter that made it can read it ({@code JdbcServingChanges} writes a PostgreSQL snapshot's xmin and WAL position
 * into it).
 *
 * @param position the adapter's own encoding; empty for {@link #ORIGIN}
 */
public record ChangeCursor(String position) {

    /** Before anything: changes since it are every row. */
    public static final ChangeCursor ORIGIN = new ChangeCursor("");

    public ChangeCursor {
        Objects.requireNonNull(position, "position");
    }

    public boolean isOrigin() {
        return position.isEmpty();
    }
}
