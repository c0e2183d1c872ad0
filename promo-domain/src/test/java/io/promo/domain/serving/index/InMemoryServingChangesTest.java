package io.promo.domain.serving.index;

import io.promo.domain.advertiser.AdvertiserRepository;
import io.promo.domain.advertiser.InMemoryAdvertiserRepository;
import io.promo.domain.campaign.CampaignRepository;
import io.promo.domain.campaign.InMemoryCampaignRepository;
import io.promo.domain.ledger.BudgetLedger;
import io.promo.domain.ledger.InMemoryBudgetLedger;
import io.promo.domain.pricing.InMemoryPolicyRepository;
import io.promo.domain.pricing.PolicyRepository;

class InMemoryServingChangesTest extends ServingChangesContract {

    private final InMemoryAdvertiserRepository advertisers = new InMemoryAdvertiserRepository();
    private final InMemoryCampaignRepository campaigns = new InMemoryCampaignRepository();
    private final InMemoryPolicyRepository policies = new InMemoryPolicyRepository();
    private final InMemoryBudgetLedger ledger = new InMemoryBudgetLedger(campaigns, advertisers);
    private final InMemoryServingChanges changes = new InMemoryServingChanges(campaigns, advertisers, policies, ledger);

    @Override
    protected AdvertiserRepository advertisers() {
        return advertisers;
    }

    @Override
    protected CampaignRepository campaigns() {
        return campaigns;
    }

    @Override
    protected PolicyRepository policies() {
        return policies;
    }

    @Override
    protected BudgetLedger ledger() {
        return ledger;
    }

    @Override
    protected ServingChanges changes() {
        return changes;
    }
}
