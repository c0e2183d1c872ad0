package io.promo.domain.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import io.promo.domain.testing.TestData;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class KeywordsTest {

    @Test
    void a_keyword_is_lower_cased_accent_folded_trimmed_and_its_inner_whitespace_collapsed() {
        assertThat(Keywords.normalize(List.of("  Fotógrafo \t de   BODAS  "))).containsExactly("fotografo de bodas");
    }

    @Test
    void non_breaking_spaces_count_as_spaces() {
        assertThat(Keywords.normalize(List.of("\u00A0wedding\u00A0\u00A0photo\u202F"))).containsExactly("wedding photo");
    }

    @Test
    void duplicates_after_normalizing_are_removed_keeping_the_first_position() {
        assertThat(Keywords.normalize(List.of("Portrait", "headshot", " PORTRAIT", "Héadshot", "studio")))
                .containsExactly("portrait", "headshot", "studio");
    }

    @Test
    void a_blank_or_missing_keyword_is_kept_as_blank_so_that_authoring_refuses_it() {
        List<String> keywords = Keywords.normalize(Arrays.asList("", "   ", null, "wedding", "\t"));

        assertThat(keywords).containsExactly("", "wedding");
        assertThat(Keywords.problems(keywords)).singleElement().asString().isEqualTo("a keyword is blank");
    }

    @Test
    void a_positive_a_negative_excludes_entirely_is_named_with_that_negative() {
        assertThat(Keywords.contradictions(List.of("wedding", "portrait photographer", "-cheap", "-photographer")))
                .containsExactly("keyword 'portrait photographer' can never match: keyword '-photographer'"
                        + " excludes every query it matches");
        assertThat(Keywords.contradictions(List.of("portrait", "-\"portrait photographer\"", "-[portrait]"))).isEmpty();
    }

    @Test
    void normalizing_twice_changes_nothing() {
        List<String> once = Keywords.normalize(List.of("Ça  Va", "ÉTÉ", "ete"));
        assertThat(once).containsExactly("ca va", "ete");
        assertThat(Keywords.normalize(once)).isEqualTo(once);
        assertThat(Keywords.isNormalized(once)).isTrue();
        assertThat(Keywords.isNormalized(List.of("Ete"))).isFalse();
    }

    @Test
    void campaign_settings_hold_their_keywords_normalized() {
        CampaignSettings settings = TestData.settings().keywords("Retrato", " retrato ", "Headshot").build();
        assertThat(settings.keywordTargets()).containsExactly("retrato", "headshot");
    }
}
