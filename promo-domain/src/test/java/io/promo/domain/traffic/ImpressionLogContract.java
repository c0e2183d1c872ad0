package io.promo.domain.traffic;

import static io.promo.domain.testing.TestData.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What every {@link ImpressionLog} must do; run against the fake and the PostgreSQL adapter. */
public abstract class ImpressionLogContract extends TrafficContractSupport {

    @Test
    void an_appended_batch_is_found_by_any_of_its_events() {
        List<TrafficEvent> batch = impressions(3, campaign.id(), NOW);
        assertThat(stores.impressions().containsEvent(batch.get(1).eventId())).isFalse();

        stores.impressions().appendImpressions(batch);

        assertThat(batch).allSatisfy(e -> assertThat(stores.impressions().containsEvent(e.eventId())).isTrue());
    }

    @Test
    void appended_impressions_are_counted_on_their_budget_day() {
        stores.impressions().appendImpressions(impressions(30, campaign.id(), NOW));
        stores.impressions().appendImpressions(impressions(7, campaign.id(), NOW.minus(Duration.ofDays(1))));

        assertThat(stores.reports().daily(campaign.id(), TODAY.minusDays(1), TODAY))
                .extracting(DayTraffic::impressions).containsExactly(7L, 30L);
    }

    @Test
    void one_batch_across_midnight_counts_each_impression_on_its_own_budget_day() {
        Instant midnight = TODAY.atStartOfDay(ZoneOffset.UTC).toInstant();
        List<TrafficEvent> batch = new ArrayList<>(impressions(2, campaign.id(), midnight.minusNanos(1_000)));
        batch.addAll(impressions(4, campaign.id(), midnight));
        batch.addAll(impressions(1, campaign.id(), midnight.minusSeconds(1)));

        stores.impressions().appendImpressions(batch);

        assertThat(stores.reports().daily(campaign.id(), TODAY.minusDays(1), TODAY))
                .extracting(DayTraffic::impressions).containsExactly(3L, 4L);
    }

    @Test
    void a_batch_that_is_not_all_impressions_is_refused_whole() {
        List<TrafficEvent> batch = new ArrayList<>(impressions(2, campaign.id(), NOW));
        batch.add(event(campaign.id(), newImpression(), aViewer(), NOW, new EventDetail.Invalid(InvalidClickReason.BOT_USER_AGENT)));

        assertThatThrownBy(() -> stores.impressions().appendImpressions(batch))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(stores.impressions().containsEvent(batch.get(0).eventId())).isFalse();
    }
}
