package io.promo.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class WalPositionTest {

    @Test
    void positions_read_as_pg_lsn_writes_them_and_order_as_the_log_does() {
        assertThat(WalPosition.parse("0/0")).isZero();
        assertThat(WalPosition.parse("16/B374D848")).isEqualTo(0x16_B374_D848L);
        assertThat(WalPosition.format(0x16_B374_D848L)).isEqualTo("16/B374D848");
        assertThat(WalPosition.format(WalPosition.parse("FFFFFFFF/FFFFFFFF"))).isEqualTo("FFFFFFFF/FFFFFFFF");
        assertThat(WalPosition.later(WalPosition.parse("1/0"), WalPosition.parse("0/FFFFFFFF")))
                .as("the upper half counts first").isEqualTo(WalPosition.parse("1/0"));
        assertThat(WalPosition.later(WalPosition.parse("0/1"), WalPosition.parse("FFFFFFFF/0")))
                .as("compared unsigned").isEqualTo(WalPosition.parse("FFFFFFFF/0"));
    }

    @Test
    void anything_else_is_refused() {
        for (String bad : new String[] {"", "/", "16/", "/B3", "16B374D848", "1/2/3", "G/1", "100000000/0"}) {
            assertThatThrownBy(() -> WalPosition.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
