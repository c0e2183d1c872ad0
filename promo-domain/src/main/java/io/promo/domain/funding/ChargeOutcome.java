package io.promo.domain.funding;

import java.util.Objects;

/**
 * What the processor answered to a {@link ChargeRequest}. Every expected answer is a value: the
 * caller decides what a person is told and whether money is recorded (only on {@link Succeeded}).
 */
public sealed interface ChargeOutcome {

    /** The money was taken; {@code processorRef} is the payment's id (a PaymentIntent {@code pi_…}). */
    record Succeeded(String processorRef) implements ChargeOutcome {
        public Succeeded {
            requireText(processorRef, "processorRef");
        }
    }

    /**
     * The bank wants the card holder to authenticate (3-D Secure). The payment can be finished
     * on-session with {@code clientSecret} (Stripe.js {@code confirmCardPayment}); its success then
     * arrives as a webhook.
     */
    record RequiresAction(String processorRef, String clientSecret) implements ChargeOutcome {
        public RequiresAction {
            requireText(processorRef, "processorRef");
            requireText(clientSecret, "clientSecret");
        }
    }

    /**
     * The card or the saved payment method was refused. {@code declineCode} is the processor's
     * ({@code insufficient_funds}, {@code expired_card}, …); {@code personMessage} can be shown as is.
     */
    record Declined(String declineCode, String personMessage) implements ChargeOutcome {
        public Declined {
            requireText(declineCode, "declineCode");
            requireText(personMessage, "personMessage");
        }
    }

    /**
     * Not charged as far as promo can tell, or not known (a timeout): a rate limit, a connection
     * failure, an error of the processor, or credentials the processor refused. Retrying later with the
     * same idempotency key is safe: it charges at most once.
     */
    record FailedTemporarily(String reason) implements ChargeOutcome {
        public FailedTemporarily {
            requireText(reason, "reason");
        }
    }

    /**
     * Accepted but not final yet (a payment method that settles later): the top-up is recorded when the
     * processor's success webhook arrives. Paying again would pay twice.
     */
    record Processing(String processorRef) implements ChargeOutcome {
        public Processing {
            requireText(processorRef, "processorRef");
        }
    }

    /**
     * The idempotency key was already used for a charge with other parameters (another amount, or
     * the advertiser's payment method changed in between). Nothing was charged by this request.
     */
    record KeyReused(String message) implements ChargeOutcome {
        public KeyReused {
            requireText(message, "message");
        }
    }

    private static void requireText(String value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
    }
}
