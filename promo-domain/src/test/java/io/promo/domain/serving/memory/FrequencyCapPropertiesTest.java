package io.promo.domain.serving.memory;

import static org.assertj.core.api.Assertions.assertThat;

import io.promo.domain.campaign.FrequencyCap;
import io.promo.domain.shared.CampaignId;
import io.promo.domain.testing.MutableClock;
import io.promo.domain.testing.TestData;
import io.promo.domain.traffic.MemoryTokenSeal;
import io.promo.domain.traffic.SigningKey;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The cap a viewer-memory token keeps, against a naive reference: every impression's minute in a list per campaign,
 * and a campaign may be shown while fewer than its cap fall within its period. Random viewers, campaigns, caps and
 * gaps between searches from a seed; the token makes a round trip through its text between every two searches, as it
 * does through the search service. Replay with {@code -Dpromo.cap.seed=<seed>}.
 */
class FrequencyCapPropertiesTest {

    private static final byte[] KEY = "memory-key-one-of-at-least-thirty-two-bytes".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] HASH = "hash-secret-of-at-least-thirty-two-bytes!".getBytes(StandardCharsets.US_ASCII);

    @Test
    void the_token_allows_exactly_what_a_list_of_every_impression_allows() {
        long seed = Long.getLong("promo.cap.seed", System.nanoTime());
        System.out.println("FrequencyCapPropertiesTest seed=" + seed + "; replay with -Dpromo.cap.seed=" + seed);
        Random random = new Random(seed);
        MemoryTokenCodec codec = new MemoryTokenCodec(new MemoryTokenSeal(List.of(SigningKey.active("k1", KEY)), HASH,
                new MutableClock(TestData.NOW)), new MemoryReadings());
        int decisions = 0;
        for (int viewer = 0; viewer < 60; viewer++) {
            // At most MAX_ENTRIES campaigns per viewer: within that bound the cap is exact (ADR 0034).
            int campaignCount = 1 + random.nextInt(ViewerMemory.MAX_ENTRIES);
            int[] hashes = new int[campaignCount];
            FrequencyCap[] caps = new FrequencyCap[campaignCount];
            for (int c = 0; c < campaignCount; c++) {
                hashes[c] = codec.campaignHash(new CampaignId("pcmp_" + viewer + "_" + c));
                caps[c] = new FrequencyCap(1 + random.nextInt(FrequencyCap.MAX_IMPRESSIONS),
                        random.nextInt(4) == 0 ? FrequencyCap.MAX_PERIOD_HOURS : 1 + random.nextInt(48));
            }
            Map<Integer, List<Long>> shown = new HashMap<>();
            String viewerKey = "usr_" + viewer;
            String token = null;
            long minute = TestData.NOW.getEpochSecond() / 60;
            for (int search = 0; search < 200; search++) {
                int gap = random.nextInt(10);
                minute += gap == 0 ? 0 : gap < 7 ? random.nextInt(30) : gap < 9 ? random.nextInt(600) : random.nextInt(6000);
                MemoryTokenCodec.Read read = codec.read(token, viewerKey, minute);
                assertThat(read.reading()).as("seed %d", seed).isIn(MemoryReading.VALID, MemoryReading.ABSENT,
                        MemoryReading.EXPIRED);
                int[] placed = new int[3];
                int[] periods = new int[3];
                int count = 0;
                // A page holds a campaign once: its candidates are distinct campaigns.
                boolean[] seen = new boolean[campaignCount];
                for (int candidate = 0; candidate < 1 + random.nextInt(6); candidate++) {
                    int c = random.nextInt(campaignCount);
                    if (seen[c]) {
                        continue;
                    }
                    seen[c] = true;
                    boolean allowed = read.memory().allows(hashes[c], caps[c].impressions(), caps[c].periodMinutes(), minute);
                    assertThat(allowed).as("seed %d, viewer %d, search %d, campaign %d (%s)", seed, viewer, search, c, caps[c])
                            .isEqualTo(reference(shown.get(c), caps[c], minute));
                    if (allowed && count < placed.length) {
                        placed[count] = hashes[c];
                        periods[count++] = caps[c].periodHours();
                        shown.computeIfAbsent(c, key -> new ArrayList<>()).add(minute);
                    }
                    decisions++;
                }
                if (count > 0) {
                    token = codec.write(read.memory().after(minute, placed, periods, count), viewerKey, minute);
                    assertThat(token.length()).isLessThanOrEqualTo(MemoryTokenCodec.MAX_TOKEN_LENGTH);
                }
            }
        }
        assertThat(decisions).isGreaterThan(5_000);
    }

    private static boolean reference(List<Long> shown, FrequencyCap cap, long minute) {
        if (shown == null) {
            return true;
        }
        int within = 0;
        for (long at : shown) {
            if (minute - at < cap.periodMinutes()) {
                within++;
            }
        }
        return within < cap.impressions();
    }
}
