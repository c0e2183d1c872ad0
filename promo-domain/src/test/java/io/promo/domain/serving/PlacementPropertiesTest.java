package io.promo.domain.serving;

import static org.assertj.core.api.Assertions.assertThat;

import io.promo.domain.advertiser.Advertiser;
import io.promo.domain.advertiser.AdvertiserStatus;
import io.promo.domain.campaign.Campaign;
import io.promo.domain.campaign.CampaignSettings;
import io.promo.domain.campaign.CampaignStatus;
import io.promo.domain.campaign.Format;
import io.promo.domain.campaign.PacingMode;
import io.promo.domain.ledger.BudgetState;
import io.promo.domain.pricing.PolicyLimits;
import io.promo.domain.serving.diagnostics.Diagnosis;
import io.promo.domain.serving.diagnostics.WhyNotShown;
import io.promo.domain.serving.diagnostics.WhyNotShownQuery;
import io.promo.domain.serving.engine.Check;
import io.promo.domain.serving.engine.CheckResult;
import io.promo.domain.serving.index.SlotLayout;
import io.promo.domain.serving.pacing.TrafficCurve;
import io.promo.domain.serving.pacing.TrafficRecorder;
import io.promo.domain.serving.ranking.CtrCounts;
import io.promo.domain.shared.Actor;
import io.promo.domain.shared.TextNormalizer;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Placement constraints hold for any policies, layouts, candidates and organic lists; the eligibility the
 * engine applies equals a naive reference implementation of the rules in docs/design.md; and "why not shown" agrees
 * with the decision for every campaign. Seeded: each message names the seed; -Dpromo.seed replays a run.
 */
class PlacementPropertiesTest {

    private static final int TRIALS = 300;
    /** Diagnoses per trial: every placed campaign plus a sample of the others (each diagnosis is a whole decision). */
    private static final int DIAGNOSES = 12;

    @Test
    void every_page_respects_the_placement_rules_and_why_not_shown_agrees_with_it() {
        long base = Seeds.base("placement properties");
        for (int trial = 0; trial < TRIALS; trial++) {
            long seed = base + trial;
            String as = Seeds.replay(base) + ", trial " + trial + " (marketplace seed " + seed + ")";
            RandomMarketplace market = new RandomMarketplace(seed);
            DecisionRequest request = market.search();
            Clock clock = Clock.fixed(market.now, ZoneOffset.UTC);
            DecideAdPage decide = new DecideAdPage(now -> market.index, market.settings, new SequentialIds("p"), clock,
                    TrafficRecorder.NONE, ServingFixture.SIGNER);
            WhyNotShown whyNotShown = new WhyNotShown(now -> market.index,
                    (id, day) -> market.budgets.getOrDefault(id, BudgetState.empty(day)), market.settings, clock);

            DecisionPage page = decide.decide(request);

            checkPlacement(market, request, page, as + "\nrequest " + request.role() + " " + request.city() + " '"
                    + request.query() + "' page size " + request.pageSize() + ", organic " + request.organicMatches()
                    + "\npage " + page.positions());
            checkDiagnoses(market, request, page, whyNotShown, new Random(seed), as);
        }
    }

