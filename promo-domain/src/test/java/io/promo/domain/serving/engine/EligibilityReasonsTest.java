package io.promo.domain.serving.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.promo.domain.advertiser.Advertiser;
import io.promo.domain.advertiser.AdvertiserStatus;
import io.promo.domain.campaign.Campaign;
import io.promo.domain.campaign.CampaignAction;
import io.promo.domain.campaign.Format;
import io.promo.domain.campaign.PacingMode;
import io.promo.domain.serving.DecisionPage;
import io.promo.domain.serving.DecisionRequest;
import io.promo.domain.serving.PagePosition;
import io.promo.domain.serving.ServingFixture;
import io.promo.domain.serving.diagnostics.Diagnosis;
import io.promo.domain.serving.diagnostics.WhyNotShownQuery;
import io.promo.domain.serving.engine.Check;
import io.promo.domain.serving.engine.CheckResult;
import io.promo.domain.shared.Actor;
import io.promo.domain.shared.Outcome;
import io.promo.domain.shared.Rejection;
import io.promo.domain.shared.RoleCode;
import io.promo.domain.shared.Surface;
import io.promo.domain.testing.TestData;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One row per reason: a campaign that would be shown, changed in exactly one way, is not shown, and the
 * diagnosis names that one check as the deciding reason while every earlier check passes.
 */
class EligibilityReasonsTest {

    /** 10:15 on a day within the campaign's December run: uniform F = 10.25 / 24. */
    private static final Instant SEARCH_TIME = Instant.parse("2026-12-10T10:15:00Z");
    private static final String TARGET = "srv_target";

    private final ServingFixture fixture = new ServingFixture(SEARCH_TIME);
    private Advertiser owner;
    private Campaign campaign;

    /** What a row changes before the search, and the search it then makes. */
    @FunctionalInterface
    interface Setup {
        DecisionRequest apply(EligibilityReasonsTest test);
    }

    private DecisionRequest defaultSearch() {
        return ServingFixture.search(ServingFixture.BERLIN, "Portrait photographer", "srv_o1", TARGET, "srv_o2");
    }

    /** An active featured campaign: 50¢ a click, $10 a day, $100 in total, even, keyword "portrait", $50 balance. */
    private void aCampaignThatWouldBeShown(Function<TestData.SettingsBuilder, TestData.SettingsBuilder> change) {
        owner = fixture.advertiser();
        campaign = fixture.active(owner, TARGET, change.apply(TestData.settings().keywords("portrait")).build(), 5_000);
    }

