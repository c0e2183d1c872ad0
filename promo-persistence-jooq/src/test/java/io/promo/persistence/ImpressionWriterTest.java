package io.promo.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import io.promo.domain.traffic.ImpressionBuffer;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The writer thread over a recording log: batches by size and interval, retries, a close within its deadline. */
class ImpressionWriterTest {

    private final RecordingImpressionLog log = new RecordingImpressionLog();

    private static void eventually(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition not met in 10 s").isLessThan(deadline);
            Thread.sleep(2);
        }
    }

    @Test
    void full_batches_are_written_at_once_and_the_rest_waits_for_the_interval() throws Exception {
        // 2 s, not more: close() waits out the partial batch's interval, and PIT runs this test once per mutant.
        try (ImpressionWriter writer = log.started(new ImpressionBuffer.Settings(1_000, 10, Duration.ofSeconds(2)))) {
            ImpressionBuffer buffer = writer.buffer();
            buffer.offer(log.impressions(25));

            eventually(() -> log.written() == 20);
            Thread.sleep(50);
            assertThat(log.written()).isEqualTo(20);
            assertThat(buffer.depth()).isEqualTo(5);
            assertThat(log.batches).allSatisfy(batch -> assertThat(batch).hasSize(10));
        }
    }

    @Test
    void a_partial_batch_is_written_once_its_first_impression_has_waited_the_flush_interval() throws Exception {
        try (ImpressionWriter writer = log.started(new ImpressionBuffer.Settings(1_000, 500, Duration.ofMillis(50)))) {
            ImpressionBuffer buffer = writer.buffer();
            buffer.offer(log.impressions(3));

            assertThat(buffer.awaitFlushed(Duration.ofSeconds(10))).isTrue();
            assertThat(log.written()).isEqualTo(3);
            assertThat(buffer.depth()).isZero();
        }
    }

    @Test
    void when_full_the_buffer_drops_and_counts_instead_of_blocking_the_decision() throws Exception {
        log.gate = new CountDownLatch(1);
        ImpressionWriter writer = log.started(new ImpressionBuffer.Settings(20, 5, Duration.ofMillis(10)));
        ImpressionBuffer buffer = writer.buffer();

        long started = System.nanoTime();
        int taken = 0;
        for (int i = 0; i < 10; i++) {
            taken += buffer.offer(log.impressions(10));
        }
        long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

        assertThat(tookMillis).as("offer never waits for the database").isLessThan(2_000);
        assertThat(taken).isBetween(20, 25); // the queue, plus at most the one batch the writer holds
        assertThat(buffer.dropped()).isEqualTo(100 - taken);
        assertThat(buffer.depth()).isEqualTo(taken);
        log.gate.countDown();
        writer.close();
        assertThat(log.written()).isEqualTo(taken);
        assertThat(buffer.depth()).isZero();
    }

    @Test
    void close_writes_everything_buffered_and_later_offers_are_dropped() {
        ImpressionWriter writer = log.started(new ImpressionBuffer.Settings(10_000, 1_000, Duration.ofSeconds(30)));
        ImpressionBuffer buffer = writer.buffer();
        buffer.offer(log.impressions(2_345));

        writer.close();

        assertThat(log.written()).isEqualTo(2_345);
        assertThat(buffer.written()).isEqualTo(2_345);
        assertThat(buffer.offer(log.impressions(1))).isZero();
        assertThat(buffer.dropped()).isEqualTo(1);
    }

    @Test
    void a_failed_append_is_retried_and_nothing_is_lost() throws Exception {
        log.failuresLeft.set(2);
        try (ImpressionWriter writer = log.started(new ImpressionBuffer.Settings(100, 10, Duration.ofMillis(10)))) {
            ImpressionBuffer buffer = writer.buffer();
            buffer.offer(log.impressions(7));

            assertThat(buffer.awaitFlushed(Duration.ofSeconds(10))).isTrue();
            assertThat(log.written()).isEqualTo(7);
            assertThat(buffer.failedAppends()).isEqualTo(2);
            assertThat(buffer.lost()).isZero();
        }
    }

    @Test
    void a_batch_whose_failed_append_did_commit_is_not_written_twice() throws Exception {
        log.failAfterCommit = true;
        try (ImpressionWriter writer = log.started(new ImpressionBuffer.Settings(100, 10, Duration.ofMillis(10)))) {
            ImpressionBuffer buffer = writer.buffer();
            buffer.offer(log.impressions(6));

            assertThat(buffer.awaitFlushed(Duration.ofSeconds(10))).isTrue();
            assertThat(log.written()).isEqualTo(6);
            assertThat(log.batches).hasSize(1);
            assertThat(buffer.written()).isEqualTo(6);
        }
    }

    @Test
    void a_batch_still_failing_at_close_is_counted_as_lost() {
        log.failuresLeft.set(Integer.MAX_VALUE);
        ImpressionWriter writer = log.started(new ImpressionBuffer.Settings(100, 10, Duration.ofMillis(10)));
        ImpressionBuffer buffer = writer.buffer();
        buffer.offer(log.impressions(4));

        writer.close();

        assertThat(buffer.lost()).isEqualTo(4);
        assertThat(buffer.depth()).isZero();
    }

    @Test
    void close_with_the_database_hanging_returns_within_its_deadline_and_counts_what_it_gave_up() throws Exception {
        // As with the database down: each append waits for a connection (here 30 s, HikariCP's default) and fails.
        log.gate = new CountDownLatch(1);
        log.failuresLeft.set(Integer.MAX_VALUE);
        ImpressionWriter writer = log.started(new ImpressionBuffer.Settings(10_000, 5_000, Duration.ofMillis(50)));
        ImpressionBuffer buffer = writer.buffer();
        buffer.offer(log.impressions(213));
        log.awaitAppendBegun(); // the writer is now inside its first append
        assertThat(buffer.failedAppends()).isZero();
        assertThat(buffer.depth()).isEqualTo(213);

        long started = System.nanoTime();
        long gaveUp = writer.close(Duration.ofSeconds(1));
        long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

        assertThat(tookMillis).as("close took %d ms", tookMillis).isBetween(900L, 1_500L);
        assertThat(gaveUp).isEqualTo(213);
        assertThat(buffer.lost()).isEqualTo(213);
        assertThat(buffer.written()).isZero();
        assertThat(buffer.depth()).isZero();
    }

    @Test
    void an_append_that_finishes_after_close_gave_up_is_not_counted_twice() throws Exception {
        log.gate = new CountDownLatch(1);
        ImpressionWriter writer = log.started(new ImpressionBuffer.Settings(100, 10, Duration.ofMillis(10)));
        ImpressionBuffer buffer = writer.buffer();
        buffer.offer(log.impressions(4));
        log.awaitAppendBegun();

        assertThat(writer.close(Duration.ofMillis(200))).isEqualTo(4);
        log.gate.countDown(); // whatever the abandoned writer does next, close has already counted the batch
        Thread.sleep(200);

        assertThat(buffer.lost()).isEqualTo(4);
        assertThat(buffer.written()).isZero();
        assertThat(buffer.depth()).isZero();
    }

    @Test
    void close_within_a_deadline_still_writes_everything_when_the_database_answers() {
        log.failuresLeft.set(1);
        ImpressionWriter writer = log.started(new ImpressionBuffer.Settings(10_000, 1_000, Duration.ofMillis(20)));
        ImpressionBuffer buffer = writer.buffer();
        buffer.offer(log.impressions(2_345));

        assertThat(writer.close(Duration.ofSeconds(5))).isZero();

        assertThat(log.written()).isEqualTo(2_345);
        assertThat(buffer.lost()).isZero();
    }

    @Test
    void close_gives_up_only_what_was_not_written_before_the_database_hung() throws Exception {
        ImpressionWriter writer = log.started(new ImpressionBuffer.Settings(100, 10, Duration.ofMillis(10)));
        ImpressionBuffer buffer = writer.buffer();
        buffer.offer(log.impressions(10));
        eventually(() -> buffer.written() == 10);
        log.gate = new CountDownLatch(1);
        log.forgetAppendsBegun();
        buffer.offer(log.impressions(4));
        log.awaitAppendBegun(); // the writer is now inside the append that hangs

        assertThat(writer.close(Duration.ofMillis(200))).isEqualTo(4);

        assertThat(buffer.lost()).isEqualTo(4);
        assertThat(buffer.written()).isEqualTo(10);
        log.gate.countDown();
    }

    @Test
    void the_buffer_reports_failing_while_its_appends_fail_and_recovers_with_the_first_that_succeeds() throws Exception {
        log.failuresLeft.set(Integer.MAX_VALUE);
        try (ImpressionWriter writer = log.started(new ImpressionBuffer.Settings(100, 10, Duration.ofMillis(10)))) {
            ImpressionBuffer buffer = writer.buffer();
            assertThat(buffer.failing()).isFalse();
            buffer.offer(log.impressions(1));
            eventually(buffer::failing);

            log.failuresLeft.set(0);
            eventually(() -> !buffer.failing());

            assertThat(log.written()).isEqualTo(1);
            assertThat(buffer.lost()).isZero();
        }
    }
}
