package io.promo.domain.campaign;

import static io.promo.domain.testing.TestData.settings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.promo.domain.shared.CityCode;
import io.promo.domain.shared.Violation;
import io.promo.domain.testing.TestData;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** docs/design.md "Author": the rules a campaign's own values must satisfy, one broken rule per row. */
class CampaignSettingsTest {

    private static final long MAX_INT = Integer.MAX_VALUE;
    private static final LocalDate START = LocalDate.of(2026, 12, 1);

    static Stream<Arguments> invalid_settings() {
        return Stream.of(
                arguments("a blank name", settings().name("  "), List.of("name")),
                arguments("a 201-character name", settings().name("n".repeat(201)), List.of("name")),
                arguments("no city", settings().cities(), List.of("city_targets")),
                arguments("101 cities", settings().cities(cities(101)), List.of("city_targets")),
                arguments("an end before the start", settings().startDate(START).endDate(START.minusDays(1)),
                        List.of("end_date")),
                arguments("a cpc of 0", settings().cpc(0), List.of("cpc_cents")),
                arguments("a negative cpc", settings().cpc(-50), List.of("cpc_cents")),
                arguments("a daily budget of 0", settings().dailyBudget(0), List.of("daily_budget_cents")),
                arguments("a total budget of 0", settings().totalBudget(0L), List.of("total_budget_cents")),
                arguments("a daily budget below the cpc", settings().cpc(50).dailyBudget(49),
                        List.of("daily_budget_cents")),
                arguments("a total budget below the daily budget", settings().dailyBudget(1_000).totalBudget(999L),
                        List.of("total_budget_cents")),
                arguments("a cpc above the int column", settings().cpc(MAX_INT + 1), List.of("cpc_cents")),
                arguments("a daily budget above the int column", settings().dailyBudget(MAX_INT + 1).totalBudget(null),
                        List.of("daily_budget_cents")),
                arguments("a total budget above the int column", settings().totalBudget(MAX_INT + 1),
                        List.of("total_budget_cents")),
                arguments("51 keywords", settings().keywords(keywords(51)), List.of("keyword_targets")),
                arguments("an 81-character keyword", settings().keywords("k".repeat(81)), List.of("keyword_targets")),
                arguments("a 300-character keyword", settings().keywords("k".repeat(300)), List.of("keyword_targets")),
                arguments("an unclosed exact keyword", settings().keywords("portrait", "[unclosed"), List.of("keyword_targets")),
                arguments("an empty phrase", settings().keywords("\"\""), List.of("keyword_targets")),
                arguments("a lone minus", settings().keywords("-"), List.of("keyword_targets")),
                arguments("two malformed keywords", settings().keywords("-", "\"open"), List.of("keyword_targets", "keyword_targets")));
    }

    @ParameterizedTest(name = "{0} is reported on {2}")
    @MethodSource("invalid_settings")
    void an_invalid_setting_is_reported_on_its_field(String description, TestData.SettingsBuilder builder,
            List<String> fields) {
        assertThat(builder.build().violations()).extracting(Violation::field).containsExactlyElementsOf(fields);
    }

    static Stream<Arguments> valid_settings() {
        return Stream.of(
                arguments("the defaults", settings()),
                arguments("a 200-character name", settings().name("n".repeat(200))),
                arguments("100 cities", settings().cities(cities(100))),
                arguments("50 keywords of 80 characters", settings().keywords(IntStream.range(0, 50)
                        .mapToObj(i -> String.format("%02d", i) + "k".repeat(78)).toArray(String[]::new))),
                arguments("no keywords", settings().keywords()),
                arguments("every match type and negative", settings().keywords("portrait", "\"portrait photographer\"",
                        "[wedding photographer]", "-cheap", "-\"free shoot\"", "-[nude]")),
                arguments("an end on the start day", settings().startDate(START).endDate(START)),
                arguments("no end date", settings().endDate(null)),
                arguments("no total budget", settings().totalBudget(null)),
                arguments("a daily budget of exactly one click", settings().cpc(75).dailyBudget(75).totalBudget(75L)),
                arguments("the largest amounts an int column holds",
                        settings().cpc(MAX_INT).dailyBudget(MAX_INT).totalBudget(MAX_INT)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("valid_settings")
    void valid_settings_have_no_violations(String description, TestData.SettingsBuilder builder) {
        assertThat(builder.build().violations()).isEmpty();
    }

    @Test
    void every_broken_rule_is_reported_at_once() {
        CampaignSettings settings = settings().name("").cities().startDate(START).endDate(START.minusDays(1)).cpc(0)
                .build();

        assertThat(settings.violations()).extracting(Violation::field)
                .containsExactly("name", "city_targets", "end_date", "cpc_cents");
    }

    @Test
    void a_budget_below_the_cpc_is_reported_together_with_unrelated_broken_rules() {
        CampaignSettings settings = settings().name(" ").cpc(500).dailyBudget(100).build();

        assertThat(settings.violations()).extracting(Violation::field).containsExactly("name", "daily_budget_cents");
    }

    @Test
    void the_violation_message_says_what_the_rule_is() {
        assertThat(settings().cpc(50).dailyBudget(49).build().violations())
                .singleElement()
                .satisfies(v -> assertThat(v.message()).contains("cpc_cents").contains("50"));
    }

    @Test
    void duplicate_cities_are_kept_once_in_their_first_order() {
        CityCode paris = TestData.PARIS;
        assertThat(settings().cities(paris, TestData.BERLIN, paris).build().cityTargets())
                .containsExactly(paris, TestData.BERLIN);
    }

    private static CityCode[] cities(int count) {
        return IntStream.range(0, count).mapToObj(i -> new CityCode("city-" + i)).toArray(CityCode[]::new);
    }

    private static String[] keywords(int count) {
        return IntStream.range(0, count).mapToObj(i -> "keyword " + i).toArray(String[]::new);
    }
}
