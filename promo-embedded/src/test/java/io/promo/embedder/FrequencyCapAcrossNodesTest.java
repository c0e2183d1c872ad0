package io.promo.embedder;

import static org.assertj.core.api.Assertions.assertThat;

import io.promo.domain.campaign.FrequencyCap;
import io.promo.embedded.AdPage;
import io.promo.embedded.AdRequest;
import io.promo.embedded.Promo;
import io.promo.persistence.EmbeddedPostgresServer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Three promo nodes (independent {@link Promo}s on one PostgreSQL, as in {@code ThreeNodesOnOneDatabaseStormTest}) and
 * viewers moving between them at random, each search on any node, passing back the memory token the previous one
 * answered: each capped campaign reaches every viewer exactly as often as its cap allows, whichever nodes served it
 * (ADR 0034). Nothing is stored: the nodes share only the database, and no decision reads it. The seed is printed;
 * replay with {@code -Dcluster.cap.seed=<seed>}.
 */
class FrequencyCapAcrossNodesTest {

    private static final int NODES = 3;
    private static EmbeddedPostgresServer database;
    private static final List<Promo> nodes = new ArrayList<>();
    private static final Map<String, Integer> CAPS = new HashMap<>();

    @BeforeAll
    static void three_nodes_with_a_default_cap_of_3_per_24h() {
        database = EmbeddedPostgresServer.startTemporary(Map.of("max_connections", "60"));
        Map<String, String> settings = Map.of("PROMO_HASH_SECRET", "cap-cluster-hash-secret-0123456789abcdef",
                "PROMO_CLICK_TOKEN_SECRET", "cap-cluster-token-secret-0123456789abcdef", "PROMO_BUDGET_ZONE", "UTC",
                "PROMO_DB_POOL_SIZE", "3", "PROMO_FREQUENCY_CAP", "3/24h");
        for (int i = 0; i < NODES; i++) {
            nodes.add(Promo.builder().jdbcUrl(database.jdbcUrl()).settings(settings)
                    .schema(i == 0 ? Promo.Schema.MIGRATE : Promo.Schema.VERIFY).start());
        }
        campaign("srv_two_a_day", 90, Optional.of(new FrequencyCap(2, 24)));
        campaign("srv_default", 80, Optional.empty());
        campaign("srv_five_an_hour", 70, Optional.of(new FrequencyCap(5, 1)));
        CAPS.put("srv_two_a_day", 2);
        CAPS.put("srv_default", 3);
        CAPS.put("srv_five_an_hour", 5);
        nodes.forEach(Promo::refreshServingIndex);
    }

    @AfterAll
    static void stop() {
        nodes.forEach(Promo::close);
        if (database != null) {
            database.close();
        }
    }

    @Test
    void a_viewer_moving_between_nodes_with_the_token_sees_each_campaign_exactly_its_cap() {
        long seed = Long.getLong("cluster.cap.seed", System.nanoTime());
        System.out.printf("FrequencyCapAcrossNodesTest seed=%d (replay: -Dcluster.cap.seed=%d)%n", seed, seed);
        Random random = new Random(seed);
        for (int viewer = 0; viewer < 8; viewer++) {
            Map<String, Integer> seen = new HashMap<>();
            String token = null;
            List<Integer> nodesUsed = new ArrayList<>();
            for (int search = 0; search < 16; search++) {
                int node = random.nextInt(NODES);
                nodesUsed.add(node);
                AdPage page = search(nodes.get(node), viewer % 2 == 0 ? "usr_capped_" + viewer : null,
                        viewer % 2 == 0 ? null : "fp_capped_" + viewer, token, random);
                page.sponsored().forEach(result -> seen.merge(result.entityId(), 1, Integer::sum));
                token = page.memoryToken();
            }
            assertThat(seen).as("seed %d, viewer %d on nodes %s", seed, viewer, nodesUsed).isEqualTo(CAPS);
            assertThat(token).startsWith("m1.").hasSizeLessThan(120);
        }
    }

    @Test
    void without_the_token_a_cap_counts_one_page_and_a_forged_or_foreign_token_is_ignored() {
        Random random = new Random(7);
        AdPage first = null;
        for (int search = 0; search < 5; search++) {
            AdPage page = search(nodes.get(search % NODES), "usr_forgetful", null, null, random);
            assertThat(page.sponsored()).as("search %d", search).isNotEmpty();
            first = first == null ? page : first;
        }
        String lenas = first.memoryToken();
        assertThat(lenas).isNotNull();
        for (String untrusted : List.of(lenas, lenas.substring(0, lenas.length() - 1) + "A", "m1.k1.AAAA.BBBB",
                "x".repeat(5_000))) {
            // Another viewer's token, an altered one, a made-up one, an oversized one: the decision answers as if none.
            AdPage page = search(nodes.get(1), "usr_stranger_" + untrusted.length(), null, untrusted, random);
            assertThat(page.sponsored()).as(untrusted).isNotEmpty();
            assertThat(page.memoryToken()).startsWith("m1.").isNotEqualTo(untrusted);
        }
    }

    private static AdPage search(Promo node, String userId, String fingerprint, String token, Random random) {
        List<String> organic = new ArrayList<>(List.of("srv_two_a_day", "srv_default", "srv_five_an_hour", "srv_plain"));
        Collections.shuffle(organic, random);
        AdRequest.Builder request = AdRequest.builder("people_search", "berlin").query("portrait studio")
                .organicMatches(organic).client("203.0.113.9", "Mozilla/5.0").memoryToken(token);
        return node.serving().decide((userId != null ? request.userViewer(userId) : request.anonymousViewer(fingerprint))
                .build());
    }

    private static void campaign(String entityId, long cpcCents, Optional<FrequencyCap> cap) {
        Campaigns.active(nodes.get(0), entityId, "berlin", cpcCents, 100_000, 100_000,
                settings -> settings.withFrequencyCap(cap));
    }
}
