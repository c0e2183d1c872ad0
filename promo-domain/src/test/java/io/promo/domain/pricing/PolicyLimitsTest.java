package io.promo.domain.pricing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.promo.domain.shared.Money;
import io.promo.domain.shared.Violation;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PolicyLimitsTest {

    @ParameterizedTest(name = "floor {0}, density {1}, fold {2}")
    @CsvSource({"0, 0, 0", "1, 20, 20", "2147483647, 3, 1", "50, 5, 0"})
    void limits_within_range_are_valid(long floor, int density, int fold) {
        assertThat(PolicyLimits.violations(Money.ofCents(floor), density, fold)).isEmpty();
        assertThat(new PolicyLimits(Money.ofCents(floor), density, fold).maxAboveFold()).isEqualTo(fold);
    }

    @ParameterizedTest(name = "floor {0}, density {1}, fold {2} → {3}")
    @CsvSource(delimiter = '|', value = {
            "-1         | 3  | 1 | cpc_floor_cents",
            "2147483648 | 3  | 1 | cpc_floor_cents",
            "50         | 21 | 1 | max_density_top20",
            "50         | -1 | 0 | max_density_top20 max_above_fold",
            "50         | 3  | 4 | max_above_fold",
            "50         | 3  | -1| max_above_fold",
            "-5         | 25 | 26| cpc_floor_cents max_density_top20 max_above_fold"})
    void out_of_range_limits_are_reported_on_their_fields(long floor, int density, int fold, String fields) {
        List<Violation> violations = PolicyLimits.violations(Money.ofCents(floor), density, fold);

        assertThat(violations).extracting(Violation::field).containsExactly(fields.split(" "));
    }

    @ParameterizedTest(name = "floor {0}, density {1}, fold {2}")
    @CsvSource({"-1, 3, 1", "50, 21, 1", "50, 3, 4"})
    void invalid_limits_cannot_be_constructed(long floor, int density, int fold) {
        assertThatThrownBy(() -> new PolicyLimits(Money.ofCents(floor), density, fold))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