    static Stream<Arguments> rows() {
        return Stream.of(
                row("the search is in a city the campaign does not target", Check.CITY, t -> {
                    t.aCampaignThatWouldBeShown(s -> s);
                    return ServingFixture.search(ServingFixture.PARIS, "portrait", "srv_o1", TARGET);
                }),
                row("no keyword occurs in the query", Check.KEYWORD, t -> {
                    t.aCampaignThatWouldBeShown(s -> s.keywords("wedding", "portrait studio"));
                    return ServingFixture.search(ServingFixture.BERLIN, "portrait photographer", TARGET);
                }),
                row("a keyword only partly matching a query word does not count", Check.KEYWORD, t -> {
                    t.aCampaignThatWouldBeShown(s -> s.keywords("portrait"));
                    return ServingFixture.search(ServingFixture.BERLIN, "portraits", TARGET);
                }),
                row("a negative keyword matches the query", Check.NEGATIVE_KEYWORD, t -> {
                    t.aCampaignThatWouldBeShown(s -> s.keywords("portrait", "-\"portrait photographer\""));
                    return t.defaultSearch();
                }),
                row("an exact keyword is only part of the query", Check.KEYWORD, t -> {
                    t.aCampaignThatWouldBeShown(s -> s.keywords("[portrait]"));
                    return t.defaultSearch();
                }),
                row("the campaign is paused", Check.STATUS, t -> {
                    t.aCampaignThatWouldBeShown(s -> s);
                    t.fixture.move(t.campaign, CampaignAction.PAUSE);
                    return t.defaultSearch();
                }),
                row("the campaign is suspended", Check.STATUS, t -> {
                    t.aCampaignThatWouldBeShown(s -> s);
                    t.fixture.move(t.campaign, CampaignAction.SUSPEND);
                    return t.defaultSearch();
                }),
                row("the campaign has ended", Check.STATUS, t -> {
                    t.aCampaignThatWouldBeShown(s -> s);
                    t.fixture.move(t.campaign, CampaignAction.END);
                    return t.defaultSearch();
                }),
                row("the campaign is a draft", Check.STATUS, t -> {
                    t.owner = t.fixture.advertiser();
                    t.campaign = t.fixture.draft(t.owner, TARGET, TestData.settings().keywords("portrait").build());
                    t.fixture.topUp(t.campaign.id(), 5_000);
                    return t.defaultSearch();
                }),
                row("the campaign starts tomorrow", Check.SCHEDULE, t -> {
                    t.aCampaignThatWouldBeShown(s -> s.startDate(LocalDate.of(2026, 12, 11)));
                    return t.defaultSearch();
                }),
                row("the campaign ended yesterday", Check.SCHEDULE, t -> {
                    t.aCampaignThatWouldBeShown(s -> s.startDate(LocalDate.of(2026, 11, 1)).endDate(LocalDate.of(2026, 12, 9)));
                    return t.defaultSearch();
                }),
                // 2026-12-10 is a thursday; the fixture's cities are in its budget zone, UTC.
                row("the ad schedule runs on weekends only", Check.SCHEDULE, t -> {
                    t.aCampaignThatWouldBeShown(s -> s.schedule(io.promo.domain.campaign.AdSchedule.of(
                            io.promo.domain.campaign.AdSchedule.Window.of(List.of(java.time.DayOfWeek.SATURDAY,
                                    java.time.DayOfWeek.SUNDAY), 0, 24))));
                    return t.defaultSearch();
                }),
                row("the ad schedule's weekday window ends at 10:00, before the search at 10:15", Check.SCHEDULE, t -> {
                    t.aCampaignThatWouldBeShown(s -> s.schedule(io.promo.domain.campaign.AdSchedule.weekdays(6, 10)));
                    return t.defaultSearch();
                }),
                row("the ad schedule's window starts at 11:00, after the search at 10:15", Check.SCHEDULE, t -> {
                    t.aCampaignThatWouldBeShown(s -> s.schedule(io.promo.domain.campaign.AdSchedule.weekdays(11, 17)));
                    return t.defaultSearch();
                }),
                row("the advertiser is paused", Check.ADVERTISER, t -> {
                    t.aCampaignThatWouldBeShown(s -> s);
                    t.fixture.setStatus(t.owner, AdvertiserStatus.PAUSED);
                    return t.defaultSearch();
                }),
                row("the advertiser is suspended", Check.ADVERTISER, t -> {
                    t.aCampaignThatWouldBeShown(s -> s);
                    t.fixture.setStatus(t.owner, AdvertiserStatus.SUSPENDED);
                    return t.defaultSearch();
                }),
                row("the city's floor rose above the cpc", Check.FLOOR, t -> {
                    t.aCampaignThatWouldBeShown(s -> s);
                    t.fixture.policy(Optional.empty(), ServingFixture.BERLIN, 51, 2, 1);
                    return t.defaultSearch();
                }),
                row("the searched role's floor is above the cpc", Check.FLOOR, t -> {
                    t.aCampaignThatWouldBeShown(s -> s);
                    t.fixture.policy(Optional.of(new RoleCode("photographer")), ServingFixture.BERLIN, 80, 2, 1);
                    return withRole(t.defaultSearch(), "photographer");
                }),
                row("the deployment default floor is above the cpc", Check.FLOOR, t -> {
                    t.aCampaignThatWouldBeShown(s -> s.cpc(20).dailyBudget(1_000));
                    return t.defaultSearch();
                }),
                row("today's budget cannot hold another click", Check.DAILY_BUDGET, t -> {
                    t.aCampaignThatWouldBeShown(s -> s.pacing(PacingMode.ACCELERATED));
                    t.fixture.spend(t.campaign.id(), 960);
                    return t.defaultSearch();
                }),
                row("the total budget cannot hold another click", Check.TOTAL_BUDGET, t -> {
                    t.aCampaignThatWouldBeShown(s -> s.totalBudget(1_000L));
                    t.fixture.clock.set(SEARCH_TIME.minus(Duration.ofDays(1)));
                    t.fixture.spend(t.campaign.id(), 960);
                    t.fixture.clock.set(SEARCH_TIME);
                    return t.defaultSearch();
                }),
                row("the balance cannot pay another click", Check.BALANCE, t -> {
                    t.owner = t.fixture.advertiser();
                    t.campaign = t.fixture.active(t.owner, TARGET, TestData.settings().keywords("portrait").build(), 49);
                    return t.defaultSearch();
                }),
                row("an even campaign is ahead of the day's traffic", Check.PACING, t -> {
                    // By 10:15 with no history: 1000 × 10.25/24 = 427¢ + one click = 477¢ may be spent; 450 + 50 > 477.
                    t.aCampaignThatWouldBeShown(s -> s.pacing(PacingMode.EVEN));
                    t.fixture.spend(t.campaign.id(), 450);
                    return t.defaultSearch();
                }),
                row("the promoted entity is not among the organic matches", Check.NOT_IN_ORGANIC, t -> {
                    t.aCampaignThatWouldBeShown(s -> s);
                    return ServingFixture.search(ServingFixture.BERLIN, "portrait", "srv_o1", "srv_o2");
                }),
                row("the policy allows no sponsored result", Check.DENSITY, t -> {
                    t.aCampaignThatWouldBeShown(s -> s);
                    t.fixture.policy(Optional.empty(), ServingFixture.BERLIN, 25, 0, 0);
                    return t.defaultSearch();
                }),
                row("a boosted campaign when the only sponsored slot is above the fold", Check.DENSITY, t -> {
                    t.aCampaignThatWouldBeShown(s -> s.format(Format.BOOSTED));
                    t.fixture.policy(Optional.empty(), ServingFixture.BERLIN, 25, 1, 1);
                    Campaign featured = t.fixture.active(t.fixture.advertiser(), "srv_o1",
                            TestData.settings().keywords().format(Format.FEATURED).cpc(30).build(), 5_000);
                    assertThat(featured.settings().cpc().cents()).isLessThan(t.campaign.settings().cpc().cents());
                    return t.defaultSearch();
                }),
                row("a page too short for any sponsored position below the fold", Check.DENSITY, t -> {
                    t.aCampaignThatWouldBeShown(s -> s.format(Format.BOOSTED));
                    return t.defaultSearch();
                }),
                row("another campaign with a higher cpc takes the only slot", Check.OUTRANKED, t -> {
                    t.aCampaignThatWouldBeShown(s -> s);
                    t.fixture.policy(Optional.empty(), ServingFixture.BERLIN, 25, 1, 1);
                    t.fixture.active(t.fixture.advertiser(), "srv_o2", TestData.settings().keywords().cpc(51).build(), 5_000);
                    return t.defaultSearch();
                }),
                row("its advertiser already has two positions on the page", Check.ADVERTISER_SLOTS, t -> {
                    t.aCampaignThatWouldBeShown(s -> s);
                    t.fixture.policy(Optional.empty(), ServingFixture.BERLIN, 25, 3, 3);
                    t.fixture.active(t.owner, "srv_o1", TestData.settings().keywords().cpc(60).build(), 5_000);
                    t.fixture.active(t.owner, "srv_o2", TestData.settings().keywords().cpc(70).build(), 5_000);
                    return t.defaultSearch();
                }),
                row("another campaign for the same entity ranks higher", Check.OUTRANKED, t -> {
                    t.aCampaignThatWouldBeShown(s -> s);
                    t.fixture.active(t.fixture.advertiser(), TARGET, TestData.settings().keywords().cpc(60).build(), 5_000);
                    return t.defaultSearch();
                }));
    }

