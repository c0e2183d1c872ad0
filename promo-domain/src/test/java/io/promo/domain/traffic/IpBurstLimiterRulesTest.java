package io.promo.domain.traffic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The per-ip burst rule at its edges: the limit itself, the window's end, and the memory bound. */
class IpBurstLimiterRulesTest {

    private static final Instant T0 = Instant.parse("2026-11-27T12:00:00Z");
    private static final Duration WINDOW = Duration.ofSeconds(10);

    @Test
    void an_ip_at_exactly_the_burst_limit_is_still_allowed_and_its_next_click_is_not() {
        IpBurstLimiter limiter = new IpBurstLimiter(3, WINDOW, 100);

        assertThat(limiter.allow("a", T0)).isTrue();
        assertThat(limiter.allow("a", T0.plusSeconds(1))).isTrue();
        assertThat(limiter.allow("a", T0.plusSeconds(2))).as("the third click of a limit of 3").isTrue();
        assertThat(limiter.allow("a", T0.plusSeconds(3))).isFalse();
    }

    @Test
    void a_click_exactly_one_window_old_no_longer_counts_and_one_a_millisecond_younger_still_does() {
        IpBurstLimiter limiter = new IpBurstLimiter(1, WINDOW, 100);

        assertThat(limiter.allow("a", T0)).isTrue();
        assertThat(limiter.allow("a", T0.plus(WINDOW))).isTrue();

        assertThat(limiter.allow("b", T0)).isTrue();
        assertThat(limiter.allow("b", T0.plus(WINDOW).minusMillis(1))).isFalse();
    }

    @Test
    void a_limiter_needs_a_limit_of_at_least_one_a_positive_window_and_room_for_one_ip() {
        assertThatThrownBy(() -> new IpBurstLimiter(0, WINDOW, 100)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new IpBurstLimiter(1, Duration.ZERO, 100)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new IpBurstLimiter(1, WINDOW.negated(), 100)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new IpBurstLimiter(1, WINDOW, 0)).isInstanceOf(IllegalArgumentException.class);

        IpBurstLimiter smallest = new IpBurstLimiter(1, WINDOW, 1);
        assertThat(smallest.allow("a", T0)).isTrue();
        assertThat(smallest.allow("a", T0.plusSeconds(1))).isFalse();
        assertThat(smallest.allow("b", T0.plus(WINDOW))).as("room for one ip: a is forgotten to make room for b").isTrue();
        assertThat(smallest.trackedIps()).isEqualTo(1);
    }

    @Test
    void at_the_memory_bound_idle_ips_are_forgotten_first_and_a_busy_ip_keeps_its_count() {
        IpBurstLimiter limiter = new IpBurstLimiter(2, WINDOW, 10);
        for (int i = 0; i < 9; i++) {
            limiter.allow("idle" + i, T0);
        }
        limiter.allow("busy", T0.plusSeconds(5));
        limiter.allow("busy", T0.plusSeconds(5));
        assertThat(limiter.trackedIps()).isEqualTo(10);

        // The idle ips' only clicks are exactly one window old now.
        assertThat(limiter.allow("newcomer", T0.plus(WINDOW))).isTrue();

        assertThat(limiter.trackedIps()).as("the nine idle ips forgotten, busy and newcomer tracked").isEqualTo(2);
        assertThat(limiter.allow("busy", T0.plus(WINDOW))).as("still at its limit").isFalse();
    }

    @Test
    void an_ip_already_tracked_never_makes_the_limiter_forget_others() {
        IpBurstLimiter limiter = new IpBurstLimiter(5, WINDOW, 3);
        limiter.allow("a", T0);
        limiter.allow("b", T0);
        limiter.allow("c", T0.plusSeconds(9));

        limiter.allow("c", T0.plus(WINDOW));

        assertThat(limiter.trackedIps()).isEqualTo(3);
    }

    @Test
    void when_every_tracked_ip_is_busy_a_new_ip_makes_room_by_forgetting_a_tenth_of_them() {
        IpBurstLimiter limiter = new IpBurstLimiter(5, WINDOW, 20);
        for (int i = 0; i < 20; i++) {
            limiter.allow("busy" + i, T0);
        }

        assertThat(limiter.allow("newcomer", T0.plusSeconds(1))).isTrue();

        assertThat(limiter.trackedIps()).as("20 → 18 busy ones kept, plus the newcomer").isEqualTo(19);
    }
}
