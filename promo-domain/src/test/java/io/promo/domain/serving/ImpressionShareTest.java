package io.promo.domain.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.promo.domain.advertiser.Advertiser;
import io.promo.domain.campaign.Campaign;
import io.promo.domain.campaign.CampaignAction;
import io.promo.domain.campaign.Format;
import io.promo.domain.campaign.PacingMode;
import io.promo.domain.serving.share.HourlyShare;
import io.promo.domain.serving.share.ShareCounts;
import io.promo.domain.shared.CampaignId;
import io.promo.domain.testing.TestData;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Impression share (ADR 0031): every candidate of a decision is counted once, as shown or under the first reason it
 * lost to, in the order floor, status, budget, pacing, rank, page caps; written per campaign, day and hour.
 */
class ImpressionShareTest {

    private static final Instant NOW = Instant.parse("2026-12-10T10:15:00Z");

    private final ServingFixture fixture = new ServingFixture(NOW);
    private final Advertiser advertiser = fixture.advertiser();

    private Campaign accelerated(String entity, Format format, long cpc) {
        return fixture.active(advertiser, entity, TestData.settings().format(format).cpc(cpc).dailyBudget(5_000)
                .pacing(PacingMode.ACCELERATED).build(), 10_000);
    }

    /** A search whose organic matches are {@code matched} and then 20 entities nobody promotes: a 20-result page. */
    private DecisionPage search(String... matched) {
        List<String> organic = new ArrayList<>(List.of(matched));
        organic.addAll(ServingFixture.organic(20));
        return fixture.decide(ServingFixture.search(ServingFixture.BERLIN, "portrait", organic.toArray(String[]::new)));
    }

    private static ShareCounts shown(long impressions) {
        return new ShareCounts(impressions, 0, 0, 0, 0, 0, 0);
    }

    @Test
    void a_campaign_shown_on_every_search_it_was_a_candidate_for_has_an_impression_share_of_1() {
        Campaign lone = accelerated("srv_lone", Format.FEATURED, 60);

        for (int i = 0; i < 3; i++) {
            search("srv_a", "srv_lone", "srv_b");
        }

        ShareCounts counts = fixture.flushShares(lone.id());
        assertThat(counts).isEqualTo(shown(3));
        assertThat(counts.candidateAuctions()).isEqualTo(3);
        assertThat(counts.impressionShare()).isEqualTo(1.0);
    }

    @Test
    void a_campaign_whose_entity_was_not_matched_or_whose_keywords_the_query_misses_was_no_candidate() {
        Campaign unmatched = accelerated("srv_elsewhere", Format.FEATURED, 60);
        Campaign wedding = fixture.active(advertiser, "srv_wedding", TestData.settings().keywords("wedding")
                .pacing(PacingMode.ACCELERATED).build(), 10_000);

        search("srv_a", "srv_wedding");

        assertThat(fixture.flushShares(unmatched.id())).isEqualTo(ShareCounts.NONE);
        assertThat(fixture.flushShares(wedding.id())).isEqualTo(ShareCounts.NONE);
    }

    @Test
    void on_a_full_page_the_lowest_ranked_eligible_campaign_loses_to_rank() {
        Campaign best = accelerated("srv_best", Format.FEATURED, 90);
        Campaign second = accelerated("srv_second", Format.FEATURED, 60);
        Campaign third = accelerated("srv_third", Format.FEATURED, 30);

        DecisionPage page = search("srv_third", "srv_second", "srv_best", "srv_x");

        assertThat(page.sponsored()).hasSize(2); // the deployment default: 2 in the top 20, 1 above the fold
        assertThat(fixture.flushShares(best.id())).isEqualTo(shown(1));
        assertThat(fixture.flushShares(second.id())).isEqualTo(shown(1));
        ShareCounts lost = fixture.flushShares(third.id());
        assertThat(lost).isEqualTo(new ShareCounts(0, 0, 0, 0, 0, 1, 0));
        assertThat(lost.lostShare(io.promo.domain.serving.share.LostReason.RANK)).isEqualTo(1.0);
    }

    @Test
    void a_candidate_the_placement_never_reached_counts_its_own_first_reason_not_rank() {
        List<String> organic = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            accelerated("srv_top" + i, Format.FEATURED, 100 + i);
            organic.add("srv_top" + i);
        }
        // Ranked below every one of the twelve, so the placement fills the page before it looks at these.
        Campaign unfunded = fixture.active(advertiser, "srv_unfunded", TestData.settings().cpc(40)
                .pacing(PacingMode.ACCELERATED).build(), 0);
        Campaign paused = fixture.move(accelerated("srv_paused", Format.FEATURED, 40), CampaignAction.PAUSE);
        Campaign outbid = accelerated("srv_outbid", Format.BOOSTED, 40);
        organic.addAll(List.of("srv_unfunded", "srv_paused", "srv_outbid"));
        fixture.clock.advance(Duration.ofSeconds(2));

        search(organic.toArray(String[]::new));

