package io.promo.domain.conversion;

import io.promo.domain.shared.Money;
import java.time.LocalDate;
import java.util.Map;
import java.util.Objects;

/**
 * One campaign's conversions credited to the clicks of one budget day, by type; conversions of clicks credited as
 * invalid since are left out.
 */
public record DayConversions(LocalDate day, Map<ConversionType, TypeTotals> byType) {

    public DayConversions {
        Objects.requireNonNull(day, "day");
        byType = Map.copyOf(byType);
    }

    /** How many conversions of one type, and their value (0 for those sent without one). */
    public record TypeTotals(long conversions, Money value) {
        public static final TypeTotals NONE = new TypeTotals(0, Money.ZERO);

        public TypeTotals {
            Objects.requireNonNull(value, "value");
            if (conversions < 0 || value.isNegative()) {
                throw new IllegalArgumentException("conversion totals are not negative: " + conversions + ", " + value);
            }
        }

        public TypeTotals plus(TypeTotals other) {
            return new TypeTotals(Math.addExact(conversions, other.conversions), value.plus(other.value));
        }

        public TypeTotals minus(TypeTotals other) {
            return new TypeTotals(Math.subtractExact(conversions, other.conversions), value.minus(other.value));
        }
    }
}
