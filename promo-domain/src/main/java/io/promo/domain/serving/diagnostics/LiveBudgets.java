package io.promo.domain.serving.diagnostics;

import io.promo.domain.ledger.BudgetState;
import io.promo.domain.shared.CampaignId;
import java.time.LocalDate;

/**
 * Out-port of {@link WhyNotShown}: a campaign's budget state as the ledger holds it at the moment of asking
 * ({@code BudgetLedger#state} offers it), not as of the serving snapshot.
 */
@FunctionalInterface
public interface LiveBudgets {

    BudgetState state(CampaignId campaignId, LocalDate day);
}
