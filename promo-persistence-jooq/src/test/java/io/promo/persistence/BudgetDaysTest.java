package io.promo.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The impression log's day of an instant, remembered between impressions, is always the zone's day of it. */
class BudgetDaysTest {

    /** Berlin: days of 23 and 25 hours; Sao Paulo until 2019: midnights that did not exist; Lord Howe: 30-minute shifts. */
    private static final String[] ZONES = {"UTC", "Europe/Berlin", "America/Sao_Paulo", "Australia/Lord_Howe"};
    private static final Instant FROM = Instant.parse("2017-01-01T00:00:00Z");
    private static final Instant TO = Instant.parse("2021-01-01T00:00:00Z");

    @Test
    void impressions_in_time_order_each_get_their_zones_day_on_every_side_of_every_midnight() {
        for (String zoneName : ZONES) {
            ZoneId zone = ZoneId.of(zoneName);
            JdbcImpressionLog.BudgetDays days = new JdbcImpressionLog.BudgetDays(zone);
            for (LocalDate day = LocalDate.ofInstant(FROM, zone); day.isBefore(LocalDate.ofInstant(TO, zone));
                    day = day.plusDays(1)) {
                Instant midnight = day.atStartOfDay(zone).toInstant();
                Instant next = day.plusDays(1).atStartOfDay(zone).toInstant();
                for (Instant ts : new Instant[] {midnight, midnight.plusSeconds(3_600), midnight.plusSeconds(82_800),
                    next.minusSeconds(3_600), next.minusNanos(1)}) {
                    assertThat(days.of(ts)).as("%s at %s", zoneName, ts).isEqualTo(LocalDate.ofInstant(ts, zone));
                }
            }
        }
    }

    @Test
    void impressions_in_any_order_each_get_their_zones_day() {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        for (String zoneName : ZONES) {
            ZoneId zone = ZoneId.of(zoneName);
            JdbcImpressionLog.BudgetDays days = new JdbcImpressionLog.BudgetDays(zone);
            for (int i = 0; i < 50_000; i++) {
                Instant ts = Instant.ofEpochSecond(random.nextLong(FROM.getEpochSecond(), TO.getEpochSecond()),
                        random.nextInt(1_000_000_000));
                assertThat(days.of(ts)).as("seed %d, %s at %s", seed, zoneName, ts).isEqualTo(LocalDate.ofInstant(ts, zone));
            }
        }
    }
}
