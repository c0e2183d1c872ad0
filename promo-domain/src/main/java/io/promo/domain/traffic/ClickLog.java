package io.promo.domain.traffic;

import io.promo.domain.shared.CampaignId;
import java.time.Instant;
import java.util.List;

/**
 * Out port: where every click is logged, exactly once, as a billed {@code click}, a {@code click} billed 0 or an
 * {@code invalid_click}, and counted per campaign and budget day; and where the billed ones are found again for
 * credits. Events are never changed or removed (I5).
 */
public interface ClickLog {

    /**
     * Appends an invalid click that was decided without looking anything up (token, client data, bot, the node's own
     * burst count). It counts towards its ip's burst like every click.
     */
    void appendInvalidClick(TrafficEvent invalidClick);

    /**
     * The atomic click. In one step that no concurrent call can interleave with, reads the {@link ClickFacts}, asks
     * {@link ClickPolicy} (ip burst, counting the ip's clicks logged by every node; not billable, self-click, duplicate
     * impression, repeated viewer, in that order), and when
     * no rule is broken spends {@code click.spend()} ({@code BudgetLedger.spend} semantics); logs exactly one event
     * under {@code click.event()}'s id, as {@link ClickPolicy#afterSpend} classifies it. A spend is never left without
     * its click event, nor a click event with {@code billed_cents > 0} without its spend: both commit together or
     * neither does.
     */
    ClickLogged logClick(ClickToLog click);

    /** The campaign's clicks in {@code [from, to)} that were billed, oldest first. */
    List<BilledClick> billedClicks(CampaignId campaignId, Instant from, Instant to);
}
