package io.promo.domain.serving.diagnostics;

import io.promo.domain.serving.DecisionRequest;
import io.promo.domain.serving.engine.Check;
import io.promo.domain.serving.engine.CheckResult;
import io.promo.domain.serving.engine.DecisionEngine;
import io.promo.domain.serving.engine.DiagnosisTrace;
import io.promo.domain.serving.engine.Placement;
import io.promo.domain.serving.index.ServingCampaign;
import io.promo.domain.serving.index.ServingIndex;
import io.promo.domain.serving.index.ServingIndexSource;
import io.promo.domain.serving.index.ServingSettings;
import io.promo.domain.shared.InvalidCommandException;
import io.promo.domain.shared.Outcome;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/**
 * Use case: why a campaign was or was not shown for a search (docs/design.md "Serve"; {@code GET
 * /v1/campaigns/{id}/diagnostics}). Runs the decision itself ({@link DecisionEngine#decide}) on the same
 * index, with a trace listening to the campaign: there is no second implementation of the rules to drift.
 *
 * <p>The campaign's own money (balance, spend today, total spend) is read live from the ledger, so that a
 * diagnosis agrees with the balance read beside it; everything else (statuses, settings, rivals) is the serving
 * snapshot's, at most a refresh interval old (ADR 0020). A diagnosis therefore tells what the decisions do once
 * they have caught up with the money: a budget used up a moment ago already fails here.
 *
 * <p>An advertiser sees only its own campaigns (I8): another's answers not found, as does a campaign the
 * index does not hold yet (created less than a refresh interval ago).
 */
public final class WhyNotShown {

    private final ServingIndexSource indexes;
    private final LiveBudgets budgets;
    private final DecisionEngine engine;
    private final Clock clock;

    public WhyNotShown(ServingIndexSource indexes, LiveBudgets budgets, ServingSettings settings, Clock clock) {
        this.indexes = indexes;
        this.budgets = budgets;
        this.engine = new DecisionEngine(settings);
        this.clock = clock;
    }

    public Outcome<Diagnosis> explain(WhyNotShownQuery query) {
        Objects.requireNonNull(query, "query");
        Instant now = clock.instant();
        ServingIndex snapshot = indexes.indexAt(now);
        Optional<ServingCampaign> found = snapshot.campaign(query.campaignId())
                .filter(campaign -> query.actor().mayAccess(campaign.details.advertiserId()));
        if (found.isEmpty()) {
            return Outcome.notFound("campaign", query.campaignId());
        }
        ServingIndex index = snapshot.withBudget(query.campaignId(), budgets.state(query.campaignId(), snapshot.day()));
        ServingCampaign campaign = index.campaign(query.campaignId()).orElseThrow();
        DecisionRequest request;
        try {
            request = query.toRequest(campaign.details.surface(), campaign.targetEntityId);
        } catch (InvalidCommandException e) {
            return Outcome.invalid(e.violations());
        }
        DiagnosisTrace trace = new DiagnosisTrace(campaign, query.actor());
        Placement placement = engine.decide(index, request, now, trace);
        int position = placement.positionOf(campaign);
        java.util.List<CheckResult> checks = trace.results();
        Optional<Check> deciding = checks.stream().filter(CheckResult::failed).map(CheckResult::check).findFirst();
        return Outcome.accepted(new Diagnosis(campaign.id, now, LocalDate.ofEpochDay(placement.dayEpoch()),
                campaign.details.surface(), request.role(), request.city(), placement.normalizedQuery(), checks, deciding,
                position > 0 ? Optional.of(position) : Optional.empty()));
    }
}
