package io.promo.domain.funding;

import io.promo.domain.ledger.BudgetLedger;
import io.promo.domain.ledger.EntryKind;
import io.promo.domain.ledger.FundingCommand;
import io.promo.domain.ledger.IdempotencyKey;
import io.promo.domain.ledger.LedgerEntry;
import io.promo.domain.ledger.RecordFunding;
import io.promo.domain.shared.CampaignId;
import io.promo.domain.shared.Money;
import io.promo.domain.shared.Outcome;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Use case: act on a verified processor event (docs/design.md "Fund", I6). Every effect is a ledger entry
 * with an idempotency key of its own, so it happens once however often and in whatever order events
 * arrive:
 *
 * <table>
 * <caption>ledger keys (source: the gateway's {@link PaymentGateway#processor()})</caption>
 * <tr><th>event</th><th>entry</th><th>reference</th></tr>
 * <tr><td>payment succeeded</td><td>topup</td><td>payment id ({@code pi_…}), shared with the synchronous top-up</td></tr>
 * <tr><td>charge refunded</td><td>adjustment −refund</td><td>refund id ({@code re_…}), one per refund</td></tr>
 * <tr><td>refund failed</td><td>adjustment −refund (if not booked yet), then +refund</td><td>{@code re_…}, then
 * {@code re_…:failed}</td></tr>
 * <tr><td>dispute created / funds withdrawn</td><td>adjustment −amount</td><td>{@code dp_…:withdrawn}</td></tr>
 * <tr><td>dispute funds reinstated</td><td>adjustment +amount</td><td>{@code dp_…:reinstated}</td></tr>
 * </table>
 *
 * <p>The event id is stored after its effects, not before: a crash in between leaves the event
 * unstored, the processor delivers it again, and the effects, being keyed, are not repeated. A stored
 * event id short-cuts redeliveries.
 *
 * <p>A refund or dispute names a charge, not a campaign. Its campaign is the payment's: taken from the
 * top-up already in the ledger, or, when the refund arrives before the success (events come in any
 * order), from the payment's metadata at the processor ({@link PaymentGateway#findPayment}).
 */
public final class HandlePaymentEvent {

    /** After a refund's id: the key of its money given back when it failed. */
    private static final String FAILED_REFUND_SUFFIX = ":failed";
    /** How much of a processor's failure reason (a short code, as Stripe sends) goes into a ledger entry's reason. */
    private static final int FAILURE_REASON_KEPT = 100;

    private final ProcessedPaymentEvents processed;
    private final BudgetLedger ledger;
    private final RecordFunding recordFunding;
    private final PaymentGateway gateway;
    private final TopUpRequests topUpRequests;
    private final String currency;
    private final Clock clock;

    /** @param currency the deployment's single currency: money in another is not booked but left to an operator */
    public HandlePaymentEvent(ProcessedPaymentEvents processed, BudgetLedger ledger, RecordFunding recordFunding,
            PaymentGateway gateway, TopUpRequests topUpRequests, String currency, Clock clock) {
        this.processed = processed;
        this.ledger = ledger;
        this.recordFunding = recordFunding;
        this.gateway = gateway;
        this.topUpRequests = topUpRequests;
        this.currency = ChargeRequest.requireCurrency(currency);
        this.clock = clock;
    }

    /**
     * The stored result of an event processed before, for an adapter to answer a redelivery with before
     * it asks the processor anything the event would need.
     */
    public Optional<ProcessedPaymentEvent> processedBefore(String eventId) {
        return processed.find(eventId);
    }

    public PaymentEventOutcome handle(PaymentEvent event) {
        Optional<ProcessedPaymentEvent> earlier = processedBefore(event.eventId());
        if (earlier.isPresent()) {
            return new PaymentEventOutcome.AlreadyProcessed(earlier.get());
        }
        PaymentEventOutcome outcome = apply(event);
        if (outcome instanceof PaymentEventOutcome.RetryLater) {
            return outcome;
        }
        processed.markProcessed(new ProcessedPaymentEvent(event.eventId(), event.type(), resultOf(outcome),
                Optional.of(describe(outcome)), clock.instant()));
        return outcome;
    }

    private PaymentEventOutcome apply(PaymentEvent event) {
        if (event instanceof PaymentEvent.PaymentSucceeded succeeded) {
            return topUp(succeeded);
        }
        if (event instanceof PaymentEvent.PaymentFailed failed) {
            return new PaymentEventOutcome.Noted("payment " + failed.paymentRef() + " failed ("
                    + failed.failureCode() + "): " + failed.message());
        }
        if (event instanceof PaymentEvent.Refunded refunded) {
            return refund(refunded);
        }
        if (event instanceof PaymentEvent.RefundFailed failed) {
            return refundFailed(failed);
        }
        if (event instanceof PaymentEvent.DisputeFundsWithdrawn withdrawn) {
            return adjust(withdrawn.paymentRef(), withdrawn.campaign(), withdrawn.currency(),
                    withdrawn.amount().negate(), withdrawn.disputeRef() + ":withdrawn",
                    "dispute " + withdrawn.disputeRef() + ": funds withdrawn");
        }
        if (event instanceof PaymentEvent.DisputeFundsReinstated reinstated) {
            return adjust(reinstated.paymentRef(), reinstated.campaign(), reinstated.currency(), reinstated.amount(),
                    reinstated.disputeRef() + ":reinstated", "dispute " + reinstated.disputeRef() + ": funds reinstated");
        }
        return new PaymentEventOutcome.Ignored(event.type());
    }

    private PaymentEventOutcome topUp(PaymentEvent.PaymentSucceeded succeeded) {
        if (succeeded.campaign().isEmpty()) {
            return new PaymentEventOutcome.Unmatched("payment " + succeeded.paymentRef()
                    + " carries no campaign_id in its metadata: not a promo top-up");
        }
        if (!currency.equals(succeeded.currency())) {
            return wrongCurrency("payment " + succeeded.paymentRef(), succeeded.currency());
        }
        if (!IdempotencyKey.isValidReference(succeeded.paymentRef())) {
            return new PaymentEventOutcome.Unmatched("payment id " + succeeded.paymentRef() + " cannot key a ledger entry");
        }
        CampaignId campaign = succeeded.campaign().get();
        PaymentEventOutcome outcome = recorded(recordFunding.record(FundingCommand.topUp(campaign, succeeded.amount(),
                gateway.processor(), succeeded.paymentRef())), "top-up " + succeeded.paymentRef(), campaign);
        succeeded.topUpRequest().flatMap(id -> TopUpCampaign.clientKeyOf(campaign, id))
                .ifPresent(clientKey -> settle(campaign, clientKey, succeeded));
        return outcome;
    }

    /**
     * Settles the top-up request the payment was made for, if it is still pending: its charge's caller died or never
     * heard back, and without this a retry of the client's key after the processor forgot the key would charge again
     * (ADR 0015). An attempt still running stores the same payment (same processor key) or loses its compare-and-set.
     */
    private void settle(CampaignId campaign, String clientKey, PaymentEvent.PaymentSucceeded succeeded) {
        topUpRequests.find(campaign, clientKey)
                .filter(request -> !request.isFinal() && request.amount().equals(succeeded.amount()))
                .ifPresent(request -> topUpRequests.replace(request, request.settledBy(succeeded.paymentRef())));
    }

    private PaymentEventOutcome refund(PaymentEvent.Refunded refunded) {
        if (!refunded.refundsAddUp()) {
            // A list that misses a refund would take back too little, and the event would be stored as done.
            return new PaymentEventOutcome.RetryLater("charge " + refunded.chargeRef() + " has refunded "
                    + refunded.amountRefunded().cents() + " but its refunds listed add up to "
                    + refunded.refunds().stream().mapToLong(r -> r.amount().cents()).sum()
                    + ": not booked until they agree");
        }
        Resolution resolution = campaignOf(refunded.paymentRef(), refunded.campaign(), "charge " + refunded.chargeRef());
        if (resolution.failure().isPresent()) {
            return resolution.failure().get();
        }
        if (refunded.refunds().isEmpty()) {
            return new PaymentEventOutcome.Noted("charge " + refunded.chargeRef() + " refunded, but no refund of it has succeeded");
        }
        for (PaymentEvent.Refund refund : refunded.refunds()) {
            if (!currency.equals(refund.currency())) {
                return wrongCurrency("refund " + refund.refundRef(), refund.currency());
            }
            if (!IdempotencyKey.isValidReference(refund.refundRef())) {
                return new PaymentEventOutcome.Unmatched("refund id " + refund.refundRef() + " cannot key a ledger entry");
            }
        }
        List<LedgerEntry> entries = new ArrayList<>();
        List<String> summaries = new ArrayList<>();
        for (PaymentEvent.Refund refund : refunded.refunds()) {
            PaymentEventOutcome outcome = recorded(recordFunding.record(takeBack(resolution.campaign(),
                    refund.refundRef(), refund.amount(), refunded.chargeRef())), "refund " + refund.refundRef(),
                    resolution.campaign());
            if (!(outcome instanceof PaymentEventOutcome.Applied applied)) {
                return outcome;
            }
            entries.addAll(applied.entries());
            summaries.add(applied.summary());
        }
        return new PaymentEventOutcome.Applied(entries, String.join("; ", summaries));
    }

    /** A refund's money taken back from its campaign: one entry per refund, whichever event books it first. */
    private FundingCommand takeBack(CampaignId campaign, String refundRef, Money amount, String chargeRef) {
        return FundingCommand.adjustment(campaign, amount.negate(), gateway.processor(), refundRef,
                "refund " + refundRef + " of charge " + chargeRef);
    }

    /**
     * A failed refund's money given back. The refund's own take-back is booked first (a {@code charge.refunded} may
     * have booked it already, or may arrive later with an older view of the refund: keyed by the refund, it is taken
     * once), then exactly that amount is given back under {@code <refund>:failed}. The two net to nothing in any order
     * of events, and neither happens twice.
     */
    private PaymentEventOutcome refundFailed(PaymentEvent.RefundFailed failed) {
        String what = "refund " + failed.refundRef();
        if (!currency.equals(failed.currency())) {
            return wrongCurrency(what, failed.currency());
        }
        String givenBack = failed.refundRef() + FAILED_REFUND_SUFFIX;
        if (!IdempotencyKey.isValidReference(failed.refundRef()) || !IdempotencyKey.isValidReference(givenBack)) {
            return new PaymentEventOutcome.Unmatched("refund id " + failed.refundRef() + " cannot key a ledger entry");
        }
        Resolution resolution = campaignOf(failed.paymentRef(), Optional.empty(), "charge " + failed.chargeRef());
        if (resolution.failure().isPresent()) {
            return resolution.failure().get();
        }
        CampaignId campaign = resolution.campaign();
        PaymentEventOutcome taken = recorded(recordFunding.record(takeBack(campaign, failed.refundRef(), failed.amount(),
                failed.chargeRef())), what, campaign);
        if (!(taken instanceof PaymentEventOutcome.Applied takenApplied)) {
            return taken;
        }
        Money back = takenApplied.entries().get(0).amount().negate();
        String reason = failed.failureReason().length() <= FAILURE_REASON_KEPT ? failed.failureReason()
                : failed.failureReason().substring(0, FAILURE_REASON_KEPT) + "…";
        // The charge is named in the take-back's reason; leaving it out here bounds this one (an id of at most 200
        // characters and a cut failure reason) within the ledger's 500, whatever the charge id is.
        PaymentEventOutcome returned = recorded(recordFunding.record(FundingCommand.adjustment(campaign, back,
                gateway.processor(), givenBack, what + " failed (" + reason + "): its money came back")),
                what + " failed", campaign);
        if (!(returned instanceof PaymentEventOutcome.Applied returnedApplied)) {
            // Half the pair is booked: never store the event as done so, but have it delivered again (and seen).
            return new PaymentEventOutcome.RetryLater(describe(returned) + " after " + takenApplied.summary());
        }
        List<LedgerEntry> entries = new ArrayList<>(takenApplied.entries());
        entries.addAll(returnedApplied.entries());
        return new PaymentEventOutcome.Applied(entries, takenApplied.summary() + "; " + returnedApplied.summary());
    }

    private PaymentEventOutcome adjust(Optional<String> paymentRef, Optional<CampaignId> hint, String eventCurrency,
            Money signedAmount, String reference, String reason) {
        if (!currency.equals(eventCurrency)) {
            return wrongCurrency(reason, eventCurrency);
        }
        Resolution resolution = campaignOf(paymentRef, hint, reason);
        if (resolution.failure().isPresent()) {
            return resolution.failure().get();
        }
        if (!IdempotencyKey.isValidReference(reference)) {
            return new PaymentEventOutcome.Unmatched(reference + " cannot key a ledger entry");
        }
        return recorded(recordFunding.record(FundingCommand.adjustment(resolution.campaign(), signedAmount,
                gateway.processor(), reference, reason)), reason, resolution.campaign());
    }

    private PaymentEventOutcome recorded(Outcome<BudgetLedger.Recorded> outcome, String what, CampaignId campaign) {
        if (outcome instanceof Outcome.Accepted<BudgetLedger.Recorded> accepted) {
            LedgerEntry entry = accepted.value().entry();
            return new PaymentEventOutcome.Applied(List.of(entry), what + ": " + entry.kind().code() + " "
                    + entry.amount().cents() + " on " + campaign
                    + (accepted.value().newlyWritten() ? "" : " (already in the ledger)"));
        }
        return new PaymentEventOutcome.Unmatched(what + " for campaign " + campaign + " not booked: "
                + ((Outcome.Rejected<BudgetLedger.Recorded>) outcome).rejection().detail());
    }

    /** The campaign a payment's refund or dispute belongs to, or why it has none. */
    private record Resolution(CampaignId campaign, Optional<PaymentEventOutcome> failure) {
        static Resolution of(CampaignId campaign) {
            return new Resolution(campaign, Optional.empty());
        }

        static Resolution failed(PaymentEventOutcome failure) {
            return new Resolution(null, Optional.of(failure));
        }
    }

    private Resolution campaignOf(Optional<String> paymentRef, Optional<CampaignId> hint, String what) {
        if (hint.isPresent()) {
            return Resolution.of(hint.get());
        }
        if (paymentRef.isEmpty() || !IdempotencyKey.isValidReference(paymentRef.get())) {
            return Resolution.failed(new PaymentEventOutcome.Unmatched(what + " belongs to no payment intent promo made"));
        }
        Optional<LedgerEntry> topUp = ledger.findByIdempotencyKey(new IdempotencyKey(gateway.processor(), paymentRef.get()))
                .filter(entry -> entry.kind() == EntryKind.TOPUP);
        if (topUp.isPresent()) {
            return Resolution.of(topUp.get().campaignId());
        }
        PaymentLookup lookup = gateway.findPayment(paymentRef.get());
        if (lookup instanceof PaymentLookup.Found found && found.campaign().isPresent()) {
            return Resolution.of(found.campaign().get());
        }
        if (lookup instanceof PaymentLookup.Unavailable unavailable) {
            return Resolution.failed(new PaymentEventOutcome.RetryLater("cannot look up payment " + paymentRef.get()
                    + " for " + what + ": " + unavailable.reason()));
        }
        return Resolution.failed(new PaymentEventOutcome.Unmatched(what + ": payment " + paymentRef.get()
                + (lookup instanceof PaymentLookup.Found ? " carries no campaign_id: not a promo top-up" : " is unknown to the processor")));
    }

    private PaymentEventOutcome wrongCurrency(String what, String other) {
        return new PaymentEventOutcome.Unmatched(what + " is in " + other + ", promo books only " + currency);
    }

    private static ProcessedPaymentEvent.Result resultOf(PaymentEventOutcome outcome) {
        if (outcome instanceof PaymentEventOutcome.Applied) {
            return ProcessedPaymentEvent.Result.APPLIED;
        }
        if (outcome instanceof PaymentEventOutcome.Noted) {
            return ProcessedPaymentEvent.Result.NOTED;
        }
        if (outcome instanceof PaymentEventOutcome.Ignored) {
            return ProcessedPaymentEvent.Result.IGNORED;
        }
        return ProcessedPaymentEvent.Result.UNMATCHED;
    }

    private static String describe(PaymentEventOutcome outcome) {
        if (outcome instanceof PaymentEventOutcome.Applied applied) {
            return applied.summary();
        }
        if (outcome instanceof PaymentEventOutcome.Noted noted) {
            return noted.summary();
        }
        if (outcome instanceof PaymentEventOutcome.Ignored ignored) {
            return "type " + ignored.type() + " is not acted on";
        }
        return ((PaymentEventOutcome.Unmatched) outcome).reason();
    }
}
