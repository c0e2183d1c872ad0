package io.promo.domain.funding;

/**
 * Out port: the payment processor that charges an advertiser's saved payment method and answers
 * questions about payments it made. No processor types cross it; card data never reaches promo,
 * only the processor's opaque references ({@link io.promo.domain.advertiser.PaymentReference}).
 */
public interface PaymentGateway {

    /**
     * The source of this gateway's references in the ledger's idempotency keys ({@code processor}
     * column): {@link io.promo.domain.ledger.IdempotencyKey#STRIPE} for Stripe. The synchronous top-up
     * and the webhooks must use the same one, so that a payment becomes one top-up (I6).
     */
    String processor();

    /**
     * Charges {@code request.amount()} off-session. Asking twice with the same idempotency key makes
     * one charge: the second answer repeats the first. Never throws for an expected failure (a
     * declined card, a timeout, a rate limit): those are {@link ChargeOutcome} values.
     */
    ChargeOutcome charge(ChargeRequest request);

    /**
     * The payment with processor reference {@code paymentRef} (a PaymentIntent id for Stripe), to learn
     * which campaign a refund or dispute belongs to when its top-up has not been recorded yet.
     */
    PaymentLookup findPayment(String paymentRef);
}