        assertThat(fixture.flushShares(unfunded.id())).as("out of balance").isEqualTo(new ShareCounts(0, 0, 0, 1, 0, 0, 0));
        assertThat(fixture.flushShares(paused.id())).as("paused").isEqualTo(new ShareCounts(0, 0, 1, 0, 0, 0, 0));
        assertThat(fixture.flushShares(outbid.id())).as("eligible, ranked below a full page")
                .isEqualTo(new ShareCounts(0, 0, 0, 0, 0, 1, 0));
    }

    @Test
    void the_floor_is_the_first_reason_even_for_a_paused_campaign() {
        Campaign paused = fixture.move(accelerated("srv_paused", Format.FEATURED, 40), CampaignAction.PAUSE);
        Campaign cheap = accelerated("srv_cheap", Format.FEATURED, 40);
        fixture.policy(Optional.empty(), ServingFixture.BERLIN, 45, 2, 1);
        fixture.clock.advance(Duration.ofSeconds(2));

        search("srv_paused", "srv_cheap");

        assertThat(fixture.flushShares(paused.id())).isEqualTo(new ShareCounts(0, 1, 0, 0, 0, 0, 0));
        assertThat(fixture.flushShares(cheap.id())).isEqualTo(new ShareCounts(0, 1, 0, 0, 0, 0, 0));
    }

    @Test
    void an_even_campaign_ahead_of_its_pace_loses_to_pacing_and_one_out_of_daily_budget_to_budget() {
        // 10:15 of the day: an even campaign may have spent 1,000 × 10.25/24 ≈ 427¢ plus one click.
        Campaign ahead = fixture.active(advertiser, "srv_ahead", TestData.settings().cpc(50).dailyBudget(1_000)
                .pacing(PacingMode.EVEN).build(), 10_000);
        Campaign spent = fixture.active(advertiser, "srv_spent", TestData.settings().cpc(50).dailyBudget(1_000)
                .pacing(PacingMode.ACCELERATED).build(), 10_000);
        for (int i = 0; i < 9; i++) {
            fixture.spend(ahead.id(), 50);
        }
        for (int i = 0; i < 20; i++) {
            fixture.spend(spent.id(), 50);
        }
        fixture.clock.advance(Duration.ofSeconds(2));

        search("srv_ahead", "srv_spent");

        assertThat(fixture.flushShares(ahead.id())).isEqualTo(new ShareCounts(0, 0, 0, 0, 1, 0, 0));
        assertThat(fixture.flushShares(spent.id())).isEqualTo(new ShareCounts(0, 0, 0, 1, 0, 0, 0));
    }

    @Test
    void an_eligible_campaign_the_page_limits_left_no_position_loses_to_page_caps() {
        // One sponsored result in the top 20, above the fold: only a featured campaign may have it.
        fixture.policy(Optional.empty(), ServingFixture.BERLIN, 25, 1, 1);
        Campaign boosted = accelerated("srv_boosted", Format.BOOSTED, 90);
        Campaign featured = accelerated("srv_featured", Format.FEATURED, 30);
        fixture.clock.advance(Duration.ofSeconds(2));

        search("srv_boosted", "srv_featured");

        assertThat(fixture.flushShares(featured.id())).isEqualTo(shown(1));
        assertThat(fixture.flushShares(boosted.id())).as("outranks the placed one: not rank")
                .isEqualTo(new ShareCounts(0, 0, 0, 0, 0, 0, 1));
    }

    @Test
    void a_second_campaign_of_a_shown_entity_with_room_left_on_the_page_loses_to_page_caps() {
        Campaign first = accelerated("srv_twice", Format.FEATURED, 90);
        Campaign second = accelerated("srv_twice", Format.FEATURED, 60);

        search("srv_twice", "srv_other");

        assertThat(fixture.flushShares(first.id())).isEqualTo(shown(1));
        assertThat(fixture.flushShares(second.id())).isEqualTo(new ShareCounts(0, 0, 0, 0, 0, 0, 1));
    }

    @Test
    void a_diagnosis_is_no_auction_and_counts_nothing() {
        Campaign campaign = accelerated("srv_diag", Format.FEATURED, 60);

        fixture.diagnose(campaign.id(), ServingFixture.search(ServingFixture.BERLIN, "portrait", "srv_diag"));

        assertThat(fixture.flushShares(campaign.id())).isEqualTo(ShareCounts.NONE);
    }

    @Test
    void counts_are_kept_per_hour_across_index_rebuilds() {
        Campaign campaign = accelerated("srv_hourly", Format.FEATURED, 60);
        search("srv_hourly");
        fixture.clock.advance(Duration.ofSeconds(5)); // a new index: the campaigns are counted in a new tally
        search("srv_hourly");
        fixture.clock.advance(Duration.ofHours(1));
        search("srv_hourly");

        fixture.shares.flushTo(fixture.shareLog);

        assertThat(fixture.shareLog.rows()).extracting(HourlyShare::hour, HourlyShare::counts)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple(10, shown(2)),
                        org.assertj.core.groups.Tuple.tuple(11, shown(1)));
        assertThat(fixture.flushShares(campaign.id())).isEqualTo(shown(3));
    }

    @Test
    void counts_a_failed_flush_could_not_write_are_written_by_the_next_one() {
        Campaign campaign = accelerated("srv_retry", Format.FEATURED, 60);
        search("srv_retry");
        fixture.shareLog.failNextAdd(new IllegalStateException("database down"));

        assertThatThrownBy(() -> fixture.shares.flushTo(fixture.shareLog)).hasMessage("database down");
        search("srv_retry");

        assertThat(fixture.flushShares(campaign.id())).isEqualTo(shown(2));
        CampaignId id = campaign.id();
        assertThat(fixture.shareLog.rows()).allMatch(row -> row.campaignId().equals(id));
    }
}
