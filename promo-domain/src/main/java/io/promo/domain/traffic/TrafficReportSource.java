package io.promo.domain.traffic;

import io.promo.domain.shared.CampaignId;
import java.time.LocalDate;
import java.util.List;

/** Out port: a campaign's traffic and money per budget day, as the reports show it. */
public interface TrafficReportSource {

    /**
     * Per budget day in {@code [from, to]}, days with no traffic and no money left out: the event counts, the
     * spend as the ledger's day counters hold it, and the invalid-click credits of clicks made that day.
     */
    List<DayTraffic> daily(CampaignId campaignId, LocalDate from, LocalDate to);
}