    private static void checkPlacement(RandomMarketplace market, DecisionRequest request, DecisionPage page, String as) {
        Map<String, Campaign> campaigns = market.campaignsById();
        PolicyLimits limits = market.resolver().resolve(request.surface(), request.role(), request.city()).limits();
        SlotLayout layout = market.settings.layout(request.surface());
        List<String> organic = request.organicMatches();
        int length = Math.min(request.pageSize(), organic.size());
        int top = Math.min(length, SlotLayout.TOP);
        List<PagePosition> positions = page.positions();
        List<PagePosition.Sponsored> sponsored = page.sponsored();

        assertThat(positions).as(as + "\npage length").hasSize(length);
        for (int i = 0; i < positions.size(); i++) {
            assertThat(positions.get(i).position()).as(as + "\nnumbering").isEqualTo(i + 1);
        }
        List<String> entities = positions.stream().map(PagePosition::entityId).toList();
        assertThat(entities).as(as + "\nno entity twice on a page").doesNotHaveDuplicates();
        assertThat(organic).as(as + "\nevery entity comes from the organic matches").containsAll(entities);
        assertThat(sponsored).extracting(s -> s.campaignId()).as(as + "\none campaign per entity").doesNotHaveDuplicates();

        assertThat(sponsored).as(as + "\nsponsored only in the top 20").allMatch(s -> s.position() <= SlotLayout.TOP);
        assertThat(sponsored).as(as + "\nat most max_density_top20 (" + limits.maxDensityTop20() + ")")
                .hasSizeLessThanOrEqualTo(limits.maxDensityTop20());
        List<PagePosition.Sponsored> above = sponsored.stream().filter(s -> s.position() <= layout.foldSize()).toList();
        List<PagePosition.Sponsored> below = sponsored.stream().filter(s -> s.position() > layout.foldSize()).toList();
        assertThat(above).as(as + "\nat most max_above_fold (" + limits.maxAboveFold() + ") above the fold")
                .hasSizeLessThanOrEqualTo(limits.maxAboveFold());
        assertThat(above).as(as + "\nonly featured above the fold").allMatch(s -> s.format() == Format.FEATURED);
        for (int i = 0; i < above.size(); i++) {
            assertThat(above.get(i).position()).as(as + "\nabove-fold slots fill from position 1").isEqualTo(i + 1);
        }
        List<Integer> usableBelow = layout.belowFoldOrder().stream().filter(p -> p <= top).toList();
        assertThat(below.stream().map(PagePosition::position).collect(Collectors.toSet()))
                .as(as + "\nbelow-fold slots are the first of the layout's order " + layout.belowFoldOrder())
                .isEqualTo(new HashSet<>(usableBelow.subList(0, Math.min(below.size(), usableBelow.size()))));

        Set<String> promoted = sponsored.stream().map(PagePosition::entityId).collect(Collectors.toSet());
        List<String> expectedOrganic = organic.stream().filter(e -> !promoted.contains(e))
                .limit(length - sponsored.size()).toList();
        assertThat(positions.stream().filter(p -> !p.sponsored()).map(PagePosition::entityId).toList())
                .as(as + "\norganic matches keep their order; a promoted one leaves its organic position")
                .isEqualTo(expectedOrganic);

        Map<String, Long> perAdvertiser = perAdvertiser(campaigns, sponsored);
        assertThat(perAdvertiser.values()).as(as + "\nat most " + market.settings.maxSlotsPerAdvertiser()
                + " positions per advertiser").allMatch(n -> n <= market.settings.maxSlotsPerAdvertiser());
        for (PagePosition.Sponsored s : sponsored) {
            Campaign campaign = campaigns.get(s.campaignId().value());
            assertThat(campaign.target().id()).as(as + "\nsponsored entity is the campaign's").isEqualTo(s.entityId());
            assertThat(s.format()).as(as).isEqualTo(campaign.settings().format());
            assertThat(s.cpc()).as(as).isEqualTo(campaign.settings().cpc());
            assertThat(referenceEligible(market, campaign, request)).as(as + "\n" + s.campaignId() + " is eligible").isTrue();
            assertThat(s.clickToken().impressionId()).isEqualTo(s.impressionId());
        }
        checkRanking(market, request, limits, above, below, usableBelow.size(), Math.min(Math.min(limits.maxAboveFold(),
                layout.foldSize()), top), promoted, as);
    }

