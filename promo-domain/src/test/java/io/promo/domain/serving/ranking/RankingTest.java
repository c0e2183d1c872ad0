package io.promo.domain.serving.ranking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.promo.domain.advertiser.Advertiser;
import io.promo.domain.campaign.Campaign;
import io.promo.domain.campaign.Format;
import io.promo.domain.campaign.PacingMode;
import io.promo.domain.serving.DecisionRequest;
import io.promo.domain.serving.ServingFixture;
import io.promo.domain.serving.Viewer;
import io.promo.domain.serving.ranking.CtrCounts;
import io.promo.domain.serving.ranking.CtrModel;
import io.promo.domain.shared.CampaignId;
import io.promo.domain.shared.Surface;
import io.promo.domain.testing.TestData;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Ranking by expected revenue per impression, cpc × predicted CTR, and the fair rotation of ties. */
class RankingTest {

    private static final Instant NOW = Instant.parse("2026-12-10T10:15:00Z");

    private final ServingFixture fixture = new ServingFixture(NOW);
    private final Advertiser advertiser = fixture.advertiser();

    /** Only one sponsored result, above the fold: ranking alone decides who gets it. */
    RankingTest() {
        fixture.policy(Optional.empty(), ServingFixture.BERLIN, 1, 1, 1);
    }

    private Campaign featured(String entity, long cpc) {
        return fixture.active(advertiser, entity, TestData.settings().keywords().format(Format.FEATURED).cpc(cpc)
                .dailyBudget(100_000).totalBudget(null).pacing(PacingMode.ACCELERATED).build(), 1_000_000);
    }

    private CampaignId winner(String viewer) {
        DecisionRequest request = new DecisionRequest(Surface.PEOPLE_SEARCH, Optional.empty(), ServingFixture.BERLIN,
                "portrait", Viewer.anonymous(viewer), 20, ServingFixture.organic(10));
        return fixture.decide(request).sponsored().get(0).campaignId();
    }

    @Test
    void the_predicted_ctr_is_the_campaigns_ctr_smoothed_toward_the_prior() {
        CtrModel model = CtrModel.DEFAULT;

        assertThat(model.predict(CtrCounts.NONE)).isEqualTo(0.02);
        assertThat(model.predict(new CtrCounts(5, 2))).isCloseTo((2 + 2.0) / 105, within(1e-12));
        assertThat(model.predict(new CtrCounts(100_000, 5_000))).isCloseTo(0.05, within(0.0002));
        assertThat(model.predict(new CtrCounts(10, 50))).as("clicks beyond impressions are capped")
                .isEqualTo(model.predict(new CtrCounts(10, 10)));
    }

    @Test
    void a_new_campaign_starts_on_the_prior_ahead_of_a_proven_poor_performer() {
        Campaign poor = featured("srv_o1", 50);
        Campaign fresh = featured("srv_o2", 40);
        fixture.ctr.set(poor.id(), 10_000, 100);

        // poor: 50 × (100 + 2) / 10 100 ≈ 0.50¢ per impression; fresh: 40 × 2 % = 0.80¢.
        assertThat(winner("fp")).isEqualTo(fresh.id());
    }

    @Test
    void a_proven_ctr_outranks_a_higher_cpc() {
        Campaign expensive = featured("srv_o1", 100);
        Campaign clicked = featured("srv_o2", 50);
        fixture.ctr.set(clicked.id(), 10_000, 1_000);

        // expensive: 100 × 2 % = 2¢; clicked: 50 × ≈ 9.9 % ≈ 4.96¢.
        assertThat(winner("fp")).isEqualTo(clicked.id());
    }

    @Test
    void the_prior_tempers_a_lucky_start() {
        Campaign lucky = featured("srv_o1", 50);
        Campaign steady = featured("srv_o2", 50);
        fixture.ctr.set(lucky.id(), 5, 2);
        fixture.ctr.set(steady.id(), 20_000, 1_000);

        // lucky: 40 % raw, but 50 × 4 / 105 ≈ 1.9¢; steady: 50 × ≈ 5 % ≈ 2.5¢.
        assertThat(winner("fp")).isEqualTo(steady.id());
    }

    @Test
    void tied_campaigns_take_turns_fairly_across_viewers_and_time() {
        List<CampaignId> tied = new ArrayList<>();
        for (int i = 1; i <= 4; i++) {
            tied.add(featured("srv_o" + i, 50).id());
        }
        Map<CampaignId, Integer> wins = new HashMap<>();
        int searches = 4_000;
        for (int i = 0; i < searches; i++) {
            fixture.clock.advance(Duration.ofMillis(7));
            wins.merge(winner("fp-" + (i % 50)), 1, Integer::sum);
        }

        assertThat(wins.keySet()).containsExactlyInAnyOrderElementsOf(tied);
        // Each expects 1000 (σ ≈ 27 if the rotation behaves like a fair die); 10 % is more than 3.5 σ.
        assertThat(wins.values()).allSatisfy(n -> assertThat(n).isBetween(900, 1_100));
    }

    @Test
    void tied_campaigns_take_turns_for_one_viewer_repeating_a_search() {
        for (int i = 1; i <= 3; i++) {
            featured("srv_o" + i, 50);
        }
        Map<CampaignId, Integer> wins = new HashMap<>();
        for (int i = 0; i < 3_000; i++) {
            fixture.clock.advance(Duration.ofSeconds(3));
            wins.merge(winner("fp-same"), 1, Integer::sum);
        }

        assertThat(wins).hasSize(3);
        assertThat(wins.values()).allSatisfy(n -> assertThat(n).isBetween(900, 1_100));
    }

    @Test
    void the_rotation_is_deterministic_for_a_given_request_and_instant() {
        for (int i = 1; i <= 5; i++) {
            featured("srv_o" + i, 50);
        }

        CampaignId first = winner("fp-x");
        for (int i = 0; i < 20; i++) {
            assertThat(winner("fp-x")).isEqualTo(first);
        }
    }
}
