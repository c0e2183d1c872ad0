package io.promo.embedded.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResourcesTest {

    @Test
    void resources_close_in_reverse_order_and_a_failing_one_does_not_stop_the_rest() {
        List<String> closed = new ArrayList<>();
        Resources resources = new Resources();
        resources.register("database", () -> closed.add("database"));
        resources.register("event buffer", () -> {
            closed.add("event buffer");
            throw new IllegalStateException("flush failed");
        });
        resources.register("http", () -> closed.add("http"));

        resources.close();

        assertThat(closed).containsExactly("http", "event buffer", "database");
        assertThatThrownBy(() -> resources.register("late", () -> { })).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void a_stop_keeps_to_its_timeout_even_when_a_close_hangs_and_a_bounded_one_gets_its_share() {
        List<String> closed = java.util.Collections.synchronizedList(new ArrayList<>());
        java.util.concurrent.atomic.AtomicReference<java.time.Duration> given = new java.util.concurrent.atomic.AtomicReference<>();
        Resources resources = new Resources();
        resources.register("database", () -> closed.add("database"));
        resources.register("pool waiting on a database that is gone", () -> Thread.sleep(30_000));
        resources.register("impression buffer", 0.3, within -> {
            given.set(within);
            closed.add("impression buffer");
        });

        long started = System.nanoTime();
        resources.close(java.time.Duration.ofSeconds(1));
        long tookMillis = (System.nanoTime() - started) / 1_000_000;

        assertThat(tookMillis).as("the stop took %d ms", tookMillis).isLessThan(1_700);
        assertThat(given.get()).isEqualTo(java.time.Duration.ofMillis(300));
        assertThat(closed).containsExactly("impression buffer", "database");
    }
}
