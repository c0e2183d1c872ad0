package io.promo.billing;

import com.stripe.exception.EventDataObjectDeserializationException;
import com.stripe.exception.StripeException;
import com.stripe.model.Charge;
import com.stripe.model.Dispute;
import com.stripe.model.Event;
import com.stripe.model.PaymentIntent;
import com.stripe.model.Refund;
import com.stripe.model.StripeError;
import com.stripe.model.StripeObject;
import com.stripe.param.RefundListParams;
import io.promo.domain.funding.PaymentEvent;
import io.promo.domain.shared.Money;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Turns a verified Stripe {@link Event} into the domain's {@link PaymentEvent}: the only place that
 * knows Stripe's event types and object shapes. Events whose types promo does not act on become
 * {@link PaymentEvent.Ignored}.
 *
 * <p>Two questions need Stripe's API: the refunds of a refunded charge, when the event's charge does not
 * carry all of them (since API version 2022-11-15 Stripe leaves {@code refunds} out of the charge unless
 * expanded; an embedded list is trusted only when it adds up to the charge's {@code amount_refunded}),
 * and the payment intent of a dispute that names only its charge.
 */
public final class StripeEventTranslator {

    /** Refunds in these states have taken (or are taking) the money back; failed and canceled ones have not. */
    private static final Set<String> MONEY_BACK_REFUND_STATES = Set.of("succeeded", "pending", "requires_action");

    private final StripeApi stripe;

    StripeEventTranslator(StripeApi stripe) {
        this.stripe = stripe;
    }

    /** The event was signed by Stripe but its object cannot be read: a redelivery after a fix may succeed. */
    public static final class UnreadableEvent extends Exception {
        UnreadableEvent(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** The signed body is not a Stripe event at all (not JSON, no id or type): no redelivery can change that. */
    public static final class NotAnEvent extends Exception {
        NotAnEvent(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** Stripe's API could not answer a question the event needs: deliver again later. */
    public static final class StripeUnavailable extends Exception {
        StripeUnavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** Reads the raw body (already verified) as an event; its data object is read later, by {@link #translate}. */
    Event parse(String rawBody) throws NotAnEvent {
        Event event;
        try {
            event = stripe.client().constructEventWithoutVerification(rawBody);
        } catch (RuntimeException e) {
            throw new NotAnEvent("the body is not a JSON Stripe event: " + e.getMessage(), e);
        }
        if (event == null || event.getId() == null || event.getType() == null) {
            throw new NotAnEvent("the body is not a Stripe event: it has no id or type", null);
        }
        return event;
    }

    public PaymentEvent translate(Event event) throws UnreadableEvent, StripeUnavailable {
        String id = event.getId();
        String type = event.getType();
        switch (type) {
            case "payment_intent.succeeded": {
                PaymentIntent intent = dataObject(event, PaymentIntent.class);
                long received = intent.getAmountReceived() != null && intent.getAmountReceived() > 0
                        ? intent.getAmountReceived() : intent.getAmount();
                return new PaymentEvent.PaymentSucceeded(id, intent.getId(), StripeMetadata.campaignOf(intent.getMetadata()),
                        Money.ofCents(received), intent.getCurrency(), StripeMetadata.topUpRequestOf(intent.getMetadata()));
            }
            case "payment_intent.payment_failed": {
                PaymentIntent intent = dataObject(event, PaymentIntent.class);
                StripeError error = intent.getLastPaymentError();
                String code = error == null ? "unknown"
                        : Optional.ofNullable(error.getDeclineCode()).orElse(Optional.ofNullable(error.getCode()).orElse("unknown"));
                String message = error == null || error.getMessage() == null ? "no message" : error.getMessage();
                return new PaymentEvent.PaymentFailed(id, intent.getId(), StripeMetadata.campaignOf(intent.getMetadata()),
                        code, message);
            }
            case "charge.refunded": {
                Charge charge = dataObject(event, Charge.class);
                return refunded(id, charge);
            }
            case "refund.failed": {
                Refund refund = dataObject(event, Refund.class);
                String charge = Optional.ofNullable(refund.getCharge()).orElse("(none)");
                return new PaymentEvent.RefundFailed(id, refund.getId(), charge, Optional.ofNullable(refund.getPaymentIntent()),
                        Money.ofCents(refund.getAmount()), refund.getCurrency(),
                        Optional.ofNullable(refund.getFailureReason()).orElse("no reason given"));
            }
            case "charge.dispute.created":
            case "charge.dispute.funds_withdrawn": {
                Dispute dispute = dataObject(event, Dispute.class);
                if (type.equals("charge.dispute.created") && isInquiry(dispute)) {
                    // An inquiry (warning_…) withdraws nothing; if it becomes a dispute, funds_withdrawn follows.
                    return new PaymentEvent.Ignored(id, type);
                }
                return new PaymentEvent.DisputeFundsWithdrawn(id, type, dispute.getId(), paymentIntentOf(dispute),
                        Optional.empty(), Money.ofCents(dispute.getAmount()), dispute.getCurrency());
            }
            case "charge.dispute.funds_reinstated": {
                Dispute dispute = dataObject(event, Dispute.class);
                return new PaymentEvent.DisputeFundsReinstated(id, dispute.getId(), paymentIntentOf(dispute),
                        Optional.empty(), Money.ofCents(dispute.getAmount()), dispute.getCurrency());
            }
            default:
                return new PaymentEvent.Ignored(id, type);
        }
    }

    private static boolean isInquiry(Dispute dispute) {
        return dispute.getStatus() != null && dispute.getStatus().startsWith("warning_");
    }

    /**
     * The charge's refunds: those embedded in the event when they are all there (the list is complete and
     * adds up to {@code amount_refunded}), otherwise as Stripe lists them now, against the charge as it is now.
     * The domain books them only if they add up; if Stripe's list still lags behind the charge, the event is
     * delivered again later.
     */
    private PaymentEvent.Refunded refunded(String eventId, Charge charge) throws StripeUnavailable {
        Money amountRefunded = Money.ofCents(charge.getAmountRefunded() == null ? 0 : charge.getAmountRefunded());
        if (charge.getRefunds() != null && charge.getRefunds().getData() != null
                && !Boolean.TRUE.equals(charge.getRefunds().getHasMore())) {
            PaymentEvent.Refunded embedded = refunded(eventId, charge, amountRefunded, charge.getRefunds().getData());
            if (embedded.refundsAddUp()) {
                return embedded;
            }
        }
        // The event's charge is as it was when the event was made; the refunds are listed as they are now, and since
        // then refunds may have been made, or have failed. So the charge is read now too: both sides of the sum are
        // of one moment, and a late event of a charge whose refund failed since still books the others.
        List<Refund> listed = new ArrayList<>();
        Charge now;
        try {
            RefundListParams params = RefundListParams.builder().setCharge(charge.getId()).setLimit(100L).build();
            for (Refund refund : stripe.client().v1().refunds().list(params).autoPagingIterable()) {
                listed.add(refund);
            }
        } catch (StripeException | RuntimeException e) {
            throw new StripeUnavailable("cannot list the refunds of charge " + charge.getId() + ": " + stripe.failure(e),
                    e);
        }
        try {
            now = stripe.client().v1().charges().retrieve(charge.getId());
        } catch (StripeException e) {
            throw new StripeUnavailable("cannot read charge " + charge.getId() + ": " + stripe.failure(e), e);
        }
        return refunded(eventId, charge, amountRefundedNow(now, listed), listed);
    }

    /**
     * What the charge has refunded now, for the money-back refunds listed now to add up to. Stripe does not document
     * whether a failed refund leaves {@code amount_refunded}: when the failed refunds listed are exactly what stands
     * between the two, they are taken out. A list that lags behind the charge matches neither reading.
     */
    private static Money amountRefundedNow(Charge now, List<Refund> listed) {
        long counted = now.getAmountRefunded() == null ? 0 : now.getAmountRefunded();
        long moneyBack = 0;
        long failed = 0;
        for (Refund refund : listed) {
            if (isMoneyBack(refund)) {
                moneyBack += refund.getAmount();
            } else if ("failed".equals(refund.getStatus())) {
                failed += refund.getAmount();
            }
        }
        return Money.ofCents(failed > 0 && counted == moneyBack + failed ? moneyBack : counted);
    }

    private static boolean isMoneyBack(Refund refund) {
        return refund.getStatus() == null || MONEY_BACK_REFUND_STATES.contains(refund.getStatus());
    }

    private static PaymentEvent.Refunded refunded(String eventId, Charge charge, Money amountRefunded, List<Refund> refunds) {
        List<PaymentEvent.Refund> moneyBack = new ArrayList<>();
        for (Refund refund : refunds) {
            if (isMoneyBack(refund)) {
                moneyBack.add(new PaymentEvent.Refund(refund.getId(), Money.ofCents(refund.getAmount()),
                        Optional.ofNullable(refund.getCurrency()).orElse(charge.getCurrency())));
            }
        }
        return new PaymentEvent.Refunded(eventId, charge.getId(), Optional.ofNullable(charge.getPaymentIntent()),
                StripeMetadata.campaignOf(charge.getMetadata()), amountRefunded, moneyBack);
    }

    private Optional<String> paymentIntentOf(Dispute dispute) throws StripeUnavailable {
        if (dispute.getPaymentIntent() != null) {
            return Optional.of(dispute.getPaymentIntent());
        }
        if (dispute.getCharge() == null) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(stripe.client().v1().charges().retrieve(dispute.getCharge()).getPaymentIntent());
        } catch (StripeException e) {
            throw new StripeUnavailable("cannot retrieve charge " + dispute.getCharge() + " of dispute " + dispute.getId()
                    + ": " + stripe.failure(e), e);
        }
    }

    /**
     * The event's object. stripe-java reads it safely when the event's API version is its own
     * ({@code 2026-07-29.dahlia} for stripe-java 33.3.0: pin the webhook endpoint to it); otherwise it is
     * read anyway, and refused only if that fails.
     */
    private static <T extends StripeObject> T dataObject(Event event, Class<T> type) throws UnreadableEvent {
        StripeObject object;
        try {
            object = event.getDataObjectDeserializer().getObject().isPresent()
                    ? event.getDataObjectDeserializer().getObject().get()
                    : event.getDataObjectDeserializer().deserializeUnsafe();
        } catch (EventDataObjectDeserializationException | RuntimeException e) {
            throw new UnreadableEvent("cannot read the " + event.getType() + " object of event " + event.getId()
                    + " (api_version " + event.getApiVersion() + "): " + e.getMessage(), e);
        }
        if (!type.isInstance(object)) {
            throw new UnreadableEvent("event " + event.getId() + " of type " + event.getType() + " carries a "
                    + (object == null ? "nothing" : object.getClass().getSimpleName()) + ", not a " + type.getSimpleName(), null);
        }
        return type.cast(object);
    }
}
