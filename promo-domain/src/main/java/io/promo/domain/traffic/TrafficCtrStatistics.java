package io.promo.domain.traffic;

import io.promo.domain.ledger.BudgetCalendar;
import io.promo.domain.serving.ranking.CtrCounts;
import io.promo.domain.serving.ranking.CtrStatistics;
import io.promo.domain.shared.CampaignId;
import java.time.Clock;
import java.util.Map;

/**
 * The ranking's CTR evidence ({@link CtrStatistics}) from the {@link CtrFeed} (the event log's per-day counts): impressions and valid
 * clicks (billed or not; invalid ones never count) of each campaign over the last {@code days} budget days,
 * today included. Read once per serving-index refresh: one grouped query over the counts, not the events.
 */
public final class TrafficCtrStatistics implements CtrStatistics {

    /** Thirty days: enough evidence for most campaigns, recent enough to follow a changed ad. */
    public static final int DEFAULT_DAYS = 30;

    private final CtrFeed feed;
    private final BudgetCalendar calendar;
    private final Clock clock;
    private final int days;

    public TrafficCtrStatistics(CtrFeed feed, BudgetCalendar calendar, Clock clock, int days) {
        if (days < 1) {
            throw new IllegalArgumentException("a CTR window covers at least one day: " + days);
        }
        this.feed = feed;
        this.calendar = calendar;
        this.clock = clock;
        this.days = days;
    }

    @Override
    public Map<CampaignId, CtrCounts> countsByCampaign() {
        return feed.countsSince(calendar.dayOf(clock.instant()).minusDays(days - 1));
    }
}
