package io.promo.domain.ledger;

import io.promo.domain.shared.CampaignId;
import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Out port: the budget ledger and whatever counters an adapter keeps beside it. The ledger is the
 * source of truth (I7); {@link #reconcile()} proves the counters equal its sums.
 */
public interface BudgetLedger {

    /**
     * The atomic spend. In one step that no concurrent call can interleave with, appends
     * {@code spend} only if all of these hold, and otherwise appends nothing and says which failed:
     * its idempotency key is new (I4, else {@link NotBilledReason#DUPLICATE}); the campaign exists; and
     * {@link SpendPolicy} bills it from the campaign's {@link BudgetSnapshot} on {@code budgetDay}
     * (billability, then I1 the daily budget, I2 the total budget, I3 the balance), else its reason.
     */
    SpendOutcome spend(LedgerEntry spend, LocalDate budgetDay);

    /**
     * Appends a top-up, credit or adjustment unless an entry with its idempotency key exists, in which
     * case that earlier entry is returned and nothing is written. The campaign must exist. A credit with a
     * {@link LedgerEntry#releasedSpend() released spend} also takes that spend's amount back from the spend
     * of the spend's budget day and from the total spend, in the same step (ADR 0016); a released spend that
     * does not exist frees nothing.
     */
    Recorded record(LedgerEntry entry);

    /** The campaign's balance, spend on {@code day} and total spend; zeros for a campaign with no entries. */
    BudgetState state(CampaignId campaignId, LocalDate day);

    /**
     * {@link #state} of many campaigns at once, for the serving index, which reads every campaign each
     * refresh. This default asks {@link #state} once per campaign; an adapter over a database
     * should answer with one query.
     */
    default Map<CampaignId, BudgetState> states(Collection<CampaignId> campaignIds, LocalDate day) {
        Map<CampaignId, BudgetState> states = new HashMap<>(campaignIds.size() * 2);
        for (CampaignId campaignId : campaignIds) {
            states.put(campaignId, state(campaignId, day));
        }
        return states;
    }

    /** The campaign's entries, newest first. */
    List<LedgerEntry> entries(CampaignId campaignId, LedgerPage page);

    Optional<LedgerEntry> findByIdempotencyKey(IdempotencyKey key);

    /** Every counter that differs from the ledger's sums; empty when all agree. */
    List<Discrepancy> reconcile();

    /** The outcome of {@link #record}: the stored entry, and whether this call wrote it. */
    record Recorded(LedgerEntry entry, boolean newlyWritten) {
    }
}
