package io.promo.domain.shared;

import java.util.regex.Pattern;

/**
 * A role code such as photographer or model (a people-search tab), normalized ({@link TextNormalizer},
 * spaces become hyphens) so that "Make-up Artist" and "make up artist" are the same role.
 */
public record RoleCode(String value) {

    private static final Pattern FORM = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");

    public RoleCode {
        if (value == null || !FORM.matcher(value).matches()) {
            throw new IllegalArgumentException("not a normalized role code: " + value);
        }
    }

    /** Normalizes untrusted input; a value that is still not a code is an error naming {@code field}. */
    public static RoleCode parse(String field, String raw) {
        if (raw == null) {
            throw InvalidCommandException.of(field, "is required");
        }
        String normalized = TextNormalizer.normalize(raw).replace(' ', '-');
        if (!FORM.matcher(normalized).matches()) {
            throw InvalidCommandException.of(field,
                    "must be a role code such as photographer or model: letters, digits, '-' or '_', at most 64 (got '" + raw + "')");
        }
        return new RoleCode(normalized);
    }

    @Override
    public String toString() {
        return value;
    }
}
