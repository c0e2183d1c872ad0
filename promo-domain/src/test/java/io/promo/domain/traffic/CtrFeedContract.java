package io.promo.domain.traffic;

import static io.promo.domain.testing.TestData.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import io.promo.domain.campaign.Campaign;
import io.promo.domain.serving.ranking.CtrCounts;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** What every {@link CtrFeed} must answer about what the logs stored; run against the fake and PostgreSQL. */
public abstract class CtrFeedContract extends TrafficContractSupport {

    @Test
    void impressions_and_valid_clicks_since_a_day_feed_the_ctr_and_invalid_clicks_do_not() {
        Campaign other = activeCampaign(1_000);
        stores.impressions().appendImpressions(impressions(30, campaign.id(), NOW));
        stores.impressions().appendImpressions(impressions(7, campaign.id(), NOW.minus(Duration.ofDays(1))));
        stores.impressions().appendImpressions(impressions(5, other.id(), NOW));
        logClick(newImpression(), aViewer(), NOW);
        appendInvalidClick(campaign.id(), InvalidClickReason.BOT_USER_AGENT);

        assertThat(stores.ctrFeed().countsSince(TODAY.minusDays(30)))
                .containsEntry(campaign.id(), new CtrCounts(37, 1))
                .containsEntry(other.id(), new CtrCounts(5, 0));
        assertThat(stores.ctrFeed().countsSince(TODAY)).containsEntry(campaign.id(), new CtrCounts(30, 1));
    }
}