    private static Arguments row(String description, Check expected, Setup setup) {
        return Arguments.of(description, expected, setup);
    }

    private static DecisionRequest withRole(DecisionRequest request, String role) {
        return new DecisionRequest(request.surface(), Optional.of(new RoleCode(role)), request.city(), request.query(),
                request.viewer(), request.pageSize(), request.organicMatches());
    }

    @Test
    void the_unchanged_campaign_is_shown_above_the_fold_and_every_check_passes() {
        aCampaignThatWouldBeShown(s -> s);

        DecisionPage page = fixture.decide(defaultSearch());
        Diagnosis diagnosis = fixture.diagnose(campaign.id(), defaultSearch());

        assertThat(page.sponsored()).singleElement().satisfies(s -> {
            assertThat(s.campaignId()).isEqualTo(campaign.id());
            assertThat(s.position()).isEqualTo(1);
        });
        assertThat(diagnosis.shown()).isTrue();
        assertThat(diagnosis.position()).contains(1);
        assertThat(diagnosis.decidingReason()).isEmpty();
        assertThat(diagnosis.checks()).extracting(CheckResult::check).containsExactly(Check.values());
        assertThat(diagnosis.checks()).allMatch(CheckResult::passed);
    }

    @ParameterizedTest(name = "{0} → {1}")
    @MethodSource("rows")
    void each_rejection_has_its_reason(String description, Check expected, Setup setup) {
        DecisionRequest search = setup.apply(this);

        DecisionPage page = fixture.decide(search);
        Diagnosis diagnosis = fixture.diagnose(campaign.id(), search);

        assertThat(page.sponsored()).extracting(PagePosition.Sponsored::campaignId).doesNotContain(campaign.id());
        assertThat(diagnosis.shown()).isFalse();
        assertThat(diagnosis.decidingReason()).as(description + ": " + diagnosis.checks()).contains(expected);
        assertThat(diagnosis.check(expected).failed()).isTrue();
        assertThat(diagnosis.check(expected).detail()).isNotBlank();
        List<Check> before = Arrays.asList(Check.values()).subList(0, expected.ordinal());
        assertThat(diagnosis.checks()).filteredOn(r -> before.contains(r.check()))
                .as(description + ": every check before " + expected).allMatch(CheckResult::passed);
    }

