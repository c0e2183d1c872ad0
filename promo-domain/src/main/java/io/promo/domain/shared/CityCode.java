package io.promo.domain.shared;

import java.util.regex.Pattern;

/**
 * A city code such as berlin or new-york, normalized ({@link TextNormalizer}, spaces become hyphens) so that
 * "São Paulo", "sao paulo" and " SAO-PAULO " are the same city.
 */
public record CityCode(String value) {

    private static final Pattern FORM = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");

    public CityCode {
        if (value == null || !FORM.matcher(value).matches()) {
            throw new IllegalArgumentException("not a normalized city code: " + value);
        }
    }

    /** Normalizes untrusted input; a value that is still not a code is an error naming {@code field}. */
    public static CityCode parse(String field, String raw) {
        if (raw == null) {
            throw InvalidCommandException.of(field, "is required");
        }
        String normalized = TextNormalizer.normalize(raw).replace(' ', '-');
        if (!FORM.matcher(normalized).matches()) {
            throw InvalidCommandException.of(field,
                    "must be a city code such as berlin or new-york: letters, digits, '-' or '_', at most 64 (got '" + raw + "')");
        }
        return new CityCode(normalized);
    }

    @Override
    public String toString() {
        return value;
    }
}
