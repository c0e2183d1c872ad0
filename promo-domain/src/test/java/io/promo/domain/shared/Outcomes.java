package io.promo.domain.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

/** Reads a use case's answer in tests: the rejection it must be, and the fields its violations name. */
public final class Outcomes {

    private Outcomes() {
    }

    public static Rejection rejectionOf(Outcome<?> outcome) {
        assertThat(outcome).as("a rejected outcome").isInstanceOf(Outcome.Rejected.class);
        return ((Outcome.Rejected<?>) outcome).rejection();
    }

    public static Rejection.Kind kindOf(Outcome<?> outcome) {
        return rejectionOf(outcome).kind();
    }

    public static List<String> violatedFields(Outcome<?> outcome) {
        Rejection rejection = rejectionOf(outcome);
        assertThat(rejection.kind()).isEqualTo(Rejection.Kind.INVALID);
        return rejection.violations().stream().map(Violation::field).toList();
    }
}
