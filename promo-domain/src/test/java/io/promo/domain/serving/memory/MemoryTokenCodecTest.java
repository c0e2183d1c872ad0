package io.promo.domain.serving.memory;

import static org.assertj.core.api.Assertions.assertThat;

import io.promo.domain.campaign.FrequencyCap;
import io.promo.domain.shared.CampaignId;
import io.promo.domain.testing.MutableClock;
import io.promo.domain.testing.TestData;
import io.promo.domain.traffic.MemoryTokenSeal;
import io.promo.domain.traffic.SigningKey;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Every way a viewer-memory token is read: what verifies is remembered, everything else is forgotten, never trusted. */
class MemoryTokenCodecTest {

    private static final byte[] K1 = "memory-key-one-of-at-least-thirty-two-bytes".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] K2 = "memory-key-two-of-at-least-thirty-two-bytes".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] HASH = "hash-secret-of-at-least-thirty-two-bytes!".getBytes(StandardCharsets.US_ASCII);
    private static final String VIEWER = "usr_lena";

    private final MutableClock clock = new MutableClock(TestData.NOW);
    private final MemoryReadings readings = new MemoryReadings();
    private final MemoryTokenCodec codec = codec(List.of(SigningKey.active("k1", K1)));
    private final long now = TestData.NOW.getEpochSecond() / 60;
    private final int campaign = codec.campaignHash(new CampaignId("pcmp_1"));

    private MemoryTokenCodec codec(List<SigningKey> keys) {
        return new MemoryTokenCodec(new MemoryTokenSeal(keys, HASH, clock), readings);
    }

    private String aToken() {
        return codec.write(ViewerMemory.EMPTY.after(now - 5, new int[] {campaign}, new int[] {24}, 1)
                .after(now, new int[] {campaign}, new int[] {24}, 1), VIEWER, now);
    }

    private MemoryReading reading(String token) {
        return codec.read(token, VIEWER, now).reading();
    }

    @Test
    void a_token_we_wrote_reads_back_for_its_viewer_with_every_impression_and_is_short() {
        String token = aToken();

        MemoryTokenCodec.Read read = codec.read(token, VIEWER, now);

        assertThat(read.reading()).isEqualTo(MemoryReading.VALID);
        assertThat(read.memory().count(campaign, now, 24 * 60)).isEqualTo(2);
        assertThat(read.memory().count(campaign, now, 5)).isEqualTo(1);
        assertThat(read.memory().count(codec.campaignHash(new CampaignId("pcmp_2")), now, 24 * 60)).isZero();
        assertThat(token).startsWith("m1.k1.").hasSizeLessThan(60).doesNotContain("pcmp_1");
        assertThat(readings.total(MemoryReading.VALID)).isEqualTo(1);
    }

    @Test
    void no_token_reads_absent_and_empty() {
        assertThat(codec.read(null, VIEWER, now)).isEqualTo(new MemoryTokenCodec.Read(MemoryReading.ABSENT, ViewerMemory.EMPTY));
        assertThat(reading("")).isEqualTo(MemoryReading.ABSENT);
        assertThat(readings.total(MemoryReading.ABSENT)).isEqualTo(2);
    }

    @Test
    void a_token_altered_anywhere_reads_forged_and_empty() {
        String token = aToken();
        for (int i = 0; i < token.length(); i++) {
            for (char other : new char[] {'A', 'B', 'g', '_', '.'}) {
                if (token.charAt(i) == other) {
                    continue;
                }
                String altered = token.substring(0, i) + other + token.substring(i + 1);
                MemoryTokenCodec.Read read = codec.read(altered, VIEWER, now);
                assertThat(read.reading()).as(altered).isEqualTo(MemoryReading.FORGED);
                assertThat(read.memory().size()).isZero();
            }
        }
    }

    /** The MAC is 16 bytes, 22 characters whose last carries 2 bits: four spellings decode alike, only ours verifies. */
    @Test
    void a_token_whose_last_character_is_spelt_otherwise_than_written_reads_forged() {
        String token = aToken();
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        for (char other : alphabet.toCharArray()) {
            if (other != token.charAt(token.length() - 1)) {
                assertThat(reading(token.substring(0, token.length() - 1) + other)).isEqualTo(MemoryReading.FORGED);
            }
        }
    }

    @Test
    void a_token_cut_short_or_of_another_form_reads_forged() {
        String token = aToken();
        String[] parts = token.split("\\.");
        for (String broken : List.of(token.substring(0, token.length() - 3), token.substring(0, token.lastIndexOf('.')),
                parts[0] + "." + parts[1] + "." + parts[2].substring(0, parts[2].length() - 2) + "." + parts[3],
                "m2" + token.substring(2), token + ".x", "m1", "m1...", "not a token", "v2.k1.abc.def",
                parts[0] + "." + parts[1] + "." + parts[2] + "=." + parts[3])) {
            assertThat(reading(broken)).as(broken).isEqualTo(MemoryReading.FORGED);
        }
    }

    @Test
    void a_token_written_for_another_viewer_reads_forged() {
        assertThat(codec.read(aToken(), "anon:fp_2", now).reading()).isEqualTo(MemoryReading.FORGED);
    }

    @Test
    void a_token_sealed_with_another_key_reads_forged_and_a_rotated_key_still_reads_until_retired() {
        MemoryTokenCodec stranger = codec(List.of(SigningKey.active("k1", K2)));
        String strangers = stranger.write(ViewerMemory.EMPTY.after(now, new int[] {campaign}, new int[] {24}, 1), VIEWER, now);
        assertThat(reading(strangers)).isEqualTo(MemoryReading.FORGED);

        String old = aToken();
        MemoryTokenCodec rotated = codec(List.of(SigningKey.active("k2", K2),
                new SigningKey("k1", K1, Optional.of(TestData.NOW.plusSeconds(3600)))));
        assertThat(rotated.read(old, VIEWER, now).reading()).isEqualTo(MemoryReading.VALID);
        assertThat(rotated.write(ViewerMemory.EMPTY, VIEWER, now)).startsWith("m1.k2.");
        clock.set(TestData.NOW.plusSeconds(3600));
        assertThat(rotated.read(old, VIEWER, now + 60).reading()).isEqualTo(MemoryReading.FORGED);
    }

    @Test
    void a_token_longer_than_any_we_write_reads_oversized_unread_and_the_fullest_memory_fits() {
        ViewerMemory full = ViewerMemory.EMPTY;
        for (int i = 0; i < ViewerMemory.MAX_ENTRIES; i++) {
            int[] hash = {codec.campaignHash(new CampaignId("pcmp_" + i))};
            for (int k = 0; k < FrequencyCap.MAX_IMPRESSIONS; k++) {
                full = full.after(now - 60 * k, hash, new int[] {FrequencyCap.MAX_PERIOD_HOURS}, 1);
            }
        }
        String fullest = codec.write(full, VIEWER, now);
        assertThat(fullest.length()).isLessThanOrEqualTo(MemoryTokenCodec.MAX_TOKEN_LENGTH);
        assertThat(reading(fullest)).isEqualTo(MemoryReading.VALID);
        assertThat(codec.read(fullest, VIEWER, now).memory().size()).isEqualTo(ViewerMemory.MAX_ENTRIES);

        assertThat(reading("m1.k1." + "A".repeat(MemoryTokenCodec.MAX_TOKEN_LENGTH))).isEqualTo(MemoryReading.OVERSIZED);
        assertThat(MemoryTokenCodec.MAX_TOKEN_LENGTH).isLessThan(1_200);
    }

    @Test
    void a_token_older_than_the_longest_period_reads_expired_and_one_from_ahead_of_our_clock_forged() {
        String token = aToken();
        long week = FrequencyCap.MAX_PERIOD_HOURS * 60L;
        assertThat(codec.read(token, VIEWER, now + week - 1).reading()).isEqualTo(MemoryReading.VALID);
        assertThat(codec.read(token, VIEWER, now + week).reading()).isEqualTo(MemoryReading.EXPIRED);
        assertThat(codec.read(token, VIEWER, now - 1).reading()).isEqualTo(MemoryReading.VALID);
        assertThat(codec.read(token, VIEWER, now - 2).reading()).isEqualTo(MemoryReading.FORGED);
    }

    /** A payload we did not write cannot be signed by anyone else; signed with our key, it must still parse strictly. */
    @Test
    void a_correctly_sealed_payload_that_is_not_a_memory_reads_forged() {
        MemoryTokenSeal seal = new MemoryTokenSeal(List.of(SigningKey.active("k1", K1)), HASH, clock);
        Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
        byte[] minute = {(byte) (now >>> 24), (byte) (now >>> 16), (byte) (now >>> 8), (byte) now};
        for (byte[] payload : List.of(new byte[] {1, 2}, concat(minute, new byte[] {1}),
                concat(minute, new byte[] {1, 0, 0, 0, 1, 0, 1, 0, 0}),            // period 0 h
                concat(minute, new byte[] {1, 0, 0, 0, 1, 24, 0}),                 // no impression
                concat(minute, new byte[] {1, 0, 0, 0, 1, 24, 2, 0, 5, 0, 1}),     // ages out of order
                concat(minute, new byte[] {0, 9}))) {                              // trailing bytes
            String signed = "m1.k1." + base64.encodeToString(payload);
            byte[] message = concat(signed.getBytes(StandardCharsets.US_ASCII), concat(new byte[1],
                    VIEWER.getBytes(StandardCharsets.UTF_8)));
            String token = signed + "." + base64.encodeToString(seal.mac("k1", message));
            assertThat(reading(token)).as(token).isEqualTo(MemoryReading.FORGED);
        }
    }

    @Test
    void campaign_hashes_are_keyed_and_stable() {
        MemoryTokenSeal other = new MemoryTokenSeal(List.of(SigningKey.active("k1", K1)),
                "another-hash-secret-of-thirty-two-bytes!!".getBytes(StandardCharsets.US_ASCII), clock);
        CampaignId id = new CampaignId("pcmp_1");
        assertThat(codec.campaignHash(id)).isEqualTo(campaign);
        assertThat(other.campaignHash(id)).isNotEqualTo(campaign);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
