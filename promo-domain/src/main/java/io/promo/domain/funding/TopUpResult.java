package io.promo.domain.funding;

import io.promo.domain.ledger.LedgerEntry;
import java.time.Duration;
import java.util.Objects;

/** What happened to an accepted top-up request: the caller shows one of these to the advertiser. */
public sealed interface TopUpResult {

    /** Charged, and the money is on the campaign: {@code topUp} is the ledger entry (new or recorded before). */
    record Charged(String processorRef, LedgerEntry topUp) implements TopUpResult {
        public Charged {
            Objects.requireNonNull(processorRef, "processorRef");
            Objects.requireNonNull(topUp, "topUp");
        }
    }

    /**
     * The bank wants the card holder to confirm the payment: finish it on-session with
     * {@code clientSecret}; the top-up is recorded when the processor reports the success.
     */
    record ActionRequired(String processorRef, String clientSecret) implements TopUpResult {
        public ActionRequired {
            Objects.requireNonNull(processorRef, "processorRef");
            Objects.requireNonNull(clientSecret, "clientSecret");
        }
    }

    /** Refused by the card's bank or the processor; {@code message} is for the advertiser. Nothing charged. */
    record Declined(String declineCode, String message) implements TopUpResult {
        public Declined {
            Objects.requireNonNull(declineCode, "declineCode");
            Objects.requireNonNull(message, "message");
        }
    }

    /** The payment is under way; the top-up appears when it succeeds. Do not pay again. */
    record Pending(String processorRef) implements TopUpResult {
        public Pending {
            Objects.requireNonNull(processorRef, "processorRef");
        }
    }

    /**
     * The processor could not be reached or answer in time. Retry with the same idempotency key: it
     * charges at most once, and a charge that did go through is recorded by its webhook anyway.
     */
    record RetryLater(String reason) implements TopUpResult {
        public RetryLater {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /**
     * Another request with the same idempotency key is charging right now: ask again after
     * {@code retryAfter} with the same key, which then answers that charge's result. Nothing was charged
     * by this request.
     */
    record InProgress(Duration retryAfter) implements TopUpResult {
        public InProgress {
            Objects.requireNonNull(retryAfter, "retryAfter");
            if (retryAfter.isNegative() || retryAfter.isZero()) {
                throw new IllegalArgumentException("retryAfter must be positive: " + retryAfter);
            }
        }
    }
}
