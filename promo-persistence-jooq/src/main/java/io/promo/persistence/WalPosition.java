package io.promo.persistence;

/**
 * A position in PostgreSQL's write-ahead log as {@code pg_lsn} writes it ({@code 16/B374D848}: the upper and lower 32
 * bits in hexadecimal) and as a number (64 bits, compared unsigned), so that the later of two positions is kept.
 */
final class WalPosition {

    private WalPosition() {
    }

    /** The position {@code text} names; an {@link IllegalArgumentException} if it is not {@code hex/hex}. */
    static long parse(String text) {
        int slash = text.indexOf('/');
        if (slash < 1 || slash == text.length() - 1) {
            throw new IllegalArgumentException("not a WAL position: " + text);
        }
        long upper = Long.parseLong(text.substring(0, slash), 16);
        long lower = Long.parseLong(text.substring(slash + 1), 16);
        if (upper > 0xFFFF_FFFFL || lower > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("not a WAL position: " + text);
        }
        return upper << 32 | lower;
    }

    /** The later of two positions. */
    static long later(long one, long other) {
        return Long.compareUnsigned(one, other) >= 0 ? one : other;
    }

    /** {@code position} as {@code pg_lsn} reads it. */
    static String format(long position) {
        return Long.toHexString(position >>> 32).toUpperCase() + "/" + Long.toHexString(position & 0xFFFF_FFFFL).toUpperCase();
    }
}
