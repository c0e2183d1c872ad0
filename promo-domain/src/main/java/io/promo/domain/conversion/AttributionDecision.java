package io.promo.domain.conversion;

import java.time.Instant;
import java.util.Objects;

/**
 * What {@link AttributionPolicy} decides for a conversion: an {@link Attribution} to record, or a refusal of the
 * conversion because it is dated before the very click it names.
 */
public sealed interface AttributionDecision permits Attribution, AttributionDecision.BeforeClick {

    /** The conversion names a click made after it happened: refused (422), nothing written. */
    record BeforeClick(Instant clickedAt) implements AttributionDecision {
        public BeforeClick {
            Objects.requireNonNull(clickedAt, "clickedAt");
        }
    }
}
