package io.promo.domain.conversion;

import static org.assertj.core.api.Assertions.assertThat;

import io.promo.domain.campaign.TargetEntity;
import io.promo.domain.campaign.TargetEntityType;
import io.promo.domain.ledger.BudgetCalendar;
import io.promo.domain.shared.CampaignId;
import io.promo.domain.shared.EventId;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The attribution rule as a table, and held to a naive reference on seeded random clicks (ADR 0035). */
class AttributionPolicyTest {

    private static final Instant CONVERTED = Instant.parse("2026-12-03T12:00:00Z");
    private static final AttributionPolicy POLICY = new AttributionPolicy(Duration.ofDays(7), BudgetCalendar.UTC);
    private static final EventId CLICK = new EventId("pevt_0001");
    private static final CampaignId CAMPAIGN = new CampaignId("pcmp_a");
    private static final ConversionSubject BY_CLICK = new ConversionSubject.Click(CLICK);
    private static final ConversionSubject BY_VIEWER = new ConversionSubject.ViewerOnEntity("usr_1",
            new TargetEntity(TargetEntityType.SERVICE_PROFILE, "srv_1"));

    static Stream<Arguments> by_click_id() {
        Instant hourBefore = CONVERTED.minus(Duration.ofHours(1));
        return Stream.of(
                Arguments.of("billed, an hour before", candidate(hourBefore, true, false), "attributed"),
                Arguments.of("billed, at the same instant", candidate(CONVERTED, true, false), "attributed"),
                Arguments.of("billed, exactly 7 days before", candidate(CONVERTED.minus(Duration.ofDays(7)), true, false), "attributed"),
                Arguments.of("billed, 7 days and a microsecond before",
                        candidate(CONVERTED.minus(Duration.ofDays(7)).minusNanos(1_000), true, false), "outside_window"),
                Arguments.of("invalid or billed 0", candidate(hourBefore, false, false), "click_not_billed"),
                Arguments.of("credited as invalid", candidate(hourBefore, true, true), "click_credited"),
                Arguments.of("a minute after the conversion (the clocks' skew)", candidate(CONVERTED.plusSeconds(60), true, false), "attributed"),
                Arguments.of("a minute and a second after the conversion", candidate(CONVERTED.plusSeconds(61), true, false), "before_click"),
                Arguments.of("never logged", null, "unknown_click"));
    }

    @ParameterizedTest(name = "{0}: {2}")
    @MethodSource
    void by_click_id(String situation, CandidateClick click, String expected) {
        AttributionDecision decision = POLICY.decide(BY_CLICK, CONVERTED, click == null ? List.of() : List.of(click));

        assertThat(describe(decision)).isEqualTo(expected);
    }

    @Test
    void an_attributed_conversion_counts_on_the_budget_day_of_its_click_in_the_deployments_zone() {
        AttributionPolicy berlin = new AttributionPolicy(Duration.ofDays(7), new BudgetCalendar(java.time.ZoneId.of("Europe/Berlin")));
        Instant lateUtc = Instant.parse("2026-12-02T23:30:00Z"); // 00:30 on the 3rd in Berlin

        AttributionDecision decision = berlin.decide(BY_CLICK, CONVERTED, List.of(candidate(lateUtc, true, false)));

        assertThat(((Attribution.Attributed) decision).clickDay()).isEqualTo(LocalDate.of(2026, 12, 3));
    }

    @Test
    void by_viewer_the_last_click_that_earns_wins_and_later_ones_are_ignored() {
        CandidateClick early = new CandidateClick(new EventId("pevt_0001"), CAMPAIGN, CONVERTED.minus(Duration.ofDays(2)), true, false);
        CandidateClick lastEarning = new CandidateClick(new EventId("pevt_0002"), new CampaignId("pcmp_b"),
                CONVERTED.minus(Duration.ofDays(1)), true, false);
        CandidateClick credited = new CandidateClick(new EventId("pevt_0003"), CAMPAIGN, CONVERTED.minus(Duration.ofHours(5)), true, true);
        CandidateClick notBilled = new CandidateClick(new EventId("pevt_0004"), CAMPAIGN, CONVERTED.minus(Duration.ofHours(4)), false, false);
        CandidateClick after = new CandidateClick(new EventId("pevt_0005"), CAMPAIGN, CONVERTED.plusSeconds(61), true, false);

        AttributionDecision decision = POLICY.decide(BY_VIEWER, CONVERTED, List.of(early, lastEarning, credited, notBilled, after));

        assertThat(((Attribution.Attributed) decision).clickId()).isEqualTo(lastEarning.clickId());
        assertThat(((Attribution.Attributed) decision).campaignId()).isEqualTo(new CampaignId("pcmp_b"));
    }

    @Test
    void by_viewer_without_a_click_that_earns_in_the_window_it_is_unattributed() {
        CandidateClick tooOld = new CandidateClick(CLICK, CAMPAIGN, CONVERTED.minus(Duration.ofDays(8)), true, false);

        assertThat(describe(POLICY.decide(BY_VIEWER, CONVERTED, List.of(tooOld)))).isEqualTo("no_click");
        assertThat(describe(POLICY.decide(BY_VIEWER, CONVERTED, List.of()))).isEqualTo("no_click");
    }

