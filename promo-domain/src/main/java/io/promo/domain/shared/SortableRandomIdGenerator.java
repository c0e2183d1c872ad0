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
    /** How many ids' random bits one SecureRandom call draws for a thread. */
    private static final int IDS_PER_DRAW = 32;

    private final Clock clock;
    private final SecureRandom random;
    /**
     * Per thread, random bits drawn ahead: the cost of a SecureRandom call is per call (a lock, the buffered
     * /dev/urandom bytes, a mix), and ad decisions make an id per page. The bits are as unpredictable as when drawn
     * one id at a time; they only wait in the thread's buffer, never shared and each used once.
     */
    private final ThreadLocal<DrawnBits> drawn = ThreadLocal.withInitial(DrawnBits::new);

    private static final class DrawnBits {
        final byte[] bytes = new byte[RANDOM_BYTES * IDS_PER_DRAW];
        int used = bytes.length;
    }

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
        DrawnBits bits = drawn.get();
        if (bits.used == bits.bytes.length) {
            random.nextBytes(bits.bytes);
            bits.used = 0;
        }
        byte[] b = bits.bytes;
        int at = bits.used;
        bits.used = at + RANDOM_BYTES;
        long high = (millis << 16) | ((b[at] & 0xFFL) << 8) | (b[at + 1] & 0xFFL);
        long low = 0;
        for (int i = at + 2; i < at + RANDOM_BYTES; i++) {
            low = (low << 8) | (b[i] & 0xFFL);
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
