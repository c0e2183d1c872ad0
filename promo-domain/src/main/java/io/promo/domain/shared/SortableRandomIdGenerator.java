package io.promo.domain.shared;

import java.security.SecureRandom;
import java.time.Clock;

/**
 * ULID-shaped ids: 48 bits of epoch milliseconds then 80 bits from {@link SecureRandom}, written in
 * lower-case Crockford base32 (26 characters, whose ASCII order is their numeric order).
 *
 * <p>Ids made in the same millisecond are not ordered among themselves; we accept that rather than
 * make the next id predictable by incrementing the random part (ULID's "monotonic" variant).
 */
public final class SortableRandomIdGenerator implements IdGenerator {

    private static final char[] CROCKFORD = "0123456789abcdefghjkmnpqrstvwxyz".toCharArray();
    private static final int LENGTH = 26;
    private static final int RANDOM_BYTES = 10;

    private final Clock clock;
    private final SecureRandom random;

    public SortableRandomIdGenerator(Clock clock) {
        this(clock, new SecureRandom());
    }

    SortableRandomIdGenerator(Clock clock, SecureRandom random) {
        this.clock = clock;
        this.random = random;
    }

    @Override
    public String next(IdPrefix prefix) {
        long millis = clock.millis();
        if (millis < 0 || millis >= (1L << 48)) {
            throw new IllegalStateException("clock outside the 48-bit millisecond range: " + millis);
        }
        // The 80 random bits in one SecureRandom call, not two (nextInt, nextLong): the cost is per call (a lock,
        // the buffered /dev/urandom bytes, a SHA1PRNG mix), and ad decisions make one id per page.
        byte[] bits = new byte[RANDOM_BYTES];
        random.nextBytes(bits);
        long high = (millis << 16) | ((bits[0] & 0xFFL) << 8) | (bits[1] & 0xFFL);
        long low = 0;
        for (int i = 2; i < RANDOM_BYTES; i++) {
            low = (low << 8) | (bits[i] & 0xFFL);
        }
        return prefix.prefix() + "_" + encode(high, low);
    }

    /** The 128-bit value high:low as 26 base32 digits, most significant first. */
    static String encode(long high, long low) {
        char[] digits = new char[LENGTH];
        for (int j = 0; j < LENGTH; j++) {
            int bit = 5 * j;
            long chunk;
            if (bit >= 64) {
                chunk = high >>> (bit - 64);
            } else if (bit + 5 <= 64) {
                chunk = low >>> bit;
            } else {
                chunk = (low >>> bit) | (high << (64 - bit));
            }
            digits[LENGTH - 1 - j] = CROCKFORD[(int) (chunk & 31)];
        }
        return new String(digits);
    }
}