    @Test
    void every_failing_check_is_reported_not_only_the_deciding_one() {
        aCampaignThatWouldBeShown(s -> s.keywords("wedding"));
        fixture.move(campaign, CampaignAction.PAUSE);
        fixture.setStatus(owner, AdvertiserStatus.SUSPENDED);

        Diagnosis diagnosis = fixture.diagnose(campaign.id(), defaultSearch());

        assertThat(diagnosis.decidingReason()).contains(Check.KEYWORD);
        assertThat(diagnosis.checks()).filteredOn(CheckResult::failed).extracting(CheckResult::check)
                .containsExactly(Check.KEYWORD, Check.STATUS, Check.ADVERTISER);
        assertThat(diagnosis.check(Check.DENSITY).verdict()).isEqualTo(CheckResult.Verdict.SKIPPED);
        assertThat(diagnosis.check(Check.OUTRANKED).verdict()).isEqualTo(CheckResult.Verdict.SKIPPED);
    }

    @Test
    void an_accelerated_campaign_is_not_paced() {
        aCampaignThatWouldBeShown(s -> s.pacing(PacingMode.ACCELERATED));
        fixture.spend(campaign.id(), 900);

        Diagnosis diagnosis = fixture.diagnose(campaign.id(), defaultSearch());

        assertThat(diagnosis.check(Check.PACING).passed()).isTrue();
        assertThat(diagnosis.shown()).isTrue();
    }

    @Test
    void a_role_policy_applies_only_to_searches_on_that_role() {
        aCampaignThatWouldBeShown(s -> s);
        fixture.policy(Optional.of(new RoleCode("model")), ServingFixture.BERLIN, 80, 2, 1);

        assertThat(fixture.diagnose(campaign.id(), defaultSearch()).shown()).isTrue();
        assertThat(fixture.diagnose(campaign.id(), withRole(defaultSearch(), "photographer")).shown()).isTrue();
        assertThat(fixture.diagnose(campaign.id(), withRole(defaultSearch(), "model")).decidingReason())
                .contains(Check.FLOOR);
    }

    @Test
    void an_advertiser_can_diagnose_its_own_campaign_but_not_anothers() {
        aCampaignThatWouldBeShown(s -> s);
        Advertiser stranger = fixture.advertiser();

        Outcome<Diagnosis> own = fixture.whyNotShown.explain(WhyNotShownQuery.of(Actor.tenant(owner.id()), campaign.id(),
                Optional.empty(), ServingFixture.BERLIN, "portrait"));
        Outcome<Diagnosis> other = fixture.whyNotShown.explain(WhyNotShownQuery.of(Actor.tenant(stranger.id()),
                campaign.id(), Optional.empty(), ServingFixture.BERLIN, "portrait"));

        assertThat(own.orElseThrow().shown()).isTrue();
        assertThat(((Outcome.Rejected<Diagnosis>) other).rejection().kind()).isEqualTo(Rejection.Kind.NOT_FOUND);
    }

    @Test
    void an_advertiser_learns_it_was_outranked_but_never_a_rivals_campaign_or_score() {
        aCampaignThatWouldBeShown(s -> s);
        fixture.policy(Optional.empty(), ServingFixture.BERLIN, 25, 1, 1);
        Campaign rival = fixture.active(fixture.advertiser(), "srv_o2", TestData.settings().keywords().cpc(51).build(), 5_000);
        Campaign sameEntity = fixture.active(fixture.advertiser(), TARGET, TestData.settings().keywords().cpc(60).build(), 5_000);

        Diagnosis asOwner = diagnoseAs(Actor.tenant(owner.id()), defaultSearch());
        Diagnosis asAdmin = diagnoseAs(Actor.ADMIN, defaultSearch());

        assertThat(asOwner.decidingReason()).contains(Check.OUTRANKED);
        java.util.regex.Matcher rivalScore = java.util.regex.Pattern.compile("score ([0-9.]+¢) vs")
                .matcher(asAdmin.check(Check.OUTRANKED).detail());
        assertThat(rivalScore.find()).as(asAdmin.check(Check.OUTRANKED).detail()).isTrue();
        String ownerWords = asOwner.checks().toString();
        assertThat(ownerWords).doesNotContain(rival.id().value(), sameEntity.id().value(), rivalScore.group(1));
        assertThat(asOwner.check(Check.OUTRANKED).detail()).contains("another advertiser");
        assertThat(asAdmin.checks().toString()).contains(sameEntity.id().value());
    }

