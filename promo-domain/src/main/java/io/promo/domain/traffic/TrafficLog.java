package io.promo.domain.traffic;

import io.promo.domain.serving.ranking.CtrCounts;
import io.promo.domain.shared.CampaignId;
import io.promo.domain.shared.EventId;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * Out port: the append-only event log ({@code promo_event}) and the per-day counts kept beside it for reports
 * and the CTR feed. Events are never changed or removed (I5).
 */
public interface TrafficLog {

    /** Appends a batch of impressions; the batch and its counts are stored together or not at all. */
    void appendImpressions(List<TrafficEvent> impressions);

    /**
     * True when an event with this id is stored. After an append whose outcome is unknown (the connection broke
     * around the commit), asking for one of its events tells whether the whole batch made it.
     */
    boolean containsEvent(EventId eventId);

    /** Appends an invalid click that was decided without looking anything up (token, client data, bot, burst). */
    void appendInvalidClick(TrafficEvent invalidClick);

    /**
     * The atomic click. In one step that no concurrent call can interleave with, decides by these rules, in
     * this order, and logs exactly one event under {@code click.event()}'s id:
     * <ol>
     *   <li>the campaign exists and is billable ({@code Billability}), else {@code campaign_not_billable};</li>
     *   <li>the viewer is not the advertiser's own user, else {@code self_click};</li>
     *   <li>no click of this impression was logged before, else {@code duplicate_impression};</li>
     *   <li>the same viewer logged no click of this campaign at or after {@code click.repeatSince()}, else
     *       {@code repeated_viewer};</li>
     *   <li>then the spend ({@code BudgetLedger.spend} semantics): billed, the click is logged with its
     *       {@code billed_cents}; refused for money, the click is logged with 0 and the reason.</li>
     * </ol>
     * A spend is never left without its click event, nor a click event with {@code billed_cents > 0} without
     * its spend: both commit together or neither does.
     */
    ClickLogged logClick(ClickToLog click);

    /** The campaign's clicks in {@code [from, to)} that were billed, oldest first. */
    List<BilledClick> billedClicks(CampaignId campaignId, Instant from, Instant to);

    /**
     * Per budget day in {@code [from, to]}, days with no traffic and no money left out: the event counts, the
     * spend as the ledger's day counters hold it, and the invalid-click credits of clicks made that day.
     */
    List<DayTraffic> daily(CampaignId campaignId, LocalDate from, LocalDate to);

    /** Impressions and valid clicks per campaign on budget days from {@code firstDay} on (the CTR feed). */
    Map<CampaignId, CtrCounts> ctrCountsSince(LocalDate firstDay);
}
