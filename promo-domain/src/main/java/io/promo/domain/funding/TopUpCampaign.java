package io.promo.domain.funding;

import io.promo.domain.advertiser.Advertiser;
import io.promo.domain.advertiser.AdvertiserRepository;
import io.promo.domain.campaign.Campaign;
import io.promo.domain.campaign.CampaignRepository;
import io.promo.domain.campaign.CampaignStatus;
import io.promo.domain.ledger.Billability;
import io.promo.domain.ledger.BudgetLedger;
import io.promo.domain.ledger.FundingCommand;
import io.promo.domain.ledger.RecordFunding;
import io.promo.domain.shared.CampaignId;
import io.promo.domain.shared.Money;
import io.promo.domain.shared.Outcome;
import io.promo.domain.shared.Rejection;
import io.promo.domain.shared.Violations;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Use case: charge the advertiser's saved payment method and put the money on a campaign (docs/design.md
 * "Fund"). The top-up entry is written only once the payment has succeeded, keyed by the processor's
 * payment id, so the synchronous answer and the processor's success webhook write it once between them
 * (I6).
 *
 * <p>A client's idempotency key is kept by promo, not left to the processor (ADR 0015): each request is
 * stored in {@link TopUpRequests} by campaign and client key, claimed before anything is charged. The
 * same key and amount answer the first result at any later time (after a restart, on another node,
 * after the processor has forgotten its key); the same key with another amount is a conflict; while a
 * charge for a key is running, other requests with it are told to retry shortly. A request left pending
 * (the processor unreachable, or promo stopped during the charge) is charged again by the next request
 * with its key, with the same processor idempotency key, so that the processor replays the first
 * payment instead of making a second.
 */
public final class TopUpCampaign {

    /**
     * A campaign may be funded before it runs (draft) and while it runs or rests; not once it has ended,
     * nor while an admin has it suspended. Unlike {@link Billability}, a draft qualifies.
     */
    public static final Set<CampaignStatus> FUNDABLE_CAMPAIGN_STATUSES =
            Set.of(CampaignStatus.DRAFT, CampaignStatus.ACTIVE, CampaignStatus.PAUSED);

    /**
     * How long a claimed charge may run before another request with its key takes it over. Longer than a
     * Stripe call can last (three tries of a 20 s read timeout plus back-off), so only a charge whose node
     * died is taken over.
     */
    public static final Duration CHARGE_IN_FLIGHT = Duration.ofMinutes(2);

    /** What a request that finds its key's charge running is told to wait, at most. */
    static final Duration RETRY_IN_PROGRESS_AFTER = Duration.ofSeconds(2);

    private final CampaignRepository campaigns;
    private final AdvertiserRepository advertisers;
    private final PaymentGateway gateway;
    private final RecordFunding recordFunding;
    private final TopUpRequests requests;
    private final TopUpLimits limits;
    private final String currency;
    private final Clock clock;

    /** @param currency the deployment's single currency, lower case ({@code usd}) */
    public TopUpCampaign(CampaignRepository campaigns, AdvertiserRepository advertisers, PaymentGateway gateway,
            RecordFunding recordFunding, TopUpRequests requests, TopUpLimits limits, String currency, Clock clock) {
        this.campaigns = campaigns;
        this.advertisers = advertisers;
        this.gateway = gateway;
        this.recordFunding = recordFunding;
        this.requests = requests;
        this.limits = limits;
        this.currency = ChargeRequest.requireCurrency(currency);
        this.clock = clock;
    }

    /** The processor's idempotency key for a client's key: one per campaign and client key, whoever retries. */
    public static String processorIdempotencyKey(CampaignId campaignId, String clientKey) {
        return "promo-topup:" + campaignId.value() + ":" + clientKey;
    }

