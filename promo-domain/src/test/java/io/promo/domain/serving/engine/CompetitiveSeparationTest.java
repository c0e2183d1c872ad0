package io.promo.domain.serving.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.promo.domain.advertiser.Advertiser;
import io.promo.domain.campaign.Campaign;
import io.promo.domain.serving.DecisionPage;
import io.promo.domain.serving.DecisionRequest;
import io.promo.domain.serving.PagePosition;
import io.promo.domain.serving.ServingFixture;
import io.promo.domain.serving.diagnostics.Diagnosis;
import io.promo.domain.serving.index.ServingSettings;
import io.promo.domain.shared.AdvertiserId;
import io.promo.domain.ledger.BudgetCalendar;
import io.promo.domain.testing.TestData;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A studio promotes five photographers and outbids a rival with one; the policy allows five sponsored positions,
 * three above the fold. The studio takes at most the deployment's limit per advertiser; the rest go to the rival
 * or stay organic; the studio's campaigns passed over say ADVERTISER_SLOTS.
 */
class CompetitiveSeparationTest {

    private static final Instant SEARCH_TIME = Instant.parse("2026-12-10T10:15:00Z");

    @ParameterizedTest(name = "at most {0} per advertiser, rival: {1} → studio {2}, rival {3}")
    @CsvSource({
        "1, true, 1, 1",
        "2, true, 2, 1",
        "2, false, 2, 0",
        "3, true, 3, 1",
        "5, true, 5, 0",
        "5, false, 5, 0"})
    void one_advertiser_takes_at_most_its_share_of_the_page(int max, boolean rival, int studioShown, int rivalShown) {
        ServingSettings settings = ServingSettings.defaults(ServingFixture.DEPLOYMENT_DEFAULT, BudgetCalendar.UTC)
                .withMaxSlotsPerAdvertiser(max);
        ServingFixture fixture = new ServingFixture(SEARCH_TIME, settings);
        fixture.policy(Optional.empty(), ServingFixture.BERLIN, 25, 5, 3);
        Advertiser studio = fixture.advertiser();
        List<Campaign> studioCampaigns = new ArrayList<>();
        List<String> organic = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            studioCampaigns.add(fixture.active(studio, "srv_photographer" + i,
                    TestData.settings().keywords().cpc(100 + i).build(), 5_000));
            organic.add("srv_photographer" + i);
        }
        Advertiser other = fixture.advertiser();
        if (rival) {
            fixture.active(other, "srv_rival", TestData.settings().keywords().cpc(40).build(), 5_000);
        }
        organic.add("srv_rival");
        for (int i = 1; i <= 14; i++) {
            organic.add("srv_plain" + i);
        }
        DecisionRequest search = ServingFixture.search(ServingFixture.BERLIN, "portrait", organic.toArray(String[]::new));

        DecisionPage page = fixture.decide(search);

        Map<AdvertiserId, Long> shown = page.sponsored().stream().collect(Collectors.groupingBy(
                s -> fixture.campaigns.findById(s.campaignId()).orElseThrow().advertiserId(), Collectors.counting()));
        assertThat(shown.getOrDefault(studio.id(), 0L)).as(page.positions().toString()).isEqualTo(studioShown);
        assertThat(shown.getOrDefault(other.id(), 0L)).as(page.positions().toString()).isEqualTo(rivalShown);
        List<String> placed = page.sponsored().stream().map(s -> s.campaignId().value()).toList();
        for (Campaign campaign : studioCampaigns) {
            Diagnosis diagnosis = fixture.diagnose(campaign.id(), search);
            if (placed.contains(campaign.id().value())) {
                assertThat(diagnosis.shown()).isTrue();
            } else {
                assertThat(diagnosis.decidingReason()).as(diagnosis.checks().toString()).contains(Check.ADVERTISER_SLOTS);
                assertThat(diagnosis.check(Check.ADVERTISER_SLOTS).detail()).contains(String.valueOf(max));
            }
        }
    }
}