    /** Best-ranked first within each band, and no eligible candidate was passed over for a worse one or a free slot. */
    private static void checkRanking(RandomMarketplace market, DecisionRequest request, PolicyLimits limits,
            List<PagePosition.Sponsored> above, List<PagePosition.Sponsored> below, int usableBelow, int aboveCap,
            Set<String> promoted, String as) {
        Map<String, Campaign> campaigns = market.campaignsById();
        assertThat(scores(market, above)).as(as + "\nabove the fold, best first").isSortedAccordingTo((a, b) -> Double.compare(b, a));
        assertThat(scores(market, below)).as(as + "\nbelow the fold, best first").isSortedAccordingTo((a, b) -> Double.compare(b, a));
        double worstAbove = scores(market, above).stream().mapToDouble(Double::doubleValue).min().orElse(Double.POSITIVE_INFINITY);
        double worstBelow = scores(market, below).stream().mapToDouble(Double::doubleValue).min().orElse(Double.POSITIVE_INFINITY);
        Set<String> placed = new HashSet<>();
        above.forEach(s -> placed.add(s.campaignId().value()));
        below.forEach(s -> placed.add(s.campaignId().value()));
        List<PagePosition.Sponsored> all = new ArrayList<>(above);
        all.addAll(below);
        Map<String, Long> perAdvertiser = perAdvertiser(campaigns, all);
        for (Campaign campaign : campaigns.values()) {
            boolean advertiserFull = perAdvertiser.getOrDefault(campaign.advertiserId().value(), 0L)
                    >= market.settings.maxSlotsPerAdvertiser();
            if (placed.contains(campaign.id().value()) || promoted.contains(campaign.target().id()) || advertiserFull
                    || !request.organicMatches().contains(campaign.target().id())
                    || !referenceEligible(market, campaign, request)) {
                continue;
            }
            String left = as + "\n" + campaign.id() + " (" + campaign.settings().format().code() + ", score "
                    + score(market, campaign) + ") is eligible but not placed";
            assertThat(score(market, campaign)).as(left + ": it must not outrank a below-fold result").isLessThanOrEqualTo(worstBelow);
            assertThat(below.size()).as(left + ": so every below-fold slot the density allows is used")
                    .isEqualTo(Math.max(0, Math.min(limits.maxDensityTop20() - above.size(), usableBelow)));
            if (campaign.settings().format() == Format.FEATURED) {
                assertThat(score(market, campaign)).as(left + ": it must not outrank an above-fold result").isLessThanOrEqualTo(worstAbove);
                assertThat(above.size()).as(left + ": so every above-fold slot is used").isEqualTo(aboveCap);
            }
        }
    }

    private static void checkDiagnoses(RandomMarketplace market, DecisionRequest request, DecisionPage page,
            WhyNotShown whyNotShown, Random random, String as) {
        Map<String, Integer> shownAt = page.sponsored().stream()
                .collect(Collectors.toMap(s -> s.campaignId().value(), PagePosition::position));
        List<Campaign> sample = new ArrayList<>(market.campaigns);
        java.util.Collections.shuffle(sample, random);
        sample.sort((a, b) -> Boolean.compare(shownAt.containsKey(b.id().value()), shownAt.containsKey(a.id().value())));
        for (Campaign campaign : sample.subList(0, Math.min(sample.size(), Math.max(DIAGNOSES, shownAt.size())))) {
            Diagnosis diagnosis = whyNotShown.explain(WhyNotShownQuery.replaying(Actor.ADMIN, campaign.id(), request))
                    .orElseThrow();
            java.util.function.Supplier<String> about = () -> as + "\n" + campaign.id() + ": " + diagnosis.checks();
            assertThat(diagnosis.position().orElse(0)).as(() -> about.get() + "\nwhy-not-shown agrees with the page")
                    .isEqualTo(shownAt.getOrDefault(campaign.id().value(), 0));
            boolean eligibilityPassed = diagnosis.checks().stream()
                    .filter(r -> r.check().ordinal() <= Check.PACING.ordinal()).allMatch(CheckResult::passed);
            assertThat(eligibilityPassed).as(() -> about.get() + "\nthe engine's eligibility equals the reference rules")
                    .isEqualTo(referenceEligible(market, campaign, request));
        }
    }