    /**
     * The client key of a top-up request id that {@link #processorIdempotencyKey} wrote for {@code campaignId} (it is
     * also the payment's {@link ChargeRequest#TOPUP_REQUEST_ID} metadata); empty for any other text.
     */
    public static Optional<String> clientKeyOf(CampaignId campaignId, String topUpRequestId) {
        String prefix = processorIdempotencyKey(campaignId, "");
        return topUpRequestId.startsWith(prefix) && topUpRequestId.length() > prefix.length()
                ? Optional.of(topUpRequestId.substring(prefix.length())) : Optional.empty();
    }

    public Outcome<TopUpResult> topUp(TopUpCommand command) {
        Objects.requireNonNull(command, "command");
        Optional<Campaign> found = campaigns.findVisibleTo(command.actor(), command.campaignId());
        if (found.isEmpty()) {
            return Outcome.notFound("campaign", command.campaignId());
        }
        Campaign campaign = found.get();
        Optional<TopUpRequest> earlier = requests.find(campaign.id(), command.idempotencyKey());
        Instant now = clock.instant();
        if (earlier.isPresent() && !(earlier.get().isOpenAt(now) && earlier.get().amount().equals(command.amount()))) {
            return answerFor(earlier.get(), command, now);
        }
        Advertiser advertiser = advertisers.findById(campaign.advertiserId()).orElseThrow(
                () -> new IllegalStateException("campaign " + campaign.id() + " has no advertiser " + campaign.advertiserId()));
        if (!FUNDABLE_CAMPAIGN_STATUSES.contains(campaign.status())) {
            return Outcome.rejected(Rejection.forbidden("campaign " + campaign.id() + " is " + campaign.status().code()
                    + ": only a draft, active or paused campaign can be topped up"));
        }
        if (!Billability.BILLABLE_ADVERTISER_STATUSES.contains(advertiser.status())) {
            return Outcome.rejected(Rejection.forbidden("advertiser " + advertiser.id() + " is "
                    + advertiser.status().code() + ": its campaigns cannot be topped up"));
        }
        // A positive amount that fits the column is the field's form; the deployment's limits are configuration,
        // a business rule (ADR 0008).
        Violations violations = new Violations();
        Money amount = command.amount();
        if (!amount.isPositive() || !amount.fitsColumn()) {
            violations.requireForm(false, "amount_cents", "must be between 1 and " + Integer.MAX_VALUE
                    + " (got " + amount.cents() + ")");
        } else {
            violations.require(limits.allows(amount), "amount_cents", "must be between " + limits.minimum().cents()
                    + " and " + limits.maximum().cents() + ", this deployment's top-up limits (got " + amount.cents() + ")");
        }
        violations.require(advertiser.defaultPayment().isPresent(), "default_payment_id",
                "no payment method on file: the advertiser needs a saved card before topping up");
        if (!violations.isEmpty()) {
            return Outcome.invalid(violations.list());
        }

        Optional<TopUpRequest> attempt = claim(campaign.id(), command, earlier, now);
        if (attempt.isEmpty()) {
            // Another request with this key claimed it between our look and our claim.
            return answerFor(requests.find(campaign.id(), command.idempotencyKey()).orElseThrow(), command, now);
        }
        String key = processorIdempotencyKey(campaign.id(), command.idempotencyKey());
        ChargeRequest request = new ChargeRequest(advertiser.id(), advertiser.defaultPayment().get(), command.amount(),
                currency, key, Map.of(ChargeRequest.CAMPAIGN_ID, campaign.id().value(), ChargeRequest.TOPUP_REQUEST_ID, key));
        ChargeOutcome charged = gateway.charge(request);
        // Stored before the ledger entry: should promo stop in between, the next request with this key
        // finds the payment and books it (the entry is keyed by the payment, so it is booked once). If a
        // later attempt has taken the request over, its answer stands; ours is still reported and booked,
        // and being the same payment (same processor key) it books the same entry.
        requests.replace(attempt.get(), attempt.get().answered(charged, clock.instant()));

        if (charged instanceof ChargeOutcome.Succeeded succeeded) {
            return Outcome.accepted(charged(campaign.id(), command.amount(), succeeded.processorRef()));
        }
        if (charged instanceof ChargeOutcome.RequiresAction action) {
            return Outcome.accepted(new TopUpResult.ActionRequired(action.processorRef(), action.clientSecret()));
        }
        if (charged instanceof ChargeOutcome.Declined declined) {
            return Outcome.accepted(new TopUpResult.Declined(declined.declineCode(), declined.personMessage()));
        }
        if (charged instanceof ChargeOutcome.Processing processing) {
            return Outcome.accepted(new TopUpResult.Pending(processing.processorRef()));
        }
        if (charged instanceof ChargeOutcome.FailedTemporarily failed) {
            return Outcome.accepted(new TopUpResult.RetryLater(failed.reason()));
        }
        ChargeOutcome.KeyReused reused = (ChargeOutcome.KeyReused) charged;
        return Outcome.rejected(Rejection.conflict("idempotency_key " + command.idempotencyKey()
                + " was already used for a different top-up of this campaign (" + reused.message()
                + "): use a new key for a new top-up"));
    }

