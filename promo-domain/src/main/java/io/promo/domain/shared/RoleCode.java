package io.promo.domain.shared;

/**
 * A role code such as photographer or model (a people-search tab), normalized ({@link TextNormalizer},
 * spaces become hyphens) so that "Make-up Artist" and "make up artist" are the same role.
 */
public record RoleCode(String value) {

    public RoleCode {
        if (!CodeSyntax.isCode(value)) {
            throw new IllegalArgumentException("not a normalized role code: " + value);
        }
    }

    /** Normalizes untrusted input; a value that is still not a code is an error naming {@code field}. */
    public static RoleCode parse(String field, String raw) {
        if (raw == null) {
            throw InvalidCommandException.of(field, "is required");
        }
        String normalized = TextNormalizer.normalize(raw).replace(' ', '-');
        if (!CodeSyntax.isCode(normalized)) {
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
