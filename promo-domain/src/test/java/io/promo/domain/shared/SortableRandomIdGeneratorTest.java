package io.promo.domain.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.promo.domain.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SortableRandomIdGeneratorTest {

    private static final String CROCKFORD_LOWER = "[0-9a-hjkmnp-tv-z]";

    private final MutableClock clock = MutableClock.at("2026-11-27T10:15:30.123Z");
    private final SortableRandomIdGenerator ids = new SortableRandomIdGenerator(clock);

    @Test
    void an_id_is_the_prefix_then_26_lower_case_crockford_characters() {
        for (IdPrefix prefix : IdPrefix.values()) {
            assertThat(ids.next(prefix)).matches(prefix.prefix() + "_" + CROCKFORD_LOWER + "{26}");
        }
    }

    @Test
    void each_id_takes_the_next_80_random_bits_so_none_is_used_twice_or_skipped_across_draws() {
        SortableRandomIdGenerator counting = new SortableRandomIdGenerator(clock, new CountingRandom());
        long millis = clock.millis();
        for (int i = 0; i < 100; i++) { // three draws and part of a fourth
            long high = (millis << 16) | ((byteAt(10 * i) & 0xFFL) << 8) | (byteAt(10 * i + 1) & 0xFFL);
            long low = 0;
            for (int j = 2; j < 10; j++) {
                low = (low << 8) | (byteAt(10 * i + j) & 0xFFL);
            }
            assertThat(counting.next(IdPrefix.EVENT)).as("id %d", i)
                    .isEqualTo(IdPrefix.EVENT.prefix() + "_" + SortableRandomIdGenerator.encode(high, low));
        }
    }

    /** The n-th byte a {@link CountingRandom} gives. */
    private static byte byteAt(int n) {
        return (byte) (n * 7 + 3);
    }

    /** A "random" source that gives the bytes {@link #byteAt} 0, 1, 2, … in order, however they are asked for. */
    private static final class CountingRandom extends java.security.SecureRandom {
        private int next;

        @Override
        public synchronized void nextBytes(byte[] bytes) {
            for (int i = 0; i < bytes.length; i++) {
                bytes[i] = byteAt(next++);
            }
        }
    }

    @Test
    void zero_encodes_as_26_zeros() {
        assertThat(SortableRandomIdGenerator.encode(0, 0)).isEqualTo("0".repeat(26));
    }

    @Test
    void all_128_bits_set_encodes_as_7_then_25_z() {
        assertThat(SortableRandomIdGenerator.encode(-1, -1)).isEqualTo("7" + "z".repeat(25));
    }

    @Test
    void the_bits_that_straddle_the_two_longs_land_in_one_digit() {
        // The 13th digit from the right holds bits 60..64: four from the low long and one from the high long.
        assertThat(SortableRandomIdGenerator.encode(1, 0)).isEqualTo("0".repeat(13) + "g" + "0".repeat(12));
        assertThat(SortableRandomIdGenerator.encode(0, Long.MIN_VALUE)).isEqualTo("0".repeat(13) + "8" + "0".repeat(12));
        assertThat(SortableRandomIdGenerator.encode(0, 31)).isEqualTo("0".repeat(25) + "z");
    }

    @Test
    void the_first_ten_characters_are_the_milliseconds() {
        clock.set(Instant.ofEpochMilli(0));
        assertThat(ids.next(IdPrefix.EVENT).substring("pevt_".length(), "pevt_".length() + 10)).isEqualTo("0".repeat(10));
        clock.set(Instant.ofEpochMilli(1));
        assertThat(ids.next(IdPrefix.EVENT).substring("pevt_".length(), "pevt_".length() + 10)).isEqualTo("0".repeat(9) + "1");
    }

    @Test
    void ids_from_a_later_millisecond_sort_after_ids_from_an_earlier_one() {
        String previous = ids.next(IdPrefix.CAMPAIGN);
        for (int i = 0; i < 1_000; i++) {
            clock.advance(Duration.ofMillis(1));
            String next = ids.next(IdPrefix.CAMPAIGN);
            assertThat(next).as("id made 1 ms after %s", previous).isGreaterThan(previous);
            previous = next;
        }
    }

    @Test
    void ids_made_in_the_same_millisecond_are_not_a_counter() {
        String first = ids.next(IdPrefix.CAMPAIGN);
        String second = ids.next(IdPrefix.CAMPAIGN);
        assertThat(first.substring(0, 15)).isEqualTo(second.substring(0, 15));
        assertThat(first).isNotEqualTo(second);
    }

    @Test
    void a_hundred_thousand_ids_are_unique() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 100_000; i++) {
            assertThat(seen.add(ids.next(IdPrefix.EVENT))).as("id number %d is new", i).isTrue();
        }
    }

    @Test
    void its_ids_are_accepted_by_the_typed_id_records() {
        assertThat(ids.newAdvertiserId().value()).startsWith("padv_");
        assertThat(ids.newCampaignId().value()).startsWith("pcmp_");
        assertThat(ids.newPolicyId().value()).startsWith("ppol_");
        assertThat(new UserId(ids.next(IdPrefix.USER))).isNotNull();
        assertThat(AdvertiserId.parse("advertiser_id", ids.next(IdPrefix.ADVERTISER)).value()).startsWith("padv_");
    }

    @Test
    void a_clock_before_the_epoch_is_refused() {
        clock.set(Instant.ofEpochMilli(-1));
        assertThatThrownBy(() -> ids.next(IdPrefix.EVENT)).isInstanceOf(IllegalStateException.class);
    }
}