    @Test
    void an_advertiser_outranked_on_another_entity_sees_neither_the_rivals_campaign_nor_its_score() {
        aCampaignThatWouldBeShown(s -> s);
        fixture.policy(Optional.empty(), ServingFixture.BERLIN, 25, 1, 1);
        Campaign rival = fixture.active(fixture.advertiser(), "srv_o2", TestData.settings().keywords().cpc(51).build(), 5_000);

        String ownerWords = diagnoseAs(Actor.tenant(owner.id()), defaultSearch()).check(Check.OUTRANKED).detail();
        String adminWords = diagnoseAs(Actor.ADMIN, defaultSearch()).check(Check.OUTRANKED).detail();

        java.util.regex.Matcher rivalScore = java.util.regex.Pattern.compile(rival.id().value() + " \\(featured, score ([0-9.]+¢)\\)")
                .matcher(adminWords);
        assertThat(rivalScore.find()).as(adminWords).isTrue();
        assertThat(ownerWords).doesNotContain(rival.id().value(), rivalScore.group(1)).contains("another advertiser");
    }

    @Test
    void an_outranked_advertiser_is_told_the_bid_that_would_have_won_the_last_sponsored_slot_without_the_rival() {
        aCampaignThatWouldBeShown(s -> s);
        fixture.policy(Optional.empty(), ServingFixture.BERLIN, 25, 1, 1);
        Campaign rival = fixture.active(fixture.advertiser(), "srv_o2", TestData.settings().keywords().cpc(51).build(), 5_000);

        String ownerWords = diagnoseAs(Actor.tenant(owner.id()), defaultSearch()).check(Check.OUTRANKED).detail();

        // Both predict the 2 % prior: 51 × 0.02 is only tied by a cpc of 51, beaten by 52.
        assertThat(ownerWords).contains("bid to win: a cpc of 52¢ would have outranked the last sponsored result")
                .doesNotContain(rival.id().value());
    }

    @Test
    void an_advertiser_is_told_which_of_its_own_campaigns_outranked_another() {
        aCampaignThatWouldBeShown(s -> s);
        fixture.policy(Optional.empty(), ServingFixture.BERLIN, 25, 1, 1);
        Campaign sibling = fixture.active(owner, "srv_o2", TestData.settings().keywords().cpc(51).build(), 5_000);

        Diagnosis asOwner = diagnoseAs(Actor.tenant(owner.id()), defaultSearch());

        assertThat(asOwner.decidingReason()).contains(Check.OUTRANKED);
        assertThat(asOwner.check(Check.OUTRANKED).detail()).contains(sibling.id().value());
    }

    private Diagnosis diagnoseAs(Actor actor, DecisionRequest search) {
        return fixture.whyNotShown.explain(WhyNotShownQuery.replaying(actor, campaign.id(), search)).orElseThrow();
    }

    @Test
    void without_organic_matches_a_diagnosis_assumes_the_search_matched_the_campaigns_entity() {
        aCampaignThatWouldBeShown(s -> s);

        Diagnosis diagnosis = fixture.whyNotShown.explain(WhyNotShownQuery.of(Actor.ADMIN, campaign.id(),
                Optional.empty(), ServingFixture.BERLIN, "portrait")).orElseThrow();

        assertThat(diagnosis.check(Check.NOT_IN_ORGANIC).passed()).isTrue();
        assertThat(diagnosis.position()).contains(1);
        assertThat(diagnosis.surface()).isEqualTo(Surface.PEOPLE_SEARCH);
    }

    @Test
    void a_malformed_diagnosis_query_is_a_rejection_naming_the_field() {
        aCampaignThatWouldBeShown(s -> s);

        Outcome<Diagnosis> outcome = fixture.whyNotShown.explain(new WhyNotShownQuery(Actor.ADMIN, campaign.id(),
                Optional.empty(), ServingFixture.BERLIN, "", Optional.of(List.of("srv_1")), 0, Optional.empty()));

        assertThat(((Outcome.Rejected<Diagnosis>) outcome).rejection().violations())
                .extracting(io.promo.domain.shared.Violation::field).containsExactly("page_size");
    }
}
