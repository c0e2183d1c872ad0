package io.promo.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.promo.domain.shared.Money;
import org.junit.jupiter.api.Test;

class CentsTest {

    @Test
    void the_column_value_is_the_amount_when_it_fits_and_an_error_when_it_does_not() {
        assertThat(Cents.toColumn(Money.ofCents(Integer.MAX_VALUE))).isEqualTo(Integer.MAX_VALUE);
        assertThat(Cents.toColumn(Money.ofCents(Integer.MIN_VALUE))).isEqualTo(Integer.MIN_VALUE);
        assertThat(Cents.toColumn(Money.ofCents(-42))).isEqualTo(-42);
        assertThatThrownBy(() -> Cents.toColumn(Money.ofCents(Integer.MAX_VALUE + 1L)))
                .isInstanceOf(ArithmeticException.class);
        assertThatThrownBy(() -> Cents.toColumn(Money.ofCents(Integer.MIN_VALUE - 1L)))
                .isInstanceOf(ArithmeticException.class);
    }
}
