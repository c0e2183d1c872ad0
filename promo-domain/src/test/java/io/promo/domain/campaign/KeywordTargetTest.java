package io.promo.domain.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.promo.domain.campaign.KeywordTarget.MatchType;
import java.util.ArrayList;
import java.util.Collections;
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
        assertThat(Keywords.problems(keywords)).singleElement().asString().contains("keyword '[Unclosed'", "']'");
        assertThat(Keywords.targets(keywords)).extracting(KeywordTarget::match).containsExactly(MatchType.BROAD, MatchType.PHRASE);
    }

    static Stream<Arguments> contradictions() {
        return Stream.of(
                Arguments.of("-portrait", "portrait", true),
                Arguments.of("-photographer", "portrait photographer", true),
                Arguments.of("-photographer", "\"portrait photographer\"", true),
                Arguments.of("-photographer", "[portrait photographer]", true),
                Arguments.of("-\"portrait photographer\"", "[best portrait photographer]", true),
                Arguments.of("-\"portrait photographer\"", "\"portrait photographer berlin\"", true),
                Arguments.of("-\"portrait\"", "portrait photographer", true),
                Arguments.of("-[portrait]", "[portrait]", true),
                // a query can part or reorder a broad target's words, and a longer query escapes an exact negative
                Arguments.of("-\"portrait photographer\"", "portrait photographer", false),
                Arguments.of("-\"photographer portrait\"", "\"portrait photographer\"", false),
                Arguments.of("-[portrait]", "portrait", false),
                Arguments.of("-[portrait]", "\"portrait\"", false),
                Arguments.of("-cheap", "portrait", false),
                Arguments.of("-\"cheap portrait\"", "portrait", false),
                Arguments.of("-portrait photographer", "portrait", false),
                // a positive never excludes, a negative never is excluded
                Arguments.of("portrait", "portrait", false),
                Arguments.of("-portrait", "-portrait", false));
    }

    @ParameterizedTest(name = "''{0}'' against ''{1}'' → {2}")
    @MethodSource("contradictions")
    void a_negative_excludes_every_match_of_a_positive_only_when_no_query_could_escape_it(String negative,
            String positive, boolean excludes) {
        assertThat(target(negative).excludesEveryMatchOf(target(positive))).isEqualTo(excludes);
    }

    /**
     * Against the definitions, exhaustively: every target of up to three words of {a, b, c} in each match type, and
     * every query of up to five words of {a, b, c, x} (enough to part a three-word target's words with another one).
     * The rule must say "excludes" exactly when every such query the positive matches, the negative matches too.
     */
    @Test
    void the_rule_agrees_with_every_query_up_to_five_words() {
        List<KeywordTarget> targets = new ArrayList<>();
        for (List<String> words : sequences(List.of("a", "b", "c"), 3)) {
            for (MatchType match : MatchType.values()) {
                targets.add(new KeywordTarget(String.join(" ", words), match, false));
            }
        }
        List<List<String>> queries = sequences(List.of("a", "b", "c", "x"), 5);
        for (KeywordTarget positive : targets) {
            for (KeywordTarget excluded : targets) {
                KeywordTarget negative = new KeywordTarget(excluded.text(), excluded.match(), true);
                boolean noEscape = queries.stream().noneMatch(q -> matches(positive, q) && !matches(negative, q));
                assertThat(negative.excludesEveryMatchOf(positive)).as("%s against %s", negative.syntax(), positive.syntax())
                        .isEqualTo(noEscape);
            }
        }
    }

    /** docs/design.md "Keyword matching", word by word. */
    private static boolean matches(KeywordTarget target, List<String> query) {
        List<String> words = target.words();
        return switch (target.match()) {
            case BROAD -> query.containsAll(words);
            case PHRASE -> Collections.indexOfSubList(query, words) >= 0;
            case EXACT -> query.equals(words);
        };
    }

    private static List<List<String>> sequences(List<String> alphabet, int maxLength) {
        List<List<String>> all = new ArrayList<>();
        List<List<String>> last = List.of(List.of());
        for (int length = 1; length <= maxLength; length++) {
            List<List<String>> longer = new ArrayList<>();
            for (List<String> prefix : last) {
                for (String word : alphabet) {
                    List<String> next = new ArrayList<>(prefix);
                    next.add(word);
                    longer.add(next);
                }
            }
            all.addAll(longer);
            last = longer;
        }
        return all;
    }

    private static KeywordTarget target(String typed) {
        return ((KeywordTarget.Valid) KeywordTarget.parse(typed)).target();
    }
}
