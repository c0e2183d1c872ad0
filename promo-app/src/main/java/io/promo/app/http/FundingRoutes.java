package io.promo.app.http;

import static io.promo.app.http.ProblemResponses.accepted;

import io.javalin.http.Context;
import io.promo.app.http.JsonViews.BalanceView;
import io.promo.app.http.JsonViews.FundingView;
import io.promo.app.http.JsonViews.LedgerEntryView;
import io.promo.app.http.JsonViews.LedgerLineView;
import io.promo.app.http.JsonViews.LedgerView;
import io.promo.app.http.JsonViews.TopUpView;
import io.promo.domain.funding.TopUpCampaign;
import io.promo.domain.funding.TopUpCommand;
import io.promo.domain.funding.TopUpResult;
import io.promo.domain.ledger.BudgetLedger;
import io.promo.domain.ledger.BudgetQueries;
import io.promo.domain.ledger.FundingCommand;
import io.promo.domain.ledger.IdempotencyKey;
import io.promo.domain.ledger.LedgerPage;
import io.promo.domain.report.LedgerStatement;
import io.promo.domain.ledger.RecordFunding;
import io.promo.domain.shared.CampaignId;
import io.promo.domain.shared.LedgerEntryId;
import io.promo.domain.shared.Money;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A campaign's money: top-ups through the payment gateway, admins' credits, the balance and the ledger. */
public final class FundingRoutes implements ApiRoutes {

    // The fields of a top-up and of a credit, each named once.
    private static final String AMOUNT_CENTS = "amount_cents";
    private static final String IDEMPOTENCY_KEY = "idempotency_key";
    private static final String REASON = "reason";

    private final TopUpCampaign topUpCampaign;
    private final RecordFunding recordFunding;
    private final BudgetQueries budgetQueries;
    private final LedgerStatement ledgerStatement;

    public FundingRoutes(TopUpCampaign topUpCampaign, RecordFunding recordFunding, BudgetQueries budgetQueries,
            LedgerStatement ledgerStatement) {
        this.topUpCampaign = topUpCampaign;
        this.recordFunding = recordFunding;
        this.budgetQueries = budgetQueries;
        this.ledgerStatement = ledgerStatement;
    }

    @Override
    public void register(ApiRouter router) {
        router.post("/v1/campaigns/{id}/topups", Access.ADVERTISER, (ctx, caller) -> {
            CampaignId campaignId = Respond.campaignId(ctx);
            JsonBody body = JsonBody.of(ctx).allowOnly(AMOUNT_CENTS, IDEMPOTENCY_KEY);
            Long amount = body.wholeNumber(AMOUNT_CENTS);
            String key = body.text(IDEMPOTENCY_KEY);
            body.throwIfInvalid();
            TopUpResult result = accepted(topUpCampaign.topUp(
                    new TopUpCommand(caller.actor(), campaignId, Money.ofCents(amount), key)));
            answer(ctx, result);
        });
        router.post("/v1/campaigns/{id}/credits", Access.ADMIN, (ctx, caller) -> {
            CampaignId campaignId = Respond.campaignId(ctx);
            JsonBody body = JsonBody.of(ctx).allowOnly(AMOUNT_CENTS, REASON, IDEMPOTENCY_KEY);
            Long amount = body.wholeNumber(AMOUNT_CENTS);
            String reason = body.text(REASON);
            String key = body.text(IDEMPOTENCY_KEY);
            if (key != null && !IdempotencyKey.isValidReference(key)) {
                body.reject(IDEMPOTENCY_KEY, "must be 1 to 200 letters, digits or _ . / : = - (a UUID will do)");
            }
            body.throwIfInvalid();
            BudgetLedger.Recorded recorded = accepted(recordFunding.record(
                    FundingCommand.credit(caller.actor(), campaignId, Money.ofCents(amount), reason, key)));
            Respond.json(ctx, recorded.newlyWritten() ? 201 : 200,
                    new FundingView(LedgerEntryView.of(recorded.entry()), recorded.newlyWritten()));
        });
        router.get("/v1/campaigns/{id}/balance", Access.ADVERTISER, (ctx, caller) -> {
            CampaignId campaignId = Respond.campaignId(ctx);
            Respond.json(ctx, 200, BalanceView.of(campaignId.value(),
                    accepted(budgetQueries.summary(caller.actor(), campaignId))));
        });
        router.get("/v1/campaigns/{id}/ledger", Access.ADVERTISER, (ctx, caller) -> {
            CampaignId campaignId = Respond.campaignId(ctx);
            LedgerPage page = new LedgerPage(Respond.wholeNumberParam(ctx, "limit", LedgerPage.DEFAULT_LIMIT,
                    LedgerPage.MAX_LIMIT), Optional.ofNullable(ctx.queryParam("before"))
                    .map(before -> LedgerEntryId.parse("before", before)));
            List<LedgerStatement.Line> lines = accepted(ledgerStatement.page(caller.actor(), campaignId, page));
            String next = lines.size() == page.limit() ? lines.get(lines.size() - 1).entry().id().value() : null;
            Respond.json(ctx, 200, new LedgerView(lines.stream().map(LedgerLineView::of).toList(), next));
        });
    }

    /**
     * Charged 200 with the ledger entry; waiting for the card holder or the processor 202; declined 402 and
     * unreachable processor 503, both as problems since nothing was charged; another request with the same
     * key still charging 409 with Retry-After (the key's answer follows once that charge ends).
     */
    private static void answer(Context ctx, TopUpResult result) {
        if (result instanceof TopUpResult.Charged charged) {
            Respond.json(ctx, 200, new TopUpView("charged", charged.processorRef(), LedgerEntryView.of(charged.topUp()), null));
        } else if (result instanceof TopUpResult.ActionRequired action) {
            Respond.json(ctx, 202, new TopUpView("requires_action", action.processorRef(), null, action.clientSecret()));
        } else if (result instanceof TopUpResult.Pending pending) {
            Respond.json(ctx, 202, new TopUpView("pending", pending.processorRef(), null, null));
        } else if (result instanceof TopUpResult.Declined declined) {
            throw ApiProblem.of(402, declined.message() + " (decline code " + declined.declineCode() + "): nothing was charged");
        } else if (result instanceof TopUpResult.InProgress inProgress) {
            throw new ApiProblem(Problem.of(409, "a request with this idempotency_key is being charged right now; ask again"
                    + " with the same idempotency_key to get its result: this request charged nothing"),
                    Map.of("Retry-After", String.valueOf(Math.max(1, inProgress.retryAfter().toSeconds()))));
        } else {
            TopUpResult.RetryLater later = (TopUpResult.RetryLater) result;
            throw new ApiProblem(Problem.of(503, "the payment processor could not be reached (" + later.reason()
                    + "); retry with the same idempotency_key: it charges at most once"), Map.of("Retry-After", "5"));
        }
    }
}
