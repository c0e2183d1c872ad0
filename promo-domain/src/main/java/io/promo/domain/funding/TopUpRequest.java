package io.promo.domain.funding;

import io.promo.domain.shared.CampaignId;
import io.promo.domain.shared.Coded;
import io.promo.domain.shared.Money;
import io.promo.domain.shared.RowVersion;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One client top-up request as promo remembers it (ADR 0015): the campaign and the client's idempotency
 * key name it; the amount is what the key was first used for; the state is what the processor answered,
 * or {@link State#PENDING} while no final answer is known. A final request never changes again, so the
 * same key answers the same result at any later time, whatever the processor still remembers.
 *
 * @param attempt       how many times a charge was started for it; a charge whose request moved on to a
 *                      later attempt (taken over after a crash) may no longer store its answer
 * @param inFlightUntil while pending: until when the current attempt's charge may still be running; a
 *                      request for the same key before then is told to retry shortly, after it takes over
 * @param processorRef  the processor's payment ({@code pi_…}), once known
 * @param clientSecret  for {@link State#ACTION_REQUIRED}: what the card holder confirms the payment with
 * @param declineCode   for {@link State#DECLINED}, with {@code declineMessage} for the advertiser
 */
public record TopUpRequest(CampaignId campaignId, String clientKey, Money amount, State state, int attempt,
        Instant inFlightUntil, Optional<String> processorRef, Optional<String> clientSecret,
        Optional<String> declineCode, Optional<String> declineMessage, Instant createdAt) {

    public TopUpRequest {
        Objects.requireNonNull(campaignId, "campaignId");
        Objects.requireNonNull(clientKey, "clientKey");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(state, "state");
        inFlightUntil = RowVersion.stored(Objects.requireNonNull(inFlightUntil, "inFlightUntil"));
        Objects.requireNonNull(processorRef, "processorRef");
        Objects.requireNonNull(clientSecret, "clientSecret");
        Objects.requireNonNull(declineCode, "declineCode");
        Objects.requireNonNull(declineMessage, "declineMessage");
        createdAt = RowVersion.stored(Objects.requireNonNull(createdAt, "createdAt"));
        if (!amount.isPositive() || !amount.fitsColumn()) {
            throw new IllegalArgumentException("a top-up request is for a positive amount that fits amount_cents: " + amount);
        }
        if (attempt < 1) {
            throw new IllegalArgumentException("attempts count from 1: " + attempt);
        }
        boolean paymentKnown = state == State.CHARGED || state == State.ACTION_REQUIRED || state == State.PROCESSING;
        if (paymentKnown != processorRef.isPresent()) {
            throw new IllegalArgumentException("a " + state.code() + " top-up request "
                    + (paymentKnown ? "needs" : "has no") + " processor reference");
        }
        if ((state == State.ACTION_REQUIRED) != clientSecret.isPresent()) {
            throw new IllegalArgumentException("a client secret belongs to an action_required top-up request only");
        }
        if ((state == State.DECLINED) != declineCode.isPresent() || declineCode.isPresent() != declineMessage.isPresent()) {
            throw new IllegalArgumentException("a decline code and message belong to a declined top-up request only");
        }
    }

    /** What promo knows about a request's charge. Every state but {@link #PENDING} is final. */
    public enum State implements Coded {
        /** Claimed; no final answer yet (a charge in flight, a processor that could not be reached, or a crash). */
        PENDING("pending"),
        /** The payment succeeded; its top-up entry is keyed by {@code processorRef}. */
        CHARGED("charged"),
        /** The card holder must authenticate; the success webhook books the top-up. */
        ACTION_REQUIRED("action_required"),
        /** The processor accepted the payment and settles it later; the success webhook books the top-up. */
        PROCESSING("processing"),
        /** Refused by the bank or the processor; nothing was charged. */
        DECLINED("declined");

        private final String code;

        State(String code) {
            this.code = code;
        }

        @Override
        public String code() {
            return code;
        }

        public static State parse(String field, String code) {
            return Coded.parse(State.class, field, code);
        }
    }

    /** A new request, claimed for its first charge, which may run until {@code inFlightUntil}. */
    public static TopUpRequest claimed(CampaignId campaignId, String clientKey, Money amount, Instant now,
            Instant inFlightUntil) {
        return new TopUpRequest(campaignId, clientKey, amount, State.PENDING, 1, inFlightUntil, Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), now);
    }

    public boolean isFinal() {
        return state != State.PENDING;
    }

    /** Pending and no charge running for it at {@code now}: a request with its key may charge (again). */
    public boolean isOpenAt(Instant now) {
        return state == State.PENDING && !now.isBefore(inFlightUntil);
    }

    /** The next attempt at charging a pending request, e.g. after a processor that could not be reached or a crash. */
    public TopUpRequest nextAttempt(Instant inFlightUntil) {
        requirePending();
        return new TopUpRequest(campaignId, clientKey, amount, state, attempt + 1, inFlightUntil, processorRef,
                clientSecret, declineCode, declineMessage, createdAt);
    }

    /**
     * This attempt's charge answered {@code outcome}: a final state, or, when the processor could not be
     * reached or refused the key, still pending and open at {@code now} for a retry with the same key.
     */
    public TopUpRequest answered(ChargeOutcome outcome, Instant now) {
        requirePending();
        if (outcome instanceof ChargeOutcome.Succeeded succeeded) {
            return finalState(State.CHARGED, Optional.of(succeeded.processorRef()), Optional.empty(),
                    Optional.empty(), Optional.empty());
        }
        if (outcome instanceof ChargeOutcome.RequiresAction action) {
            return finalState(State.ACTION_REQUIRED, Optional.of(action.processorRef()),
                    Optional.of(action.clientSecret()), Optional.empty(), Optional.empty());
        }
        if (outcome instanceof ChargeOutcome.Processing processing) {
            return finalState(State.PROCESSING, Optional.of(processing.processorRef()), Optional.empty(),
                    Optional.empty(), Optional.empty());
        }
        if (outcome instanceof ChargeOutcome.Declined declined) {
            return finalState(State.DECLINED, Optional.empty(), Optional.empty(), Optional.of(declined.declineCode()),
                    Optional.of(declined.personMessage()));
        }
        return new TopUpRequest(campaignId, clientKey, amount, state, attempt, now, processorRef, clientSecret,
                declineCode, declineMessage, createdAt);
    }

    /**
     * The processor reported this request's payment as succeeded (its success webhook) while no answer was stored:
     * the charge's caller died or never heard back. Charged, so that the client's retry answers this payment and
     * never charges again, however long after (ADR 0015).
     */
    public TopUpRequest settledBy(String paymentRef) {
        requirePending();
        return finalState(State.CHARGED, Optional.of(paymentRef), Optional.empty(), Optional.empty(), Optional.empty());
    }

    private TopUpRequest finalState(State finalState, Optional<String> ref, Optional<String> secret,
            Optional<String> code, Optional<String> message) {
        return new TopUpRequest(campaignId, clientKey, amount, finalState, attempt, inFlightUntil, ref, secret, code,
                message, createdAt);
    }

    private void requirePending() {
        if (isFinal()) {
            throw new IllegalStateException("top-up request " + clientKey + " of " + campaignId + " is "
                    + state.code() + " already: a final answer never changes");
        }
    }
}
