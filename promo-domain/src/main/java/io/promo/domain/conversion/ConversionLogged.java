package io.promo.domain.conversion;

import java.time.Instant;
import java.util.Objects;

/** What {@link ConversionLog#record} did. */
public sealed interface ConversionLogged
        permits ConversionLogged.Recorded, ConversionLogged.AlreadyRecorded, ConversionLogged.BeforeClick {

    /** Stored now, with its attribution, and counted on its click's day when attributed. */
    record Recorded(Conversion conversion) implements ConversionLogged {
        public Recorded {
            Objects.requireNonNull(conversion, "conversion");
        }
    }

    /** A conversion with this id was recorded before: nothing written; this is the stored one. */
    record AlreadyRecorded(Conversion conversion) implements ConversionLogged {
        public AlreadyRecorded {
            Objects.requireNonNull(conversion, "conversion");
        }
    }

    /** The conversion is dated before the click it names: nothing written. */
    record BeforeClick(Instant clickedAt) implements ConversionLogged {
        public BeforeClick {
            Objects.requireNonNull(clickedAt, "clickedAt");
        }
    }
}
