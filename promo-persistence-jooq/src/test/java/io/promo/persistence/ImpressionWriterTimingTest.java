package io.promo.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.promo.domain.traffic.ImpressionBuffer;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The impression writer's timing: a full batch goes at once, a failed one is retried once per flush
 * interval, {@code awaitFlushed} waits no longer than asked, and the writer never keeps the JVM alive.
 */
class ImpressionWriterTimingTest {

    private final RecordingImpressionLog log = new RecordingImpressionLog();

    private static long millisSince(long startedNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNanos);
    }

    @Test
    void a_buffer_holds_at_least_one_impression_and_a_batch_at_most_as_large_as_the_buffer() {
        Duration interval = Duration.ofMillis(10);
        assertThat(new ImpressionBuffer.Settings(1, 1, interval).batchSize()).isEqualTo(1);
        assertThat(new ImpressionBuffer.Settings(10, 10, interval).batchSize()).isEqualTo(10);

        assertThatThrownBy(() -> new ImpressionBuffer.Settings(0, 1, interval)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ImpressionBuffer.Settings(10, 0, interval)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ImpressionBuffer.Settings(10, 11, interval)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ImpressionBuffer.Settings(10, 5, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ImpressionBuffer.Settings(10, 5, interval.negated()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void a_full_batch_is_written_at_once_without_waiting_for_the_interval_and_never_grows_past_the_batch_size()
            throws Exception {
        try (ImpressionWriter writer = log.started(new ImpressionBuffer.Settings(1_000, 10, Duration.ofSeconds(3)))) {
            ImpressionBuffer buffer = writer.buffer();
            long started = System.nanoTime();
            buffer.offer(log.impressions(25));

            while (log.written() < 20) {
                assertThat(millisSince(started)).as("two full batches, well before the 3 s interval").isLessThan(1_500);
                Thread.sleep(1);
            }
            assertThat(log.batches).hasSize(2).allSatisfy(batch -> assertThat(batch).hasSize(10));
        }
        assertThat(log.written()).isEqualTo(25);
    }

    @Test
    void a_failed_batch_is_retried_once_per_flush_interval_not_in_a_tight_loop() throws Exception {
        log.failuresLeft.set(2);
        try (ImpressionWriter writer = log.started(new ImpressionBuffer.Settings(100, 3, Duration.ofMillis(100)))) {
            ImpressionBuffer buffer = writer.buffer();
            long started = System.nanoTime();
            buffer.offer(log.impressions(3));

            assertThat(buffer.awaitFlushed(Duration.ofSeconds(10))).isTrue();

            assertThat(millisSince(started)).as("two retries, each after a flush interval").isGreaterThanOrEqualTo(200);
            assertThat(buffer.failedAppends()).isEqualTo(2);
            assertThat(log.written()).isEqualTo(3);
        }
    }

    @Test
    void awaiting_a_flush_waits_for_a_slow_write_within_its_timeout() throws Exception {
        log.gate = new CountDownLatch(1);
        try (ImpressionWriter writer = log.started(new ImpressionBuffer.Settings(100, 2, Duration.ofMillis(10)))) {
            ImpressionBuffer buffer = writer.buffer();
            buffer.offer(log.impressions(2));
            Thread opener = new Thread(() -> {
                try {
                    Thread.sleep(150);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                log.gate.countDown();
            });
            opener.start();

            assertThat(buffer.awaitFlushed(Duration.ofSeconds(10))).isTrue();
            assertThat(log.written()).isEqualTo(2);
            opener.join();
        }
    }

    @Test
    void awaiting_a_flush_gives_up_after_its_timeout_and_says_so() throws Exception {
        log.gate = new CountDownLatch(1);
        ImpressionWriter writer = log.started(new ImpressionBuffer.Settings(100, 2, Duration.ofMillis(10)));
        ImpressionBuffer buffer = writer.buffer();
        try {
            buffer.offer(log.impressions(2));
            long started = System.nanoTime();

            assertThat(buffer.awaitFlushed(Duration.ofMillis(100))).isFalse();
            assertThat(millisSince(started)).isGreaterThanOrEqualTo(100);
        } finally {
            log.gate.countDown();
            writer.close();
        }
    }

    @Test
    void a_batch_still_failing_at_close_is_tried_three_times_then_counted_as_lost() {
        // Today's rule (ATTEMPTS_ON_CLOSE); a shutdown deadline may replace the count.
        log.failuresLeft.set(Integer.MAX_VALUE);
        ImpressionWriter writer = log.started(new ImpressionBuffer.Settings(100, 10, Duration.ofMillis(50)));
        ImpressionBuffer buffer = writer.buffer();
        buffer.offer(log.impressions(4));

        writer.close();

        assertThat(buffer.failedAppends()).isEqualTo(3);
        assertThat(buffer.lost()).isEqualTo(4);
    }

    @Test
    void impressions_given_up_at_close_no_longer_keep_anyone_waiting_for_a_flush() throws Exception {
        log.failuresLeft.set(Integer.MAX_VALUE);
        ImpressionWriter writer = log.started(new ImpressionBuffer.Settings(100, 10, Duration.ofMillis(10)));
        ImpressionBuffer buffer = writer.buffer();
        buffer.offer(log.impressions(4));
        writer.close();

        long started = System.nanoTime();
        assertThat(buffer.awaitFlushed(Duration.ofSeconds(5))).isTrue();
        assertThat(millisSince(started)).isLessThan(1_000);
        assertThat(buffer.depth()).isZero();
    }

    @Test
    void a_buffer_someone_forgot_to_close_never_keeps_the_jvm_from_exiting() {
        ImpressionWriter writer = log.started(new ImpressionBuffer.Settings(100, 10, Duration.ofMillis(10)));
        try {
            assertThat(Thread.getAllStackTraces().keySet()).filteredOn(t -> t.getName().equals("impression-writer"))
                    .isNotEmpty().allSatisfy(thread -> assertThat(thread.isDaemon()).isTrue());
        } finally {
            writer.close();
        }
    }
}
