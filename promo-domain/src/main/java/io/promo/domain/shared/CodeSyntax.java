package io.promo.domain.shared;

/**
 * The form of a normalized code ({@link CityCode}, {@link RoleCode}): a lower-case letter or digit, then up to 63
 * lower-case letters, digits, {@code -} or {@code _}; the regular expression {@code [a-z0-9][a-z0-9_-]{0,63}},
 * written as a loop because every decision checks two codes (twice: parsed, then constructed).
 */
final class CodeSyntax {

    static final int MAX_LENGTH = 64;

    private CodeSyntax() {
    }

    static boolean isCode(String value) {
        if (value == null || value.isEmpty() || value.length() > MAX_LENGTH || !isLowerOrDigit(value.charAt(0))) {
            return false;
        }
        for (int i = 1; i < value.length(); i++) {
            char c = value.charAt(i);
            if (!isLowerOrDigit(c) && c != '-' && c != '_') {
                return false;
            }
        }
        return true;
    }

    private static boolean isLowerOrDigit(char c) {
        return c >= 'a' && c <= 'z' || c >= '0' && c <= '9';
    }
}
