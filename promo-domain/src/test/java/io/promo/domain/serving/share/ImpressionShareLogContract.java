package io.promo.domain.serving.share;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import io.promo.domain.shared.CampaignId;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What every {@link ImpressionShareLog} does: counts added per campaign, day and hour add up, a day's figures are the
 * sum of its hours, and days without counts are absent (a report shows them as zeros). Run on the in-memory fake and
 * on PostgreSQL.
 */
public abstract class ImpressionShareLogContract {

    protected static final LocalDate DAY = LocalDate.of(2026, 12, 10);

    /** The log under test, emptied. */
    protected abstract ImpressionShareLog emptyLog();

    protected CampaignId campaign(String suffix) {
        return new CampaignId("pcmp_share" + suffix);
    }

    @Test
    void a_day_is_the_sum_of_its_hours_and_of_every_flush() {
        CampaignId a = campaign("a");
        CampaignId b = campaign("b");
        ImpressionShareLog log = emptyLog();

        log.add(List.of(new HourlyShare(a, DAY, 9, new ShareCounts(3, 1, 0, 2, 0, 4, 1)),
                new HourlyShare(a, DAY, 10, new ShareCounts(1, 0, 0, 0, 5, 0, 0)),
                new HourlyShare(b, DAY, 9, new ShareCounts(7, 0, 0, 0, 0, 0, 0))));
        log.add(List.of(new HourlyShare(a, DAY, 9, new ShareCounts(1, 0, 1, 0, 0, 1, 0))));

        assertThat(log.daily(a, DAY, DAY)).containsExactly(entry(DAY, new ShareCounts(5, 1, 1, 2, 5, 5, 1)));
        assertThat(log.daily(b, DAY, DAY)).containsExactly(entry(DAY, new ShareCounts(7, 0, 0, 0, 0, 0, 0)));
    }

    @Test
    void only_the_days_asked_for_with_counts_are_answered() {
        CampaignId a = campaign("c");
        ImpressionShareLog log = emptyLog();
        log.add(List.of(new HourlyShare(a, DAY.minusDays(1), 23, new ShareCounts(1, 0, 0, 0, 0, 0, 0)),
                new HourlyShare(a, DAY, 0, new ShareCounts(2, 0, 0, 0, 0, 0, 0)),
                new HourlyShare(a, DAY.plusDays(2), 0, new ShareCounts(4, 0, 0, 0, 0, 0, 0))));

        assertThat(log.daily(a, DAY, DAY.plusDays(1))).containsExactly(entry(DAY, new ShareCounts(2, 0, 0, 0, 0, 0, 0)));
        assertThat(log.daily(a, DAY.minusDays(30), DAY.minusDays(2))).isEmpty();
        assertThat(log.daily(campaign("never"), DAY, DAY)).isEmpty();
    }

    @Test
    void an_empty_batch_changes_nothing() {
        CampaignId a = campaign("d");
        ImpressionShareLog log = emptyLog();
        log.add(List.of());
        assertThat(log.daily(a, DAY, DAY)).isEmpty();
    }
}
