package io.promo.domain.traffic;

import io.promo.domain.shared.EventId;
import io.promo.domain.shared.Money;
import java.time.Instant;
import java.util.Objects;

/** A logged click that was billed: what a retroactive credit refunds. */
public record BilledClick(EventId clickEventId, Money billed, Instant ts) {
    public BilledClick {
        Objects.requireNonNull(clickEventId, "clickEventId");
        Objects.requireNonNull(billed, "billed");
        Objects.requireNonNull(ts, "ts");
    }
}
