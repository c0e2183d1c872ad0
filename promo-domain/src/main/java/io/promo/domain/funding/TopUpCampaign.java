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
import io.promo.domain.shared.Outcome;
import io.promo.domain.shared.Rejection;
import io.promo.domain.shared.Violations;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Use case: charge the advertiser's saved payment method and put the money on a campaign (DESIGN.md
 * "Fund"). The top-up entry is written only once the payment has succeeded, keyed by the processor's
 * payment id, so the synchronous answer and the processor's success webhook write it once between them
 * (I6). The processor's idempotency key is derived from the campaign and the client's key, so a
 * retried request never charges twice.
 */
public final class TopUpCampaign {

    /**
     * A campaign may be funded before it runs (draft) and while it runs or rests; not once it has ended,
     * nor while an admin has it suspended. Unlike {@link Billability}, a draft qualifies.
     */
    public static final Set<CampaignStatus> FUNDABLE_CAMPAIGN_STATUSES =
            Set.of(CampaignStatus.DRAFT, CampaignStatus.ACTIVE, CampaignStatus.PAUSED);

    private final CampaignRepository campaigns;
    private final AdvertiserRepository advertisers;
    private final PaymentGateway gateway;
    private final RecordFunding recordFunding;
    private final TopUpLimits limits;
    private final String currency;

    /** @param currency the deployment's single currency, lower case ({@code usd}) */
    public TopUpCampaign(CampaignRepository campaigns, AdvertiserRepository advertisers, PaymentGateway gateway,
            RecordFunding recordFunding, TopUpLimits limits, String currency) {
        this.campaigns = campaigns;
        this.advertisers = advertisers;
        this.gateway = gateway;
        this.recordFunding = recordFunding;
        this.limits = limits;
        this.currency = ChargeRequest.requireCurrency(currency);
    }

    /** The processor's idempotency key for a client's key: one per campaign and client key, whoever retries. */
    public static String processorIdempotencyKey(CampaignId campaignId, String clientKey) {
        return "promo-topup:" + campaignId.value() + ":" + clientKey;
    }

    public Outcome<TopUpResult> topUp(TopUpCommand command) {
        Optional<Campaign> found = campaigns.findVisibleTo(command.actor(), command.campaignId());
        if (found.isEmpty()) {
            return Outcome.notFound("campaign", command.campaignId());
        }
        Campaign campaign = found.get();
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
        Violations violations = new Violations();
        violations.require(limits.allows(command.amount()), "amount_cents", "must be between "
                + limits.minimum().cents() + " and " + limits.maximum().cents() + " (got " + command.amount().cents() + ")");
        violations.require(advertiser.defaultPayment().isPresent(), "default_payment_id",
                "no payment method on file: the advertiser needs a saved card before topping up");
        if (!violations.isEmpty()) {
            return Outcome.invalid(violations.list());
        }

        String key = processorIdempotencyKey(campaign.id(), command.idempotencyKey());
        ChargeRequest request = new ChargeRequest(advertiser.id(), advertiser.defaultPayment().get(), command.amount(),
                currency, key, Map.of(ChargeRequest.CAMPAIGN_ID, campaign.id().value(), ChargeRequest.TOPUP_REQUEST_ID, key));
        ChargeOutcome charged = gateway.charge(request);

        if (charged instanceof ChargeOutcome.Succeeded succeeded) {
            // Should this write fail (the database gone), the money is still booked once: by the
            // payment's success webhook, or by the client's retry, which Stripe answers with the same payment.
            BudgetLedger.Recorded recorded = recordFunding.record(FundingCommand.topUp(campaign.id(), command.amount(),
                    gateway.processor(), succeeded.processorRef())).orElseThrow();
            return Outcome.accepted(new TopUpResult.Charged(succeeded.processorRef(), recorded.entry()));
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
}
