package io.promo.domain.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.promo.domain.campaign.KeywordTarget.MatchType;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class KeywordTargetTest {

    static Stream<Arguments> valid() {
        return Stream.of(
                arguments("portrait", "portrait", MatchType.BROAD, false, "portrait"),
                arguments("  Portrait   Photographer ", "portrait photographer", MatchType.BROAD, false, "portrait photographer"),
                arguments("\"Portrait Photographer\"", "portrait photographer", MatchType.PHRASE, false, "\"portrait photographer\""),
                arguments("[Wedding  Photographer]", "wedding photographer", MatchType.EXACT, false, "[wedding photographer]"),
                arguments("-cheap", "cheap", MatchType.BROAD, true, "-cheap"),
                arguments("- \"Free Shoot\"", "free shoot", MatchType.PHRASE, true, "-\"free shoot\""),
                arguments("-[nude]", "nude", MatchType.EXACT, true, "-[nude]"),
                arguments("Fotógrafo-de-Bodas!", "fotografo de bodas", MatchType.BROAD, false, "fotografo de bodas"),
                arguments("\"[x]\"".replace("[x]", "c'est la vie"), "c est la vie", MatchType.PHRASE, false, "\"c est la vie\""));
    }

    @ParameterizedTest(name = "{0} → {4}")
    @MethodSource("valid")
    void a_typed_target_has_its_match_type_negativity_and_normalized_words(String typed, String text, MatchType match,
            boolean negative, String syntax) {
        KeywordTarget.Parsed parsed = KeywordTarget.parse(typed);

        assertThat(parsed).isEqualTo(new KeywordTarget.Valid(new KeywordTarget(text, match, negative)));
        assertThat(((KeywordTarget.Valid) parsed).target().syntax()).isEqualTo(syntax);
        assertThat(KeywordTarget.parse(syntax)).as("its syntax parses back to it").isEqualTo(parsed);
    }

    static Stream<String> malformed() {
        return Stream.of("[unclosed", "unopened]", "\"", "\"\"", "\"open", "[]", "[ ]", "-", "- ", "-\"\"", "--",
                "!!!", "a \"quoted\" word", "[a] b", "\"a\" b");
    }

    @ParameterizedTest(name = "''{0}''")
    @MethodSource("malformed")
    void a_malformed_target_says_why(String typed) {
        assertThat(KeywordTarget.parse(typed)).isInstanceOfSatisfying(KeywordTarget.Malformed.class,
                m -> assertThat(m.reason()).isNotBlank());
    }

    @Test
    void a_keyword_stored_before_match_types_that_their_syntax_refuses_is_read_as_the_broad_target_of_its_words() {
        assertThat(Keywords.fromStorage(List.of("[studio", "portrait", "a\"b", "\"wedding\"", "!!!")))
                .containsExactly("studio", "portrait", "a b", "\"wedding\"");
    }

    @Test
    void stored_keywords_keep_a_malformed_one_as_typed_so_that_it_can_be_named() {
        List<String> keywords = Keywords.normalize(List.of(" [Unclosed ", "Portrait", "\"portrait\""));

        assertThat(keywords).containsExactly("[Unclosed", "portrait", "\"portrait\"");
        assertThat(Keywords.problems(keywords)).singleElement().asString().contains("keyword 1", "[Unclosed", "']'");
        assertThat(Keywords.targets(keywords)).extracting(KeywordTarget::match).containsExactly(MatchType.BROAD, MatchType.PHRASE);
    }
}
