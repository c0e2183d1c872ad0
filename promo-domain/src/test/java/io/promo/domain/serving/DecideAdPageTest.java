package io.promo.domain.serving;

import static org.assertj.core.api.Assertions.assertThat;

import io.promo.domain.advertiser.Advertiser;
import io.promo.domain.campaign.Campaign;
import io.promo.domain.campaign.Format;
import io.promo.domain.campaign.PacingMode;
import io.promo.domain.campaign.TargetEntity;
import io.promo.domain.campaign.TargetEntityType;
import io.promo.domain.serving.diagnostics.Diagnosis;
import io.promo.domain.serving.engine.Check;
import io.promo.domain.serving.pacing.HourlyCounts;
import io.promo.domain.serving.pacing.TrafficScope;
import io.promo.domain.shared.CityCode;
import io.promo.domain.shared.Money;
import io.promo.domain.shared.RoleCode;
import io.promo.domain.shared.Surface;
import io.promo.domain.testing.TestData;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DecideAdPageTest {

    private static final Instant NOW = Instant.parse("2026-12-10T10:15:00Z");

    private final ServingFixture fixture = new ServingFixture(NOW);
    private final Advertiser advertiser = fixture.advertiser();

    /** A campaign of an advertiser of its own, so that no advertiser reaches its share of a page. */
    private Campaign campaign(String entity, Format format, long cpc) {
        return fixture.active(fixture.advertiser(), entity, TestData.settings().keywords().format(format).cpc(cpc)
                .pacing(PacingMode.ACCELERATED).build(), 10_000);
    }

    private static List<String> organicWith(int count) {
        return ServingFixture.organic(count);
    }

    private static DecisionRequest search(List<String> organic) {
        return new DecisionRequest(Surface.PEOPLE_SEARCH, Optional.empty(), ServingFixture.BERLIN, "portrait",
                Viewer.anonymous("fp-1"), DecisionRequest.DEFAULT_PAGE_SIZE, organic);
    }

    private static List<String> entities(DecisionPage page) {
        return page.positions().stream().map(PagePosition::entityId).toList();
    }

    @Test
    void searches_are_counted_for_pacing_only_in_cities_a_campaign_targets_so_ever_new_codes_cannot_grow_the_counts() {
        campaign("srv_o7", Format.FEATURED, 50);
        LocalDate today = fixture.calendar.dayOf(NOW);

        for (int i = 0; i < 2_000; i++) {
            fixture.decide(new DecisionRequest(Surface.PEOPLE_SEARCH, Optional.empty(), new CityCode("nowhere-" + i),
                    "portrait", Viewer.anonymous("fp-1"), DecisionRequest.DEFAULT_PAGE_SIZE, organicWith(3)));
        }
        fixture.decide(search(organicWith(3)));

        assertThat(fixture.traffic.hourlySearches(today, today))
                .containsOnlyKeys(new TrafficScope(Surface.PEOPLE_SEARCH, ServingFixture.BERLIN));
    }

    @Test
    void a_featured_campaign_takes_position_1_and_its_entity_leaves_its_organic_position() {
        Campaign promoted = campaign("srv_o7", Format.FEATURED, 50);

        DecisionPage page = fixture.decide(search(organicWith(30)));

        assertThat(page.positions()).hasSize(20);
        assertThat(page.positions().get(0)).isInstanceOfSatisfying(PagePosition.Sponsored.class, s -> {
            assertThat(s.entityId()).isEqualTo("srv_o7");
            assertThat(s.campaignId()).isEqualTo(promoted.id());
            assertThat(s.format()).isEqualTo(Format.FEATURED);
            assertThat(s.cpc()).isEqualTo(Money.ofCents(50));
        });
        List<String> expected = new ArrayList<>(List.of("srv_o7"));
        organicWith(21).stream().filter(e -> !e.equals("srv_o7")).limit(19).forEach(expected::add);
        assertThat(entities(page)).containsExactlyElementsOf(expected);
    }

    @Test
    void an_entity_deep_in_the_organic_matches_can_be_promoted_onto_the_page() {
        campaign("srv_o150", Format.FEATURED, 50);

        DecisionPage page = fixture.decide(search(organicWith(200)));

        assertThat(page.positions().get(0).entityId()).isEqualTo("srv_o150");
        assertThat(entities(page).subList(1, 20)).containsExactlyElementsOf(organicWith(19));
    }

    @Test
    void boosted_campaigns_take_the_below_fold_anchors_best_ranked_first() {
        fixture.policy(Optional.empty(), ServingFixture.BERLIN, 25, 3, 1);
        campaign("srv_o3", Format.BOOSTED, 40);
        campaign("srv_o9", Format.BOOSTED, 60);
        campaign("srv_o12", Format.FEATURED, 30);

        DecisionPage page = fixture.decide(search(organicWith(30)));

        // people_search: fold 4, anchors 6, 11, 16. The featured one is alone above the fold.
        assertThat(page.sponsored()).extracting(PagePosition::position, PagePosition::entityId)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1, "srv_o12"),
                        org.assertj.core.groups.Tuple.tuple(6, "srv_o9"),
                        org.assertj.core.groups.Tuple.tuple(11, "srv_o3"));
    }

    @Test
    void a_featured_campaign_may_also_take_a_slot_below_the_fold() {
        campaign("srv_o3", Format.FEATURED, 60);
        campaign("srv_o9", Format.FEATURED, 40);

        DecisionPage page = fixture.decide(search(organicWith(30)));

        assertThat(page.sponsored()).extracting(PagePosition::position, PagePosition::entityId)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1, "srv_o3"),
                        org.assertj.core.groups.Tuple.tuple(6, "srv_o9"));
    }

    @Test
    void studio_search_has_a_fold_of_three() {
        fixture.policy(Optional.empty(), ServingFixture.BERLIN, 25, 2, 0);
        Campaign studio = Campaign.draft(fixture.ids.newCampaignId(), advertiser.id(), Surface.STUDIO_SEARCH,
                new TargetEntity(TargetEntityType.STUDIO, "std_9"), TestData.settings().keywords().format(Format.BOOSTED)
                        .pacing(PacingMode.ACCELERATED).build(), NOW);
        fixture.campaigns.insert(studio);
        fixture.move(studio, io.promo.domain.campaign.CampaignAction.ACTIVATE);
        fixture.topUp(studio.id(), 10_000);
        List<String> organic = new ArrayList<>();
        for (int i = 1; i <= 30; i++) {
            organic.add("std_" + i);
        }

        DecisionPage page = fixture.decide(new DecisionRequest(Surface.STUDIO_SEARCH, Optional.empty(),
                ServingFixture.BERLIN, "", Viewer.anonymous("fp"), 20, organic));

        // No studio policy: the deployment default (density 2, 1 above the fold); a boosted studio goes to 3 + 2 = 5.
        assertThat(page.sponsored()).singleElement().satisfies(s -> assertThat(s.position()).isEqualTo(5));
    }

    @Test
    void the_page_holds_min_of_page_size_and_organic_matches_and_may_be_empty() {
        campaign("srv_o2", Format.FEATURED, 50);

        assertThat(fixture.decide(search(organicWith(3))).positions()).hasSize(3);
        assertThat(fixture.decide(new DecisionRequest(Surface.PEOPLE_SEARCH, Optional.empty(), ServingFixture.BERLIN, "",
                Viewer.anonymous("fp"), 5, organicWith(30))).positions()).hasSize(5);
        assertThat(fixture.decide(search(List.of())).positions()).isEmpty();
    }

    @Test
    void a_sponsored_result_carries_an_impression_id_and_the_click_token_hook() {
        Campaign promoted = campaign("srv_o2", Format.FEATURED, 70);
        DecisionRequest request = new DecisionRequest(Surface.PEOPLE_SEARCH, Optional.of(new RoleCode("photographer")),
                ServingFixture.BERLIN, "  Portrait   Berlin ", Viewer.anonymous("fp-9"), 20, organicWith(10));

        DecisionPage page = fixture.decide(request);

        PagePosition.Sponsored sponsored = page.sponsored().get(0);
        ClickTokenHook hook = sponsored.clickToken();
        assertThat(hook.impressionId()).isEqualTo(sponsored.impressionId());
        assertThat(hook.campaignId()).isEqualTo(promoted.id());
        assertThat(sponsored.cpc()).as("the bid").isEqualTo(Money.ofCents(70));
        assertThat(hook.cpc()).as("the price signed for the click: a lone bidder pays the 25¢ floor")
                .isEqualTo(Money.ofCents(25)).isEqualTo(sponsored.price());
        assertThat(hook.servedAt()).isEqualTo(NOW);
        assertThat(hook.surface()).isEqualTo(Surface.PEOPLE_SEARCH);
        assertThat(hook.city()).isEqualTo(ServingFixture.BERLIN);
        assertThat(hook.role()).contains(new RoleCode("photographer"));
        assertThat(hook.querySignature()).isEqualTo(ServingFixture.SIGNER.sign("portrait berlin"))
                .isEqualTo(page.querySignature());
        assertThat(page.viewer()).isEqualTo(Viewer.anonymous("fp-9"));
        assertThat(page.servedAt()).isEqualTo(NOW);
    }

    @Test
    void the_same_search_at_the_same_instant_gives_the_same_page() {
        ServingFixture first = new ServingFixture(NOW);
        ServingFixture again = new ServingFixture(NOW);
        for (ServingFixture f : List.of(first, again)) {
            Advertiser owner = f.advertiser();
            for (int i = 1; i <= 6; i++) {
                f.active(owner, "srv_o" + i, TestData.settings().keywords().format(i % 2 == 0 ? Format.FEATURED : Format.BOOSTED)
                        .pacing(PacingMode.ACCELERATED).build(), 10_000);
            }
        }

        assertThat(again.decide(search(organicWith(25)))).isEqualTo(first.decide(search(organicWith(25))));
    }

    @Test
    void keywords_match_whole_words_of_the_normalized_query() {
        fixture.active(advertiser, "srv_o1", TestData.settings().keywords("\"wedding photographer\"").format(Format.FEATURED)
                .build(), 10_000);

        assertThat(fixture.decide(new DecisionRequest(Surface.PEOPLE_SEARCH, Optional.empty(), ServingFixture.BERLIN,
                "Best WEDDING  Photographer in Berlin", Viewer.anonymous("fp"), 20, organicWith(5))).sponsored()).hasSize(1);
        assertThat(fixture.decide(new DecisionRequest(Surface.PEOPLE_SEARCH, Optional.empty(), ServingFixture.BERLIN,
                "wedding photographers", Viewer.anonymous("fp"), 20, organicWith(5))).sponsored()).isEmpty();
        assertThat(fixture.decide(new DecisionRequest(Surface.PEOPLE_SEARCH, Optional.empty(), ServingFixture.BERLIN,
                "photographer wedding", Viewer.anonymous("fp"), 20, organicWith(5))).sponsored()).isEmpty();
        assertThat(fixture.decide(new DecisionRequest(Surface.PEOPLE_SEARCH, Optional.empty(), ServingFixture.BERLIN,
                "Hochzeit wedding photographer", Viewer.anonymous("fp"), 20, organicWith(5))).sponsored()).hasSize(1);
    }

    @Test
    void a_plain_keyword_of_several_words_is_broad_its_words_in_any_order() {
        fixture.active(advertiser, "srv_o1", TestData.settings().keywords("wedding photographer").format(Format.FEATURED)
                .build(), 10_000);

        assertThat(fixture.decide(new DecisionRequest(Surface.PEOPLE_SEARCH, Optional.empty(), ServingFixture.BERLIN,
                "photographer for a wedding", Viewer.anonymous("fp"), 20, organicWith(5))).sponsored()).hasSize(1);
        assertThat(fixture.decide(new DecisionRequest(Surface.PEOPLE_SEARCH, Optional.empty(), ServingFixture.BERLIN,
                "wedding photographers", Viewer.anonymous("fp"), 20, organicWith(5))).sponsored()).isEmpty();
    }

    @Test
    void a_keyword_with_accents_matches_the_folded_query() {
        fixture.active(advertiser, "srv_o1", TestData.settings().keywords("Fotógrafo de boda").format(Format.FEATURED)
                .build(), 10_000);

        assertThat(fixture.decide(new DecisionRequest(Surface.PEOPLE_SEARCH, Optional.empty(), ServingFixture.BERLIN,
                "FOTOGRAFO  de\u00a0Boda", Viewer.anonymous("fp"), 20, organicWith(5))).sponsored()).hasSize(1);
    }

    @Test
    void every_search_in_a_city_a_campaign_targets_is_counted_for_the_pacing_curve() {
        campaign("srv_o7", Format.FEATURED, 50);
        fixture.decide(search(organicWith(5)));
        fixture.decide(search(organicWith(5)));

        HourlyCounts counts = fixture.traffic.hourlySearches(NOW.atZone(java.time.ZoneOffset.UTC).toLocalDate(),
                NOW.atZone(java.time.ZoneOffset.UTC).toLocalDate()).get(new TrafficScope(Surface.PEOPLE_SEARCH, ServingFixture.BERLIN));
        assertThat(counts.count(10)).isEqualTo(2);
        assertThat(counts.total()).isEqualTo(2);
    }

    @Test
    void entities_whose_ids_share_a_hash_code_are_each_promoted_only_for_themselves() {
        // "Aa" and "BB" have the same String.hashCode, and so do srv_Aa and srv_BB.
        assertThat("srv_Aa".hashCode()).isEqualTo("srv_BB".hashCode());
        fixture.policy(Optional.empty(), ServingFixture.BERLIN, 25, 2, 2);
        Campaign aa = campaign("srv_Aa", Format.FEATURED, 90);
        Campaign bb = campaign("srv_BB", Format.FEATURED, 50);

        DecisionPage onlyBb = fixture.decide(search(List.of("srv_o1", "srv_BB", "srv_o2")));
        DecisionPage both = fixture.decide(search(List.of("srv_o1", "srv_BB", "srv_Aa")));

        assertThat(onlyBb.sponsored()).extracting(PagePosition::entityId, PagePosition.Sponsored::campaignId)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("srv_BB", bb.id()));
        assertThat(entities(onlyBb)).containsExactly("srv_BB", "srv_o1", "srv_o2");
        assertThat(both.sponsored()).extracting(PagePosition::entityId, PagePosition.Sponsored::campaignId)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("srv_Aa", aa.id()),
                        org.assertj.core.groups.Tuple.tuple("srv_BB", bb.id()));
        Diagnosis aaWhenOnlyBb = fixture.diagnose(aa.id(), search(List.of("srv_o1", "srv_BB", "srv_o2")));
        assertThat(aaWhenOnlyBb.decidingReason()).contains(Check.NOT_IN_ORGANIC);
    }
}
