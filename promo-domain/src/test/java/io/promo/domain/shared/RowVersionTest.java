package io.promo.domain.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RowVersionTest {

    private static final Instant PREVIOUS = Instant.parse("2026-11-27T10:15:30.123456Z");

    @Test
    void stored_truncates_to_microseconds() {
        assertThat(RowVersion.stored(Instant.parse("2026-11-27T10:15:30.123456789Z")))
                .isEqualTo(Instant.parse("2026-11-27T10:15:30.123456Z"));
    }

    @Test
    void a_later_clock_gives_the_clock_truncated_to_microseconds() {
        assertThat(RowVersion.next(PREVIOUS, Instant.parse("2026-11-27T10:15:31.000000999Z")))
                .isEqualTo(Instant.parse("2026-11-27T10:15:31Z"));
    }

    @Test
    void a_clock_that_stands_still_still_moves_the_version_forward_by_a_microsecond() {
        assertThat(RowVersion.next(PREVIOUS, PREVIOUS)).isEqualTo(PREVIOUS.plus(1, ChronoUnit.MICROS));
    }

    @Test
    void a_clock_within_the_same_microsecond_moves_the_version_forward() {
        assertThat(RowVersion.next(PREVIOUS, PREVIOUS.plusNanos(999))).isEqualTo(PREVIOUS.plus(1, ChronoUnit.MICROS));
    }

    @Test
    void a_clock_that_went_backwards_still_moves_the_version_forward() {
        assertThat(RowVersion.next(PREVIOUS, PREVIOUS.minusSeconds(3600))).isEqualTo(PREVIOUS.plus(1, ChronoUnit.MICROS));
    }

    @Test
    void versions_strictly_increase_and_stay_storable_whatever_the_clock_does() {
        long seed = new Random().nextLong();
        Random random = new Random(seed);
        Instant version = PREVIOUS;
        Instant clock = PREVIOUS;
        for (int i = 0; i < 10_000; i++) {
            clock = clock.plusNanos(random.nextInt(4_000) - 2_000);
            Instant next = RowVersion.next(version, clock);
            assertThat(next).as("seed %d, step %d", seed, i).isAfter(version);
            assertThat(next).as("seed %d, step %d", seed, i).isEqualTo(RowVersion.stored(next));
            version = next;
        }
    }
}
