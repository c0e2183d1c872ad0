package io.promo.domain.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class AcceptedInputTest {

    @Test
    void text_with_a_nul_or_an_unpaired_surrogate_is_refused_and_any_other_unicode_is_accepted() {
        assertThat(AcceptedInput.textProblem("Portraits in Zürich 📷 \t\n")).isEmpty();
        assertThat(AcceptedInput.textProblem("")).isEmpty();
        assertThat(AcceptedInput.textProblem("a\u0000b")).hasValueSatisfying(p -> assertThat(p).contains("NUL"));
        assertThat(AcceptedInput.textProblem("a\ud800b")).isPresent();
        assertThat(AcceptedInput.textProblem("a\udc00")).isPresent();
        assertThat(AcceptedInput.textProblem("\ud83d")).isPresent();
    }

    @Test
    void dates_from_2000_to_9999_are_accepted_and_none_beyond() {
        assertThat(AcceptedInput.dateProblem(LocalDate.of(2000, 1, 1))).isEmpty();
        assertThat(AcceptedInput.dateProblem(LocalDate.of(9999, 12, 31))).isEmpty();
        assertThat(AcceptedInput.dateProblem(LocalDate.of(1999, 12, 31))).isPresent();
        assertThat(AcceptedInput.dateProblem(LocalDate.of(10_000, 1, 1))).isPresent();
        assertThat(AcceptedInput.dateProblem(LocalDate.MAX)).isPresent();
        assertThat(AcceptedInput.dateProblem(LocalDate.MIN)).isPresent();
    }

    @Test
    void instants_in_the_same_years_in_utc_are_accepted() {
        assertThat(AcceptedInput.instantProblem(Instant.parse("2000-01-01T00:00:00Z"))).isEmpty();
        assertThat(AcceptedInput.instantProblem(Instant.parse("9999-12-31T23:59:59.999999999Z"))).isEmpty();
        assertThat(AcceptedInput.instantProblem(Instant.parse("1999-12-31T23:59:59.999Z"))).isPresent();
        assertThat(AcceptedInput.instantProblem(Instant.parse("+10000-01-01T00:00:00Z"))).isPresent();
        assertThat(AcceptedInput.instantProblem(Instant.MAX)).isPresent();
        assertThat(AcceptedInput.instantProblem(Instant.MIN)).isPresent();
    }
}