    @Test
    void by_viewer_two_clicks_at_one_instant_go_to_the_greater_id() {
        CandidateClick a = new CandidateClick(new EventId("pevt_0009"), CAMPAIGN, CONVERTED.minusSeconds(10), true, false);
        CandidateClick b = new CandidateClick(new EventId("pevt_0010"), new CampaignId("pcmp_b"), CONVERTED.minusSeconds(10), true, false);

        assertThat(((Attribution.Attributed) POLICY.decide(BY_VIEWER, CONVERTED, List.of(b, a))).clickId()).isEqualTo(b.clickId());
        assertThat(((Attribution.Attributed) POLICY.decide(BY_VIEWER, CONVERTED, List.of(a, b))).clickId()).isEqualTo(b.clickId());
    }

    /**
     * Random clicks (times around the window's edges and the allowed skew, billed or not, credited or not) against a reference that says
     * the rule the slow way: every click that qualifies, then the latest, then the greatest id. Replay with
     * {@code -Dpromo.attribution.seed=<seed>}.
     */
    @Test
    void by_viewer_it_agrees_with_a_naive_reference_on_seeded_random_clicks() {
        long seed = Long.getLong("promo.attribution.seed", System.nanoTime());
        System.out.println("AttributionPolicyTest seed: " + seed + " (replay with -Dpromo.attribution.seed=" + seed + ")");
        Random random = new Random(seed);
        for (int round = 0; round < 2_000; round++) {
            Duration window = Duration.ofDays(1 + random.nextInt(30));
            AttributionPolicy policy = new AttributionPolicy(window, BudgetCalendar.UTC);
            List<CandidateClick> clicks = new ArrayList<>();
            int count = random.nextInt(8);
            for (int i = 0; i < count; i++) {
                // Times cluster around the window's start, the conversion and beyond, a few share an instant.
                long offsetSeconds = switch (random.nextInt(5)) {
                    case 0 -> window.toSeconds() + random.nextInt(3) - 1;
                    case 1 -> random.nextInt(3) - 1;
                    case 4 -> -60 + random.nextInt(3) - 1;
                    case 2 -> 600;
                    default -> random.nextLong(window.toSeconds() * 2) - window.toSeconds() / 2;
                };
                clicks.add(new CandidateClick(new EventId("pevt_" + String.format("%04d", random.nextInt(10_000))),
                        new CampaignId("pcmp_" + random.nextInt(3)), CONVERTED.minusSeconds(offsetSeconds),
                        random.nextInt(4) > 0, random.nextInt(5) == 0));
            }
            Optional<CandidateClick> expected = reference(clicks, window);

            AttributionDecision decision = policy.decide(BY_VIEWER, CONVERTED, clicks);

            String context = "seed " + seed + ", round " + round + ", window " + window + ", clicks " + clicks;
            if (expected.isEmpty()) {
                assertThat(decision).as(context).isEqualTo(new Attribution.Unattributed(UnattributedReason.NO_CLICK));
            } else {
                assertThat(decision).as(context).isInstanceOf(Attribution.Attributed.class);
                Attribution.Attributed attributed = (Attribution.Attributed) decision;
                assertThat(attributed.clickedAt()).as(context).isEqualTo(expected.get().clickedAt());
                assertThat(attributed.clickId().value()).as(context).isEqualTo(expected.get().clickId().value());
                assertThat(attributed.campaignId()).as(context).isEqualTo(expected.get().campaignId());
            }
        }
    }

    private static Optional<CandidateClick> reference(List<CandidateClick> clicks, Duration window) {
        CandidateClick best = null;
        for (CandidateClick click : clicks) {
            long secondsBefore = Duration.between(click.clickedAt(), CONVERTED).toSeconds();
            // A click up to a minute after the conversion counts: the two clocks may differ that much.
            boolean qualifies = click.billed() && !click.credited() && secondsBefore >= -60 && secondsBefore <= window.toSeconds();
            if (!qualifies) {
                continue;
            }
            if (best == null || click.clickedAt().isAfter(best.clickedAt())
                    || click.clickedAt().equals(best.clickedAt()) && click.clickId().value().compareTo(best.clickId().value()) > 0) {
                best = click;
            }
        }
        return Optional.ofNullable(best);
    }

    private static CandidateClick candidate(Instant at, boolean billed, boolean credited) {
        return new CandidateClick(CLICK, CAMPAIGN, at, billed, credited);
    }

    private static String describe(AttributionDecision decision) {
        if (decision instanceof Attribution.Attributed attributed) {
            assertThat(attributed.clickId()).isEqualTo(CLICK);
            assertThat(attributed.campaignId()).isEqualTo(CAMPAIGN);
            return "attributed";
        }
        if (decision instanceof Attribution.Unattributed unattributed) {
            return unattributed.reason().code();
        }
        return "before_click";
    }
}
