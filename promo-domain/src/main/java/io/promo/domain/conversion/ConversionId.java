package io.promo.domain.conversion;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The marketplace's id of a conversion (an inquiry's or a booking's own id, say): what makes recording it
 * idempotent. Letters, digits and {@code _ . : = -}, 1 to 128 characters.
 */
public record ConversionId(String value) {

    public static final int MAX_LENGTH = 128;
    private static final Pattern FORM = Pattern.compile("[A-Za-z0-9_.:=-]{1," + MAX_LENGTH + "}");

    public ConversionId {
        Objects.requireNonNull(value, "value");
        if (!isWellFormed(value)) {
            throw new IllegalArgumentException("not a conversion id: " + value);
        }
    }

    public static boolean isWellFormed(String value) {
        return value != null && FORM.matcher(value).matches();
    }

    @Override
    public String toString() {
        return value;
    }
}
