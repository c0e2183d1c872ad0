package io.promo.embedder;

import io.promo.domain.advertiser.Advertiser;
import io.promo.domain.advertiser.CreateAdvertiserCommand;
import io.promo.domain.advertiser.PaymentReference;
import io.promo.domain.campaign.Campaign;
import io.promo.domain.campaign.CampaignAction;
import io.promo.domain.campaign.CampaignSettings;
import io.promo.domain.campaign.ChangeCampaignStatusCommand;
import io.promo.domain.campaign.CreateCampaignCommand;
import io.promo.domain.campaign.Format;
import io.promo.domain.campaign.PacingMode;
import io.promo.domain.campaign.TargetEntity;
import io.promo.domain.campaign.TargetEntityType;
import io.promo.domain.ledger.FundingCommand;
import io.promo.domain.ledger.IdempotencyKey;
import io.promo.domain.shared.Actor;
import io.promo.domain.shared.CityCode;
import io.promo.domain.shared.Money;
import io.promo.domain.shared.Surface;
import io.promo.domain.shared.UserId;
import io.promo.embedded.Promo;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

/** Authors through the public API what an embedder's admin tools would: an advertiser's funded, active campaign. */
final class Campaigns {

    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private Campaigns() {
    }

    /** An advertiser's funded, active campaign promoting {@code entityId} in {@code city} (keyword "portrait"). */
    static Campaign active(Promo promo, String entityId, String city, long cpcCents) {
        return active(promo, entityId, city, cpcCents, 1_500);
    }

    /** The same with a daily budget of {@code dailyBudgetCents}. */
    static Campaign active(Promo promo, String entityId, String city, long cpcCents, long dailyBudgetCents) {
        return active(promo, entityId, city, cpcCents, dailyBudgetCents, 5_000, UnaryOperator.identity());
    }

    /**
     * The same with a top-up of {@code fundingCents} and {@code adjust} applied to its settings (a frequency cap, a
     * schedule).
     */
    static Campaign active(Promo promo, String entityId, String city, long cpcCents, long dailyBudgetCents,
            long fundingCents, UnaryOperator<CampaignSettings> adjust) {
        int n = SEQUENCE.incrementAndGet();
        Advertiser owner = promo.createAdvertiser().create(new CreateAdvertiserCommand(Actor.ADMIN,
                new UserId("usr_embedder_" + n), Optional.of(new PaymentReference("cus_" + n + "/pm_visa")))).orElseThrow();
        CampaignSettings settings = adjust.apply(new CampaignSettings("Portraits " + n, Format.FEATURED,
                List.of(new CityCode(city)), List.of("portrait"), LocalDate.now(ZoneOffset.UTC), Optional.empty(),
                Money.ofCents(cpcCents), Money.ofCents(dailyBudgetCents), Optional.empty(), PacingMode.ACCELERATED));
        Campaign campaign = promo.createCampaign().create(new CreateCampaignCommand(Actor.tenant(owner.id()), owner.id(),
                Surface.PEOPLE_SEARCH, new TargetEntity(TargetEntityType.SERVICE_PROFILE, entityId), settings))
                .orElseThrow();
        promo.recordFunding().record(FundingCommand.topUp(campaign.id(), Money.ofCents(fundingCents), IdempotencyKey.STRIPE,
                "pi_embedder_" + n)).orElseThrow();
        promo.changeCampaignStatus().change(new ChangeCampaignStatusCommand(Actor.tenant(owner.id()), campaign.id(),
                CampaignAction.ACTIVATE)).orElseThrow();
        return campaign;
    }

}
