package io.promo.domain.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class OptimisticUpdateTest {

    /** A stored row: a value and its version. */
    private record Row(String value, Instant version) {
        Row append(String suffix) {
            return new Row(value + suffix, version.plusSeconds(1));
        }
    }

    private static final Instant V1 = Instant.parse("2026-11-27T10:00:00Z");

    private final AtomicReference<Row> stored = new AtomicReference<>(new Row("a", V1));
    private final AtomicInteger writes = new AtomicInteger();
    private final List<Row> decidedOn = new ArrayList<>();

    private boolean writeIfUnchanged(Row changed, Instant expected) {
        writes.incrementAndGet();
        Row current = stored.get();
        return current.version().equals(expected) && stored.compareAndSet(current, changed);
    }

    private OptimisticUpdate<Row> update(OptimisticUpdate.ConditionalWrite<Row> write) {
        return new OptimisticUpdate<>(() -> Optional.ofNullable(stored.get()), Row::version, write);
    }

    private Outcome<Row> appendB(Row current) {
        decidedOn.add(current);
        return Outcome.accepted(current.append("b"));
    }

    @Test
    void an_uncontended_change_is_written_once() {
        Outcome<Row> outcome = update(this::writeIfUnchanged).apply(() -> Rejection.notFound("row", 1), this::appendB);

        assertThat(outcome.orElseThrow().value()).isEqualTo("ab");
        assertThat(stored.get().value()).isEqualTo("ab");
        assertThat(writes).hasValue(1);
    }

    @Test
    void a_lost_race_is_decided_again_on_the_newer_row() {
        boolean[] competitorWent = {false};
        OptimisticUpdate.ConditionalWrite<Row> competitorFirst = (changed, expected) -> {
            if (!competitorWent[0]) {
                competitorWent[0] = true;
                stored.set(stored.get().append("x"));
            }
            return writeIfUnchanged(changed, expected);
        };

        Outcome<Row> outcome = update(competitorFirst).apply(() -> Rejection.notFound("row", 1), this::appendB);

        assertThat(decidedOn).extracting(Row::value).containsExactly("a", "ax");
        assertThat(outcome.orElseThrow().value()).isEqualTo("axb");
        assertThat(stored.get().value()).as("the competitor's change is kept").isEqualTo("axb");
    }

    @Test
    void a_decision_that_refuses_the_newer_row_is_returned_and_nothing_is_written() {
        OptimisticUpdate.ConditionalWrite<Row> competitorFirst = (changed, expected) -> {
            stored.set(new Row("locked", V1.plusSeconds(10)));
            return writeIfUnchanged(changed, expected);
        };

        Outcome<Row> outcome = update(competitorFirst).apply(() -> Rejection.notFound("row", 1), current ->
                current.value().equals("locked")
                        ? Outcome.rejected(Rejection.forbidden("locked"))
                        : Outcome.accepted(current.append("b")));

        assertThat(outcome).isEqualTo(Outcome.rejected(Rejection.forbidden("locked")));
        assertThat(stored.get().value()).isEqualTo("locked");
        assertThat(writes).hasValue(1);
    }

    @Test
    void after_max_attempts_lost_races_the_answer_is_a_conflict() {
        Outcome<Row> outcome = update((changed, expected) -> {
            writes.incrementAndGet();
            return false;
        }).apply(() -> Rejection.notFound("row", 1), this::appendB);

        assertThat(outcome).isInstanceOfSatisfying(Outcome.Rejected.class,
                rejected -> assertThat(rejected.rejection().kind()).isEqualTo(Rejection.Kind.CONFLICT));
        assertThat(writes).hasValue(OptimisticUpdate.MAX_ATTEMPTS);
        assertThat(decidedOn).hasSize(OptimisticUpdate.MAX_ATTEMPTS);
        assertThat(stored.get().value()).isEqualTo("a");
    }

    @Test
    void a_decision_returning_the_same_instance_writes_nothing() {
        Outcome<Row> outcome = update(this::writeIfUnchanged).apply(() -> Rejection.notFound("row", 1),
                Outcome::accepted);

        assertThat(outcome.orElseThrow()).isSameAs(stored.get());
        assertThat(writes).hasValue(0);
    }

    @Test
    void a_missing_row_answers_the_given_rejection_without_deciding() {
        stored.set(null);
        Rejection gone = Rejection.notFound("campaign", "pcmp_gone");

        Outcome<Row> outcome = update(this::writeIfUnchanged).apply(() -> gone, this::appendB);

        assertThat(outcome).isInstanceOfSatisfying(Outcome.Rejected.class,
                rejected -> assertThat(rejected.rejection()).isSameAs(gone));
        assertThat(decidedOn).isEmpty();
        assertThat(writes).hasValue(0);
    }
}
