package io.promo.domain.serving.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.promo.domain.serving.Seeds;
import io.promo.domain.serving.engine.QueryText;
import io.promo.domain.serving.index.IndexParts;
import io.promo.domain.serving.index.KeywordDictionary;
import io.promo.domain.shared.TextNormalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class QueryTextTest {

    private static List<String> matched(String query, String... keywords) {
        KeywordDictionary dictionary = IndexParts.keywordDictionary(keywords);
        QueryText.IntBuffer ids = new QueryText.IntBuffer();
        QueryText.matchKeywords(QueryText.normalize(query), dictionary, ids);
        List<String> found = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            found.add(dictionary.keyword(ids.get(i)));
        }
        return found;
    }

    @Test
    void the_fast_path_normalizes_exactly_as_the_shared_normalizer_does() {
        long seed = Seeds.base("query normalization");
        Random random = new Random(seed);
        String alphabet = "aZ09 -'\t\u00a0éÉ\u0301ßİ\u2003xyQ.,";
        for (int trial = 0; trial < 5_000; trial++) {
            StringBuilder raw = new StringBuilder();
            for (int i = random.nextInt(20); i > 0; i--) {
                raw.append(random.nextInt(3) == 0 ? alphabet.charAt(random.nextInt(alphabet.length()))
                        : (char) (0x20 + random.nextInt(0x5F)));
            }
            String text = raw.toString();
            if (!QueryText.normalize(text).equals(TextNormalizer.words(text))) {
                assertThat(QueryText.normalize(text)).as("%s, trial %d: '%s'", Seeds.replay(seed), trial, text).isEqualTo(TextNormalizer.words(text));
            }
        }
    }

    @Test
    void an_already_normalized_query_is_returned_as_is() {
        String query = "wedding photographer berlin";

        assertThat(QueryText.normalize(query)).isSameAs(query);
    }

    @Test
    void keywords_match_runs_of_whole_words() {
        assertThat(matched("Best wedding photographer Berlin", "wedding photographer", "wedding", "photo", "berlin studio"))
                .containsExactlyInAnyOrder("wedding photographer", "wedding");
        assertThat(matched("weddings", "wedding")).isEmpty();
        assertThat(matched("", "wedding")).isEmpty();
        assertThat(matched("wedding wedding", "wedding")).containsExactly("wedding");
        assertThat(matched("a b c d", "b c d", "a b c d e")).containsExactly("b c d");
    }
}
