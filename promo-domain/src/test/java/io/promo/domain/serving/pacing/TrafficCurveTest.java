package io.promo.domain.serving.pacing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.promo.domain.ledger.BudgetCalendar;
import io.promo.domain.serving.Seeds;
import io.promo.domain.serving.pacing.HourlyCounts;
import io.promo.domain.serving.pacing.HourlyTrafficCounter;
import io.promo.domain.serving.pacing.HourlyTrafficCurve;
import io.promo.domain.serving.pacing.PacingSettings;
import io.promo.domain.serving.pacing.TrafficCurve;
import io.promo.domain.serving.pacing.TrafficScope;
import io.promo.domain.shared.Surface;
import io.promo.domain.testing.TestData;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TrafficCurveTest {

    private static long[] evening(long base, long peak) {
        long[] counts = new long[24];
        for (int h = 0; h < 24; h++) {
            counts[h] = h >= 18 && h <= 22 ? peak : base;
        }
        return counts;
    }

    @Test
    void the_uniform_curve_is_the_elapsed_share_of_the_day() {
        TrafficCurve uniform = TrafficCurve.uniform();

        assertThat(uniform.cumulativeShare(0)).isZero();
        assertThat(uniform.cumulativeShare(6)).isCloseTo(0.25, within(1e-12));
        assertThat(uniform.cumulativeShare(18.5)).isCloseTo(18.5 / 24, within(1e-12));
        assertThat(uniform.cumulativeShare(24)).isEqualTo(1);
        assertThat(uniform.cumulativeShare(-3)).isZero();
        assertThat(uniform.cumulativeShare(30)).isEqualTo(1);
    }

    @Test
    void too_little_history_keeps_the_uniform_curve() {
        long[] counts = evening(0, 90);

        assertThat(HourlyTrafficCurve.learn(HourlyCounts.of(counts), PacingSettings.DEFAULT))
                .isSameAs(TrafficCurve.uniform());
    }

    @Test
    void a_learned_curve_follows_the_hourly_shares_blended_with_a_little_uniform() {
        long[] counts = evening(10, 200);
        long total = 19 * 10 + 5 * 200;

        TrafficCurve curve = HourlyTrafficCurve.learn(HourlyCounts.of(counts), PacingSettings.DEFAULT);

        double quietHour = 0.95 * 10 / total + 0.05 / 24;
        double peakHour = 0.95 * 200 / total + 0.05 / 24;
        assertThat(curve.cumulativeShare(1)).isCloseTo(quietHour, within(1e-12));
        assertThat(curve.cumulativeShare(18)).isCloseTo(18 * quietHour, within(1e-12));
        assertThat(curve.cumulativeShare(19)).isCloseTo(18 * quietHour + peakHour, within(1e-12));
        assertThat(curve.cumulativeShare(18.5)).as("linear within an hour").isCloseTo(18 * quietHour + peakHour / 2, within(1e-12));
        assertThat(curve.cumulativeShare(24)).isEqualTo(1);
    }

    @Test
    void a_learned_curve_is_monotone_from_0_to_1_whatever_the_counts() {
        long seed = Seeds.base("traffic curve");
        Random random = new Random(seed);
        for (int trial = 0; trial < 500; trial++) {
            long[] counts = new long[24];
            for (int h = 0; h < 24; h++) {
                counts[h] = random.nextInt(4) == 0 ? 0 : random.nextInt(random.nextBoolean() ? 10 : 100_000);
            }
            TrafficCurve curve = HourlyTrafficCurve.learn(HourlyCounts.of(counts), new PacingSettings(7, 1, random.nextDouble()));
            double previous = curve.cumulativeShare(0);
            boolean monotone = previous == 0 && curve.cumulativeShare(24) == 1;
            for (int step = 1; step <= 240; step++) {
                double f = curve.cumulativeShare(step / 10.0);
                monotone &= f >= previous && f <= 1;
                previous = f;
            }
            assertThat(monotone).as("%s, trial %d: %s", Seeds.replay(seed), trial, curve).isTrue();
        }
    }

    @Test
    void the_counter_buckets_searches_by_hour_of_the_budget_day_per_surface_and_city() {
        HourlyTrafficCounter counter = new HourlyTrafficCounter(new BudgetCalendar(ZoneId.of("Europe/Berlin")), 7);

        // 08:30 UTC is 09:30 in Berlin in December.
        counter.recordSearch(Surface.PEOPLE_SEARCH, TestData.BERLIN, Instant.parse("2026-12-09T08:30:00Z"));
        counter.recordSearch(Surface.PEOPLE_SEARCH, TestData.BERLIN, Instant.parse("2026-12-09T08:59:59Z"));
        counter.recordSearch(Surface.PEOPLE_SEARCH, TestData.BERLIN, Instant.parse("2026-12-10T08:30:00Z"));
        counter.recordSearch(Surface.STUDIO_SEARCH, TestData.BERLIN, Instant.parse("2026-12-09T08:30:00Z"));
        counter.recordSearch(Surface.PEOPLE_SEARCH, TestData.PARIS, Instant.parse("2026-12-09T23:30:00Z"));

        var day9 = counter.hourlySearches(LocalDate.of(2026, 12, 9), LocalDate.of(2026, 12, 9));
        assertThat(day9.get(new TrafficScope(Surface.PEOPLE_SEARCH, TestData.BERLIN)).count(9)).isEqualTo(2);
        assertThat(day9.get(new TrafficScope(Surface.STUDIO_SEARCH, TestData.BERLIN)).total()).isEqualTo(1);
        assertThat(day9).doesNotContainKey(new TrafficScope(Surface.PEOPLE_SEARCH, TestData.PARIS));
        var both = counter.hourlySearches(LocalDate.of(2026, 12, 9), LocalDate.of(2026, 12, 10));
        assertThat(both.get(new TrafficScope(Surface.PEOPLE_SEARCH, TestData.BERLIN)).count(9)).isEqualTo(3);
        assertThat(both.get(new TrafficScope(Surface.PEOPLE_SEARCH, TestData.PARIS)).count(0)).isEqualTo(1);
    }

    @Test
    void the_counter_forgets_days_older_than_it_keeps() {
        HourlyTrafficCounter counter = new HourlyTrafficCounter(BudgetCalendar.UTC, 2);
        counter.recordSearch(Surface.PEOPLE_SEARCH, TestData.BERLIN, Instant.parse("2026-12-01T10:00:00Z"));
        counter.recordSearch(Surface.PEOPLE_SEARCH, TestData.BERLIN, Instant.parse("2026-12-02T10:00:00Z"));

        counter.recordSearch(Surface.PEOPLE_SEARCH, TestData.BERLIN, Instant.parse("2026-12-04T10:00:00Z"));

        assertThat(counter.hourlySearches(LocalDate.of(2026, 12, 1), LocalDate.of(2026, 12, 4))
                .get(new TrafficScope(Surface.PEOPLE_SEARCH, TestData.BERLIN)).total()).isEqualTo(2);
    }
}
