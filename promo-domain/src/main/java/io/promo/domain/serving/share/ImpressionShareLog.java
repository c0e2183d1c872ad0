package io.promo.domain.serving.share;

import io.promo.domain.shared.CampaignId;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * Out port: the impression-share counts per campaign, budget day and hour. Counts are only ever added (a flush of the
 * {@link ImpressionShareCounter}), so a day's figures are the sum of every node's flushes.
 */
public interface ImpressionShareLog {

    /** Adds each entry's counts to those stored for its campaign, day and hour; all of them or none. */
    void add(List<HourlyShare> counts);

    /** Per budget day in {@code [from, to]} with any count, the day's sum over its hours; days without counts left out. */
    Map<LocalDate, ShareCounts> daily(CampaignId campaignId, LocalDate from, LocalDate to);
}
