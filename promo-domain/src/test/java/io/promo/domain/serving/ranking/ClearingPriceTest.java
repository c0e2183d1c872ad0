package io.promo.domain.serving.ranking;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ClearingPriceTest {

    @Test
    void the_price_is_the_least_whole_cent_bid_whose_score_beats_the_competitor() {
        // 0.02 × 50 = 1.0: a bid of 50 only ties a competitor scoring 1.0, 51 beats it.
        assertThat(ClearingPrice.against(120, 0.02, 1.0, 0)).isEqualTo(51);
        assertThat(ClearingPrice.against(120, 0.02, 0.99, 0)).isEqualTo(50);
        assertThat(ClearingPrice.against(120, 0.03, 1.0, 0)).isEqualTo(34);
    }

    @Test
    void the_floor_is_the_reserve_and_the_bid_the_ceiling() {
        assertThat(ClearingPrice.against(120, 0.02, 0.1, 25)).as("floor above the competitor's price").isEqualTo(25);
        assertThat(ClearingPrice.against(40, 0.02, 1.0, 0)).as("a competitor it beats only on the tie order").isEqualTo(40);
        assertThat(ClearingPrice.alone(70, 25)).as("a lone bidder pays the floor").isEqualTo(25);
        assertThat(ClearingPrice.alone(70, 0)).as("never free").isEqualTo(1);
    }

    @Test
    void a_ctr_that_is_not_positive_pays_the_bid() {
        assertThat(ClearingPrice.against(70, 0, 0.5, 10)).isEqualTo(70);
        assertThat(ClearingPrice.against(70, Double.NaN, 0.5, 10)).isEqualTo(70);
    }

    @Test
    void rounding_of_the_quotient_never_gives_a_bid_that_only_ties() {
        for (int cpc = 1; cpc <= 2_000; cpc++) {
            for (double ctr : new double[] {0.01, 0.02, 0.03, 0.07, 0.1, 1.0 / 3, 0.0123456}) {
                double score = cpc * ctr;
                long bid = ClearingPrice.leastBidAbove(score, ctr, Long.MAX_VALUE);
                assertThat(bid * ctr).as("cpc " + cpc + " ctr " + ctr).isGreaterThan(score);
                assertThat((bid - 1) * ctr).as("cpc " + cpc + " ctr " + ctr).isLessThanOrEqualTo(score);
            }
        }
    }
}
