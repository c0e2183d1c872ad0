package io.promo.app.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.promo.app.http.JsonViews.DecisionView;
import io.promo.app.http.JsonViews.ResultView;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The decision answer written field by field is, byte for byte, what Jackson writes of the same {@link DecisionView}:
 * random pages (organic and sponsored positions, a missing role, instants with and without fractions, text to escape).
 * Seeded: {@code -Ddecision.json.seed=N} replays a failure.
 */
class DecisionJsonTest {

    private static final String[] TEXT = {"srv_anna", "srv_lena_photo", "é\"quoted\"\\", "line\nbreak", "emoji 📷", "<tag>",
        "tab\there", "\u0001control", ""};

    @Test
    void the_hand_written_decision_answer_is_jacksons_byte_for_byte() throws Exception {
        long seed = Long.getLong("decision.json.seed", System.nanoTime());
        System.out.println("DecisionJsonTest seed " + seed + " (replay with -Ddecision.json.seed=" + seed + ")");
        Random random = new Random(seed);
        for (int page = 0; page < 2_000; page++) {
            DecisionView view = randomView(random);

            String expected = new String(Json.MAPPER.writeValueAsBytes(view), StandardCharsets.UTF_8);
            String written = new String(DecisionJson.of(view), StandardCharsets.UTF_8);

            assertThat(written).as("page %d of seed %d", page, seed).isEqualTo(expected);
        }
    }

    private static DecisionView randomView(Random random) {
        List<ResultView> results = new ArrayList<>();
        int size = random.nextInt(25);
        for (int i = 1; i <= size; i++) {
            results.add(random.nextInt(4) == 0
                    ? new ResultView(i, text(random), true, "pcmp_" + random.nextInt(1_000), random.nextBoolean()
                            ? "featured" : "boosted", "pevt_" + Long.toHexString(random.nextLong()) + "_p" + i,
                            random.nextInt(3) == 0 ? Long.MAX_VALUE : (long) random.nextInt(10_000),
                            random.nextInt(10) == 0 ? null : "k1." + Long.toHexString(random.nextLong()))
                    : new ResultView(i, text(random), false, null, null, null, null, null));
        }
        Instant servedAt = Instant.ofEpochSecond(1_700_000_000L + random.nextInt(100_000_000),
                switch (random.nextInt(4)) {
                    case 0 -> 0;
                    case 1 -> random.nextInt(1_000) * 1_000_000;
                    case 2 -> random.nextInt(1_000_000) * 1_000;
                    default -> random.nextInt(1_000_000_000);
                });
        return new DecisionView(servedAt, random.nextBoolean() ? "people_search" : "studio_search",
                random.nextBoolean() ? null : "photographer", text(random), Long.toHexString(random.nextLong()), results);
    }

    private static String text(Random random) {
        return TEXT[random.nextInt(TEXT.length)] + random.nextInt(100);
    }
}
