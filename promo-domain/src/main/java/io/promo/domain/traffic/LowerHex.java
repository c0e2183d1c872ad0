package io.promo.domain.traffic;

/**
 * Whether a value is lower-case hex of a bounded length: what {@code [0-9a-f]{min,max}} matches, without a regex.
 * Each served impression and click token checks up to five hashes; a {@code Matcher} per check was a fifth of the
 * in-process serving path's time.
 */
final class LowerHex {

    private LowerHex() {
    }

    static boolean matches(String value, int minLength, int maxLength) {
        int length = value.length();
        if (length < minLength || length > maxLength) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            char c = value.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                return false;
            }
        }
        return true;
    }
}
