package io.promo.domain.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class IpBurstLimiterTest {

    private static final Instant T0 = Instant.parse("2026-11-27T12:00:00Z");

    @Test
    void an_ip_that_keeps_clicking_stays_refused_and_is_allowed_again_once_it_pauses_a_window() {
        IpBurstLimiter limiter = new IpBurstLimiter(2, Duration.ofSeconds(10), 100);

        assertThat(limiter.allow("a", T0)).isTrue();
        assertThat(limiter.allow("a", T0.plusSeconds(1))).isTrue();
        assertThat(limiter.allow("a", T0.plusSeconds(2))).isFalse();
        assertThat(limiter.allow("a", T0.plusSeconds(5))).isFalse();
        // The allowed clicks at 0 and 1 left the window, but the refused ones at 2 and 5 count too.
        assertThat(limiter.allow("a", T0.plusSeconds(11))).isFalse();
        assertThat(limiter.allow("b", T0.plusSeconds(11))).isTrue();
        assertThat(limiter.allow("a", T0.plusSeconds(16))).isTrue();
    }

    @Test
    void memory_stays_bounded_under_a_flood_of_new_ips() {
        IpBurstLimiter limiter = new IpBurstLimiter(5, Duration.ofMinutes(1), 1_000);

        for (int i = 0; i < 100_000; i++) {
            assertThat(limiter.allow("ip" + i, T0)).isTrue();
        }

        assertThat(limiter.trackedIps()).isLessThanOrEqualTo(1_000);
    }
}
