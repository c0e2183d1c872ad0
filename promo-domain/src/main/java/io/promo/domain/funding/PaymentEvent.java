package io.promo.domain.funding;

import io.promo.domain.shared.CampaignId;
import io.promo.domain.shared.Money;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A processor's notification about money, already verified (signature) and read (JSON) by the adapter
 * that received it. Every event has the processor's event id, which makes it processed once, and the
 * processor's type name.
 *
 * <p>{@code campaign} is what the payment's metadata says, when the event carries it; for refunds and
 * disputes it usually does not, and {@link HandlePaymentEvent} finds the campaign through the payment.
 */
public sealed interface PaymentEvent {

    /** The processor's event ids: {@code evt_…} for Stripe. */
    Pattern EVENT_ID = Pattern.compile("[A-Za-z0-9_-]{1,200}");

    String eventId();

    String type();

    /**
     * A payment succeeded: it becomes one top-up, keyed by {@code paymentRef}.
     *
     * @param topUpRequest the top-up request promo charged it for ({@link ChargeRequest#TOPUP_REQUEST_ID} in its
     *                     metadata), so that the request is settled even if promo never heard the charge's answer
     */
    record PaymentSucceeded(String eventId, String paymentRef, Optional<CampaignId> campaign, Money amount,
            String currency, Optional<String> topUpRequest) implements PaymentEvent {
        public PaymentSucceeded {
            requireId(eventId);
            Objects.requireNonNull(paymentRef, "paymentRef");
            Objects.requireNonNull(campaign, "campaign");
            Objects.requireNonNull(amount, "amount");
            Objects.requireNonNull(currency, "currency");
            Objects.requireNonNull(topUpRequest, "topUpRequest");
        }

        /** A payment whose metadata names no top-up request (made outside promo's top-up, or before it kept them). */
        public PaymentSucceeded(String eventId, String paymentRef, Optional<CampaignId> campaign, Money amount,
                String currency) {
            this(eventId, paymentRef, campaign, amount, currency, Optional.empty());
        }

        @Override
        public String type() {
            return "payment_intent.succeeded";
        }
    }

    /** A payment failed: noted, no money moves. */
    record PaymentFailed(String eventId, String paymentRef, Optional<CampaignId> campaign, String failureCode,
            String message) implements PaymentEvent {
        public PaymentFailed {
            requireId(eventId);
            Objects.requireNonNull(paymentRef, "paymentRef");
            Objects.requireNonNull(campaign, "campaign");
            Objects.requireNonNull(failureCode, "failureCode");
            Objects.requireNonNull(message, "message");
        }

        @Override
        public String type() {
            return "payment_intent.payment_failed";
        }
    }

    /**
     * A charge was refunded, in part or in full, once or several times: every refund in {@code refunds}
     * becomes one negative adjustment keyed by its refund id, so a refund reported by several events is
     * taken back once. {@code paymentRef} is empty for a charge made without a payment intent.
     *
     * @param amountRefunded what the processor says the charge has refunded in all: the refunds are booked
     *                       only when they add up to it ({@link #refundsAddUp()}), so that a list that
     *                       misses a refund is never taken for the whole story
     */
    record Refunded(String eventId, String chargeRef, Optional<String> paymentRef, Optional<CampaignId> campaign,
            Money amountRefunded, List<Refund> refunds) implements PaymentEvent {
        public Refunded {
            requireId(eventId);
            Objects.requireNonNull(chargeRef, "chargeRef");
            Objects.requireNonNull(paymentRef, "paymentRef");
            Objects.requireNonNull(campaign, "campaign");
            Objects.requireNonNull(amountRefunded, "amountRefunded");
            refunds = List.copyOf(refunds);
        }

        /** A refunded charge whose {@code refunds} are all of its refunds: its amount refunded is their sum. */
        public Refunded(String eventId, String chargeRef, Optional<String> paymentRef, Optional<CampaignId> campaign,
                List<Refund> refunds) {
            this(eventId, chargeRef, paymentRef, campaign, sum(refunds), refunds);
        }

        /** The listed refunds' sum equals what the charge has refunded: nothing is missing from the list. */
        public boolean refundsAddUp() {
            return sum(refunds).equals(amountRefunded);
        }

        private static Money sum(List<Refund> refunds) {
            return refunds.stream().map(Refund::amount).reduce(Money.ZERO, Money::plus);
        }

        @Override
        public String type() {
            return "charge.refunded";
        }
    }

    /** One refund of a charge; only successful or pending refunds are reported. */
    record Refund(String refundRef, Money amount, String currency) {
        public Refund {
            Objects.requireNonNull(refundRef, "refundRef");
            Objects.requireNonNull(amount, "amount");
            Objects.requireNonNull(currency, "currency");
        }
    }

    /**
     * The card holder disputed the payment and the disputed amount left our balance
     * ({@code charge.dispute.created} or {@code charge.dispute.funds_withdrawn}: both mean one withdrawal).
     */
    record DisputeFundsWithdrawn(String eventId, String type, String disputeRef, Optional<String> paymentRef,
            Optional<CampaignId> campaign, Money amount, String currency) implements PaymentEvent {
        public DisputeFundsWithdrawn {
            requireId(eventId);
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(disputeRef, "disputeRef");
            Objects.requireNonNull(paymentRef, "paymentRef");
            Objects.requireNonNull(campaign, "campaign");
            Objects.requireNonNull(amount, "amount");
            Objects.requireNonNull(currency, "currency");
        }
    }

    /** A dispute was decided in our favour and its amount came back. */
    record DisputeFundsReinstated(String eventId, String disputeRef, Optional<String> paymentRef,
            Optional<CampaignId> campaign, Money amount, String currency) implements PaymentEvent {
        public DisputeFundsReinstated {
            requireId(eventId);
            Objects.requireNonNull(disputeRef, "disputeRef");
            Objects.requireNonNull(paymentRef, "paymentRef");
            Objects.requireNonNull(campaign, "campaign");
            Objects.requireNonNull(amount, "amount");
            Objects.requireNonNull(currency, "currency");
        }

        @Override
        public String type() {
            return "charge.dispute.funds_reinstated";
        }
    }

    /**
     * A refund failed after it was made (the card was closed, say): its money came back to us. It is given back to the
     * campaign as a positive adjustment keyed {@code <refund id>:failed}, beside the refund's own negative one, which
     * is booked then if no {@link Refunded} event booked it yet: the pair nets to nothing in any order of events.
     *
     * @param failureReason the processor's reason ({@code expired_or_canceled_card}, …), for the ledger entry's reason
     */
    record RefundFailed(String eventId, String refundRef, String chargeRef, Optional<String> paymentRef,
            Money amount, String currency, String failureReason) implements PaymentEvent {
        public RefundFailed {
            requireId(eventId);
            Objects.requireNonNull(refundRef, "refundRef");
            Objects.requireNonNull(chargeRef, "chargeRef");
            Objects.requireNonNull(paymentRef, "paymentRef");
            Objects.requireNonNull(amount, "amount");
            Objects.requireNonNull(currency, "currency");
            Objects.requireNonNull(failureReason, "failureReason");
        }

        @Override
        public String type() {
            return "refund.failed";
        }
    }

    /** A type promo does not act on: acknowledged, noted, ignored. */
    record Ignored(String eventId, String type) implements PaymentEvent {
        public Ignored {
            requireId(eventId);
            Objects.requireNonNull(type, "type");
        }
    }

    private static void requireId(String eventId) {
        if (eventId == null || !EVENT_ID.matcher(eventId).matches()) {
            throw new IllegalArgumentException("not a payment event id: " + eventId);
        }
    }
}