    /** The attempt this request may charge in: a new claim, or the next attempt of an open one; empty if another request got it. */
    private Optional<TopUpRequest> claim(CampaignId campaign, TopUpCommand command, Optional<TopUpRequest> earlier,
            Instant now) {
        Instant inFlightUntil = now.plus(CHARGE_IN_FLIGHT);
        if (earlier.isEmpty()) {
            TopUpRequests.Claim claim = requests.claim(
                    TopUpRequest.claimed(campaign, command.idempotencyKey(), command.amount(), now, inFlightUntil));
            return claim.newlyClaimed() ? Optional.of(claim.request()) : Optional.empty();
        }
        TopUpRequest next = earlier.get().nextAttempt(inFlightUntil);
        return requests.replace(earlier.get(), next) ? Optional.of(next) : Optional.empty();
    }

    /** The answer a stored request gives a request with its key that does not charge. */
    private Outcome<TopUpResult> answerFor(TopUpRequest stored, TopUpCommand command, Instant now) {
        if (!stored.amount().equals(command.amount())) {
            return Outcome.rejected(Rejection.conflict("idempotency_key " + command.idempotencyKey()
                    + " was already used for a top-up of " + stored.amount().cents() + " cents on this campaign; this request"
                    + " asks " + command.amount().cents() + " cents: use a new key for a new top-up"));
        }
        switch (stored.state()) {
            case CHARGED:
                return Outcome.accepted(charged(stored.campaignId(), stored.amount(), stored.processorRef().orElseThrow()));
            case ACTION_REQUIRED:
                return Outcome.accepted(new TopUpResult.ActionRequired(stored.processorRef().orElseThrow(),
                        stored.clientSecret().orElseThrow()));
            case PROCESSING:
                return Outcome.accepted(new TopUpResult.Pending(stored.processorRef().orElseThrow()));
            case DECLINED:
                return Outcome.accepted(new TopUpResult.Declined(stored.declineCode().orElseThrow(),
                        stored.declineMessage().orElseThrow()));
            default:
                // The charge in flight usually ends within seconds; its time limit is only for a node that died.
                Duration left = Duration.between(now, stored.inFlightUntil());
                Duration wait = left.compareTo(RETRY_IN_PROGRESS_AFTER) > 0 ? RETRY_IN_PROGRESS_AFTER : left;
                return Outcome.accepted(new TopUpResult.InProgress(
                        wait.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : wait));
        }
    }

    /**
     * The payment's top-up entry, written now or found written (by an earlier answer or the success
     * webhook): the ledger's key is the payment, so asking again never books twice.
     */
    private TopUpResult charged(CampaignId campaign, Money amount, String processorRef) {
        BudgetLedger.Recorded recorded = recordFunding.record(FundingCommand.topUp(campaign, amount,
                gateway.processor(), processorRef)).orElseThrow();
        return new TopUpResult.Charged(processorRef, recorded.entry());
    }
}
