package io.promo.domain.conversion;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What a conversion was: {@code inquiry}, {@code booking}, or another type the deployment configured
 * ({@link ConversionSettings#types()}). A code of lower-case letters, digits and {@code _}, at most 32.
 */
public record ConversionType(String code) implements Comparable<ConversionType> {

    // Before the constants: their constructor reads it.
    private static final Pattern FORM = Pattern.compile("[a-z][a-z0-9_]{0,31}");

    public static final ConversionType INQUIRY = new ConversionType("inquiry");
    public static final ConversionType BOOKING = new ConversionType("booking");

    public ConversionType {
        Objects.requireNonNull(code, "code");
        if (!isWellFormed(code)) {
            throw new IllegalArgumentException("a conversion type is [a-z][a-z0-9_]{0,31}: " + code);
        }
    }

    public static boolean isWellFormed(String code) {
        return code != null && FORM.matcher(code).matches();
    }

    @Override
    public int compareTo(ConversionType other) {
        return code.compareTo(other.code);
    }

    @Override
    public String toString() {
        return code;
    }
}
