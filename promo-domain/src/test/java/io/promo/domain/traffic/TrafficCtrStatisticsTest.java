package io.promo.domain.traffic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.promo.domain.campaign.Campaign;
import io.promo.domain.serving.ranking.CtrCounts;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The ranking's CTR evidence covers the last n budget days, today included. */
class TrafficCtrStatisticsTest {

    private final TrafficFixture traffic = TrafficFixture.inMemory(Instant.parse("2026-11-23T09:00:00Z"));
    private final Campaign campaign = traffic.activeCampaign(traffic.advertiser(), 10_000, 10_000);

    private Map<?, CtrCounts> lastDays(int days) {
        return new TrafficCtrStatistics(traffic.stores.ctrFeed(), traffic.calendar, traffic.clock, days).countsByCampaign();
    }

    @Test
    void a_window_of_n_days_counts_today_and_the_n_minus_one_days_before() {
        traffic.impressions(campaign.id(), 7);
        traffic.clock.advance(Duration.ofDays(2));
        traffic.impressions(campaign.id(), 3);
        traffic.click(campaign.id(), 50);

        assertThat(lastDays(1)).isEqualTo(Map.of(campaign.id(), new CtrCounts(3, 1)));
        assertThat(lastDays(2)).isEqualTo(Map.of(campaign.id(), new CtrCounts(3, 1)));
        assertThat(lastDays(3)).isEqualTo(Map.of(campaign.id(), new CtrCounts(10, 1)));
    }

    @Test
    void a_window_covers_at_least_one_day() {
        assertThatThrownBy(() -> lastDays(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
