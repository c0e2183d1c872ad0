package io.promo.embedded.internal;

import io.promo.domain.advertiser.AdvertiserQueries;
import io.promo.domain.advertiser.ChangeAdvertiserStatus;
import io.promo.domain.advertiser.CreateAdvertiser;
import io.promo.domain.campaign.CampaignQueries;
import io.promo.domain.campaign.CityZones;
import io.promo.domain.campaign.CampaignQuota;
import io.promo.domain.campaign.ChangeCampaignStatus;
import io.promo.domain.campaign.CreateCampaign;
import io.promo.domain.campaign.EntityOwnership;
import io.promo.domain.campaign.RegisterEntityOwner;
import io.promo.domain.campaign.UpdateCampaign;
import io.promo.domain.ledger.BudgetCalendar;
import io.promo.domain.ledger.BudgetQueries;
import io.promo.domain.ledger.RecordFunding;
import io.promo.domain.pricing.PolicyCatalog;
import io.promo.domain.pricing.PolicyLimits;
import io.promo.domain.pricing.UpsertPolicy;
import io.promo.domain.shared.IdGenerator;
import io.promo.domain.shared.ServingSnapshot;
import io.promo.domain.shared.SortableRandomIdGenerator;
import io.promo.persistence.PostgresRepositories;
import java.time.Clock;

/** The wiring: every use case of the domain that works on the repositories, built once over the PostgreSQL adapters. */
public final class UseCases {

    private final CreateAdvertiser createAdvertiser;
    private final ChangeAdvertiserStatus changeAdvertiserStatus;
    private final AdvertiserQueries advertiserQueries;
    private final CreateCampaign createCampaign;
    private final RegisterEntityOwner registerEntityOwner;
    private final UpdateCampaign updateCampaign;
    private final ChangeCampaignStatus changeCampaignStatus;
    private final CampaignQueries campaignQueries;
    private final UpsertPolicy upsertPolicy;
    private final PolicyCatalog policyCatalog;
    private final RecordFunding recordFunding;
    private final BudgetQueries budgetQueries;

    /**
     * @param campaignQuota        campaigns not ended one advertiser may have (ADR 0013)
     * @param unregisteredEntities refused in production, claimed by their first promoter in dev mode (ADR 0017)
     * @param serving              caught up by pauses, ends and suspensions before they answer (ADR 0020)
     */
    public UseCases(PostgresRepositories repositories, PolicyLimits deploymentDefault, CampaignQuota campaignQuota,
            BudgetCalendar calendar, EntityOwnership.Unregistered unregisteredEntities, ServingSnapshot serving,
            Clock clock) {
        this(repositories, deploymentDefault, campaignQuota, calendar, unregisteredEntities, serving, clock,
                CityZones.none(calendar.zone()));
    }

    /** @param cityZones where ad schedules are read: a schedule on a city it does not list is refused (ADR 0036) */
    public UseCases(PostgresRepositories repositories, PolicyLimits deploymentDefault, CampaignQuota campaignQuota,
            BudgetCalendar calendar, EntityOwnership.Unregistered unregisteredEntities, ServingSnapshot serving,
            Clock clock, CityZones cityZones) {
        IdGenerator ids = new SortableRandomIdGenerator(clock);
        this.createAdvertiser = new CreateAdvertiser(repositories.advertisers(), ids, clock);
        this.changeAdvertiserStatus = new ChangeAdvertiserStatus(repositories.advertisers(), serving, clock);
        this.advertiserQueries = new AdvertiserQueries(repositories.advertisers());
        this.policyCatalog = new PolicyCatalog(repositories.policies(), deploymentDefault);
        this.createCampaign = new CreateCampaign(repositories.advertisers(), repositories.campaigns(), policyCatalog,
                new EntityOwnership(repositories.entityOwners(), unregisteredEntities), campaignQuota, ids, clock,
                cityZones);
        this.registerEntityOwner = new RegisterEntityOwner(repositories.entityOwners());
        this.updateCampaign = new UpdateCampaign(repositories.campaigns(), policyCatalog, clock, cityZones);
        this.changeCampaignStatus = new ChangeCampaignStatus(repositories.campaigns(), serving, clock);
        this.campaignQueries = new CampaignQueries(repositories.campaigns());
        this.upsertPolicy = new UpsertPolicy(repositories.policies(), ids, clock);
        this.recordFunding = new RecordFunding(repositories.ledger(), repositories.campaigns(), ids, clock);
        this.budgetQueries = new BudgetQueries(repositories.ledger(), repositories.campaigns(), calendar, clock);
    }

    public CreateAdvertiser createAdvertiser() {
        return createAdvertiser;
    }

    public ChangeAdvertiserStatus changeAdvertiserStatus() {
        return changeAdvertiserStatus;
    }

    public AdvertiserQueries advertiserQueries() {
        return advertiserQueries;
    }

    public CreateCampaign createCampaign() {
        return createCampaign;
    }

    public RegisterEntityOwner registerEntityOwner() {
        return registerEntityOwner;
    }

    public UpdateCampaign updateCampaign() {
        return updateCampaign;
    }

    public ChangeCampaignStatus changeCampaignStatus() {
        return changeCampaignStatus;
    }

    public CampaignQueries campaignQueries() {
        return campaignQueries;
    }

    public UpsertPolicy upsertPolicy() {
        return upsertPolicy;
    }

    public PolicyCatalog policyCatalog() {
        return policyCatalog;
    }

    public RecordFunding recordFunding() {
        return recordFunding;
    }

    public BudgetQueries budgetQueries() {
        return budgetQueries;
    }
}
