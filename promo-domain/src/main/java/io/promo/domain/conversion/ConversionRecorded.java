package io.promo.domain.conversion;

import java.util.Objects;

/**
 * The answer to recording a conversion.
 *
 * @param replay true when this id was recorded before with the same content: the stored answer, nothing written
 */
public record ConversionRecorded(Conversion conversion, boolean replay) {
    public ConversionRecorded {
        Objects.requireNonNull(conversion, "conversion");
    }
}
