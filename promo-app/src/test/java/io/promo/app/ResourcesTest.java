package io.promo.app;

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
}
