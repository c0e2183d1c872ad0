package io.promo.domain.serving.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.promo.domain.advertiser.Advertiser;
import io.promo.domain.campaign.Campaign;
import io.promo.domain.serving.DecisionPage;
import io.promo.domain.serving.DecisionRequest;
import io.promo.domain.serving.PagePosition;
import io.promo.domain.serving.ServingFixture;
import io.promo.domain.serving.diagnostics.Diagnosis;
import io.promo.domain.testing.TestData;
import java.time.Instant;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each match type and negative, through the decision path and its diagnosis: one campaign with the row's keyword
 * targets, one search with the row's query. Shown, or not shown with the row's check as the deciding reason.
 */
class KeywordMatchTest {

    private static final Instant SEARCH_TIME = Instant.parse("2026-12-10T10:15:00Z");
    private static final String TARGET = "srv_target";

    static Stream<Arguments> rows() {
        return Stream.of(
                // broad: every word of the target is a word of the query, in any order
                row("portrait", "Portrait photographer", null),
                row("portrait photographer", "photographer for a portrait", null),
                row("portrait photographer", "portrait studio", Check.KEYWORD),
                row("portrait", "portraits", Check.KEYWORD),
                row("Fotógrafo", "FOTOGRAFO berlin", null),
                row("wedding-photographer", "wedding photographer!", null),
                // phrase: the words in order and contiguous
                row("\"portrait photographer\"", "best portrait photographer berlin", null),
                row("\"portrait photographer\"", "photographer portrait", Check.KEYWORD),
                row("\"portrait photographer\"", "portrait wedding photographer", Check.KEYWORD),
                row("\"Portrait.  Photographer\"", "portrait-photographer", null),
                // exact: the normalized query is the target
                row("[wedding photographer]", "  Wedding   PHOTOGRAPHER ", null),
                row("[wedding photographer]", "wedding photographer berlin", Check.KEYWORD),
                row("[wedding photographer]", "photographer wedding", Check.KEYWORD),
                row("[wedding]", "wedding", null),
                // any positive target may match
                row("[headshot], \"family portrait\", studio", "studio in berlin", null),
                // negatives exclude whatever else matches
                row("portrait, -cheap", "cheap portrait", Check.NEGATIVE_KEYWORD),
                row("portrait, -cheap", "portrait photographer", null),
                row("portrait, -\"free shoot\"", "portrait free shoot", Check.NEGATIVE_KEYWORD),
                row("portrait, -\"free shoot\"", "free portrait shoot", null),
                row("portrait, -[nude]", "nude", Check.KEYWORD),
                row("portrait, -[nude portrait]", "nude portrait", Check.NEGATIVE_KEYWORD),
                row("portrait, -[nude]", "nude portrait", null),
                row("-cheap", "portrait photographer", null),
                row("-cheap", "cheap photographer", Check.NEGATIVE_KEYWORD),
                row("-cheap photographer", "photographer who is cheap", Check.NEGATIVE_KEYWORD),
                row("[portrait], -portrait", "portrait", Check.NEGATIVE_KEYWORD));
    }

    private static Arguments row(String targets, String query, Check reason) {
        return Arguments.of(targets, query, reason);
    }

    @ParameterizedTest(name = "{0} for ''{1}'' → {2}")
    @MethodSource("rows")
    void each_match_type_and_negative_decides_as_documented(String targets, String query, Check reason) {
        ServingFixture fixture = new ServingFixture(SEARCH_TIME);
        Advertiser owner = fixture.advertiser();
        Campaign campaign = fixture.active(owner, TARGET,
                TestData.settings().keywords(targets.split(", ")).build(), 5_000);
        DecisionRequest search = ServingFixture.search(ServingFixture.BERLIN, query, "srv_o1", TARGET);

        DecisionPage page = fixture.decide(search);
        Diagnosis diagnosis = fixture.diagnose(campaign.id(), search);

        boolean shown = page.sponsored().stream().map(PagePosition.Sponsored::campaignId).anyMatch(campaign.id()::equals);
        assertThat(shown).as("shown").isEqualTo(reason == null);
        assertThat(diagnosis.decidingReason()).as(diagnosis.checks().toString()).isEqualTo(Optional.ofNullable(reason));
        if (reason == Check.NEGATIVE_KEYWORD) {
            String negative = targets.substring(targets.indexOf('-'));
            assertThat(diagnosis.check(reason).detail()).as("names the negative").contains(
                    io.promo.domain.campaign.Keywords.normalize(java.util.List.of(negative)).get(0));
        }
    }
}
