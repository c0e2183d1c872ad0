package io.promo.domain.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The hash checks of traffic events and click claims accept exactly what the regular expressions they replaced
 * accepted. Seeded: the seed is printed; replay with {@code -Dlower.hex.seed=…}.
 */
class LowerHexTest {

    private static final String ALPHABET = "0123456789abcdef/:`gAF\u00e9\u0660 ";

    @Test
    void accepts_exactly_what_the_regular_expressions_accepted_for_random_strings() {
        long seed = Long.getLong("lower.hex.seed", System.nanoTime());
        System.out.println("LowerHexTest seed " + seed + " (replay with -Dlower.hex.seed=" + seed + ")");
        Random random = new Random(seed);
        Pattern eventHash = Pattern.compile("[0-9a-f]{0,64}");
        Pattern querySignature = Pattern.compile("[0-9a-f]{1,64}");
        for (int i = 0; i < 20_000; i++) {
            StringBuilder value = new StringBuilder();
            int length = random.nextInt(70);
            boolean hexOnly = random.nextBoolean();
            for (int j = 0; j < length; j++) {
                value.append(ALPHABET.charAt(random.nextInt(hexOnly && random.nextInt(50) > 0 ? 16 : ALPHABET.length())));
            }
            String text = value.toString();
            assertThat(LowerHex.matches(text, 0, 64)).as("'%s'", text).isEqualTo(eventHash.matcher(text).matches());
            assertThat(LowerHex.matches(text, 1, 64)).as("'%s'", text).isEqualTo(querySignature.matcher(text).matches());
        }
    }

    @Test
    void the_bounds_are_inclusive() {
        assertThat(LowerHex.matches("", 0, 64)).isTrue();
        assertThat(LowerHex.matches("", 1, 64)).isFalse();
        assertThat(LowerHex.matches("a".repeat(64), 1, 64)).isTrue();
        assertThat(LowerHex.matches("a".repeat(65), 1, 64)).isFalse();
    }
}
