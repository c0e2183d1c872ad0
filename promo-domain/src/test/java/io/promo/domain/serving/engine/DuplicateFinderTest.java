package io.promo.domain.serving.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.promo.domain.serving.Seeds;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The finder against a hash set, on ids chosen to share hash codes ("Aa" and "BB" hash alike, and so do their concatenations). */
class DuplicateFinderTest {

    @Test
    void finds_the_nulls_and_the_repeats_a_hash_set_finds_among_colliding_ids() {
        long seed = Seeds.base("duplicate finder");
        Random random = new Random(seed);
        List<String> pool = new ArrayList<>();
        for (String a : List.of("Aa", "BB")) {
            for (String b : List.of("Aa", "BB")) {
                for (String c : List.of("Aa", "BB")) {
                    pool.add("srv_" + a + b + c); // eight ids, one hash code
                }
            }
        }
        for (int i = 0; i < 8; i++) {
            pool.add("srv_" + i);
        }
        DuplicateFinder finder = DuplicateFinder.ofThisThread();
        for (int round = 0; round < 5_000; round++) {
            String[] ids = new String[random.nextInt(40)];
            for (int i = 0; i < ids.length; i++) {
                ids[i] = random.nextInt(30) == 0 ? null : pool.get(random.nextInt(pool.size()));
            }
            Set<String> seen = new HashSet<>();
            Set<String> repeated = new LinkedHashSet<>();
            int nulls = 0;
            for (String id : ids) {
                if (id == null) {
                    nulls++;
                } else if (!seen.add(id)) {
                    repeated.add(id);
                }
            }

            finder.check(ids);

            assertThat(finder.nulls()).as("%s, round %d", Seeds.replay(seed), round).isEqualTo(nulls);
            assertThat(finder.repeated()).as("%s, round %d", Seeds.replay(seed), round).containsExactlyElementsOf(repeated);
        }
    }
}
