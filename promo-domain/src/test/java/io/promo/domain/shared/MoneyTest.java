package io.promo.domain.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;

class MoneyTest {

    @Test
    void arithmetic_is_exact_in_cents() {
        assertThat(Money.ofCents(150).plus(Money.ofCents(75))).isEqualTo(Money.ofCents(225));
        assertThat(Money.ofCents(150).minus(Money.ofCents(200))).isEqualTo(Money.ofCents(-50));
        assertThat(Money.ofCents(35).times(3)).isEqualTo(Money.ofCents(105));
        assertThat(Money.ofCents(35).negate()).isEqualTo(Money.ofCents(-35));
    }

    @Test
    void sums_of_many_small_amounts_have_no_rounding_drift() {
        long seed = new Random().nextLong();
        Random random = new Random(seed);
        Money total = Money.ZERO;
        long expected = 0;
        for (int i = 0; i < 10_000; i++) {
            long cents = random.nextInt(2_000_001) - 1_000_000;
            total = random.nextBoolean() ? total.plus(Money.ofCents(cents)) : total.minus(Money.ofCents(-cents));
            expected += cents;
        }
        assertThat(total.cents()).as("seed %d", seed).isEqualTo(expected);
    }

    @Test
    void plus_throws_instead_of_wrapping_on_overflow() {
        assertThatThrownBy(() -> Money.ofCents(Long.MAX_VALUE).plus(Money.ofCents(1)))
                .isInstanceOf(ArithmeticException.class);
        assertThatThrownBy(() -> Money.ofCents(Long.MIN_VALUE).plus(Money.ofCents(-1)))
                .isInstanceOf(ArithmeticException.class);
    }

    @Test
    void minus_throws_instead_of_wrapping_on_overflow() {
        assertThatThrownBy(() -> Money.ofCents(Long.MIN_VALUE).minus(Money.ofCents(1)))
                .isInstanceOf(ArithmeticException.class);
        assertThatThrownBy(() -> Money.ofCents(Long.MAX_VALUE).minus(Money.ofCents(-1)))
                .isInstanceOf(ArithmeticException.class);
    }

    @Test
    void times_throws_instead_of_wrapping_on_overflow() {
        assertThatThrownBy(() -> Money.ofCents(Long.MAX_VALUE / 2 + 1).times(2))
                .isInstanceOf(ArithmeticException.class);
        assertThatThrownBy(() -> Money.ofCents(Long.MIN_VALUE).times(-1))
                .isInstanceOf(ArithmeticException.class);
    }

    @Test
    void negating_the_most_negative_amount_throws() {
        assertThatThrownBy(() -> Money.ofCents(Long.MIN_VALUE).negate()).isInstanceOf(ArithmeticException.class);
        assertThat(Money.ofCents(Long.MAX_VALUE).negate()).isEqualTo(Money.ofCents(-Long.MAX_VALUE));
    }

    @Test
    void an_amount_fits_an_int_column_exactly_within_the_int_range() {
        assertThat(Money.ofCents(Integer.MAX_VALUE).fitsColumn()).isTrue();
        assertThat(Money.ofCents(Integer.MIN_VALUE).fitsColumn()).isTrue();
        assertThat(Money.ofCents(Integer.MAX_VALUE + 1L).fitsColumn()).isFalse();
        assertThat(Money.ofCents(Integer.MIN_VALUE - 1L).fitsColumn()).isFalse();
        assertThat(Money.MAX_COLUMN_AMOUNT).isEqualTo(Money.ofCents(Integer.MAX_VALUE));
    }

    @Test
    void comparisons_follow_the_amount_in_cents() {
        Money small = Money.ofCents(-5);
        Money large = Money.ofCents(7);
        assertThat(large.isGreaterThan(small)).isTrue();
        assertThat(small.isLessThan(large)).isTrue();
        assertThat(large.isLessThan(large)).isFalse();
        assertThat(large.isGreaterThan(large)).isFalse();
        assertThat(small.isNegative()).isTrue();
        assertThat(Money.ZERO.isPositive()).isFalse();
        assertThat(Money.ZERO.isNegative()).isFalse();
        assertThat(Money.min(large, small)).isEqualTo(small);
        assertThat(small.compareTo(large)).isNegative();
    }
}