    /** docs/design.md "Serve" eligibility, written out naively as the oracle. */
    static boolean referenceEligible(RandomMarketplace market, Campaign campaign, DecisionRequest request) {
        CampaignSettings s = campaign.settings();
        BudgetState budget = market.budgets.get(campaign.id());
        Advertiser advertiser = market.advertiser(campaign.advertiserId());
        String query = TextNormalizer.words(request.query());
        long cpc = s.cpc().cents();
        long daily = s.dailyBudget().cents();
        long floor = market.resolver().resolve(request.surface(), request.role(), request.city()).limits().cpcFloor().cents();
        double hours = Duration.between(market.settings.calendar().startOf(RandomMarketplace.TODAY), market.now).toMillis()
                * 24.0 / Duration.ofDays(1).toMillis();
        long allowance = (long) Math.floor(daily * RandomMarketplace.referencePacingShare(s,
                market.settings.calendar().startOf(RandomMarketplace.TODAY), market.now)) + cpc;
        return s.cityTargets().contains(request.city())
                && referenceKeywordsMatch(s.keywordTargets(), query)
                && campaign.status() == CampaignStatus.ACTIVE
                && !RandomMarketplace.TODAY.isBefore(s.startDate())
                && s.endDate().map(end -> !RandomMarketplace.TODAY.isAfter(end)).orElse(true)
                && RandomMarketplace.referenceScheduleCovers(s.schedule(), request.city(), market.now)
                && advertiser.status() == AdvertiserStatus.ACTIVE
                && cpc >= floor
                && budget.spentOnDay().cents() + cpc <= daily
                && s.totalBudget().map(total -> budget.spentTotal().cents() + cpc <= total.cents()).orElse(true)
                && budget.balance().cents() >= cpc
                && (s.pacingMode() == PacingMode.ACCELERATED || budget.spentOnDay().cents() + cpc <= allowance);
    }

    /**
     * docs/design.md "Keyword matching", naively: some positive target matches (or there is none) and no negative
     * does; broad as a set of words, phrase as a substring between spaces, exact as equality.
     */
    static boolean referenceKeywordsMatch(List<String> targets, String query) {
        List<String> queryWords = query.isEmpty() ? List.of() : List.of(query.split(" "));
        boolean anyPositive = false;
        boolean positiveMatched = false;
        for (String typed : targets) {
            boolean negative = typed.startsWith("-");
            String body = negative ? typed.substring(1) : typed;
            boolean matched;
            if (body.startsWith("\"")) {
                matched = (" " + query + " ").contains(" " + body.substring(1, body.length() - 1) + " ");
            } else if (body.startsWith("[")) {
                matched = query.equals(body.substring(1, body.length() - 1));
            } else {
                matched = queryWords.containsAll(List.of(body.split(" ")));
            }
            if (negative && matched) {
                return false;
            }
            anyPositive |= !negative;
            positiveMatched |= !negative && matched;
        }
        return !anyPositive || positiveMatched;
    }

    /** Sponsored positions per advertiser id. */
    private static Map<String, Long> perAdvertiser(Map<String, Campaign> campaigns, List<PagePosition.Sponsored> sponsored) {
        return sponsored.stream().collect(Collectors.groupingBy(
                s -> campaigns.get(s.campaignId().value()).advertiserId().value(), Collectors.counting()));
    }

    private static List<Double> scores(RandomMarketplace market, List<PagePosition.Sponsored> sponsored) {
        Map<String, Campaign> campaigns = market.campaignsById();
        return sponsored.stream().map(s -> score(market, campaigns.get(s.campaignId().value()))).toList();
    }

    private static double score(RandomMarketplace market, Campaign campaign) {
        return campaign.settings().cpc().cents()
                * market.settings.ctrModel().predict(market.ctr.getOrDefault(campaign.id(), CtrCounts.NONE));
    }
}
