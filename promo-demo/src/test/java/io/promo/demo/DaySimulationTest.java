package io.promo.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class DaySimulationTest {

    @Test
    void the_hours_of_a_day_hold_exactly_the_searches_announced() {
        for (int announced : new int[] {500, 1_999, 2_000, 8_000, 12_345, 1_000_000}) {
            int[] byHour = DaySimulation.searchesByHour(announced);

            assertThat(Arrays.stream(byHour).sum()).as("searches of a day of %d", announced).isEqualTo(announced);
        }
        for (int announced = 500; announced <= 20_000; announced += 7) {
            assertThat(Arrays.stream(DaySimulation.searchesByHour(announced)).sum()).isEqualTo(announced);
        }
    }

    @Test
    void the_hours_follow_the_daily_curve_within_one_search() {
        double[] weights = DaySimulation.hourlyWeights();
        int[] byHour = DaySimulation.searchesByHour(8_000);

        for (int hour = 0; hour < 24; hour++) {
            assertThat((double) byHour[hour]).as("hour %d", hour)
                    .isCloseTo(weights[hour] * 8_000, org.assertj.core.data.Offset.offset(1.0));
        }
    }

    /**
     * A late report is due at the day's end at the latest, and so is its repeat: tied on the time and the report, the
     * repeat must still come second, or the API records it first (201) and the demo, expecting a replay's 200, stops.
     */
    @Test
    void a_repeated_conversion_report_is_sent_after_its_original_even_when_both_are_due_at_the_days_end() {
        java.time.Instant endOfDay = java.time.Instant.parse("2026-12-04T23:59:59Z");
        var original = new DaySimulation.PendingConversion(endOfDay, 60, java.util.Map.of(), false, true);
        var repeat = new DaySimulation.PendingConversion(endOfDay, 60, java.util.Map.of(), true, true);

        assertThat(original.compareTo(repeat)).isNegative();
        assertThat(repeat.compareTo(original)).isPositive();
    }
}
