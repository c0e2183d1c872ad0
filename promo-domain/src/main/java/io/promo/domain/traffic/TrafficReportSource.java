package io.promo.domain.traffic;

import io.promo.domain.shared.CampaignId;
import io.promo.domain.shared.EventId;
import io.promo.domain.shared.Money;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/** Out port: a campaign's traffic and money per budget day, as the reports show it. */
public interface TrafficReportSource {

    /**
     * Per budget day in {@code [from, to]}, days with no traffic and no money left out: the event counts, the
     * spend as the ledger's day counters hold it, and the invalid-click credits of clicks made that day.
     */
    List<DayTraffic> daily(CampaignId campaignId, LocalDate from, LocalDate to);

    /**
     * The bid (the campaign's maximum CPC when the click was served) of each of these clicks of the campaign that
     * was billed, beside which its spend entry shows the price paid (ADR 0030). Clicks of another campaign, clicks
     * not billed and clicks billed before bids were logged are absent.
     */
    Map<EventId, Money> bidsOfBilledClicks(CampaignId campaignId, Collection<EventId> clicks);
}
