package io.promo.domain.shared;

/**
 * A city code such as berlin or new-york, normalized ({@link TextNormalizer}, spaces become hyphens) so that
 * "São Paulo", "sao paulo" and " SAO-PAULO " are the same city.
 */
public record CityCode(String value) {

    public CityCode {
        if (!CodeSyntax.isCode(value)) {
            throw new IllegalArgumentException("not a normalized city code: " + value);
        }
    }

    /** Normalizes untrusted input; a value that is still not a code is an error naming {@code field}. */
    public static CityCode parse(String field, String raw) {
        if (raw == null) {
            throw InvalidCommandException.of(field, "is required");
        }
        String normalized = TextNormalizer.normalize(raw).replace(' ', '-');
        if (!CodeSyntax.isCode(normalized)) {
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
