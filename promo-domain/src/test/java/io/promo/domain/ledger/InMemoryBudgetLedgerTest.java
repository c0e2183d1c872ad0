package io.promo.domain.ledger;

import io.promo.domain.advertiser.AdvertiserRepository;
import io.promo.domain.advertiser.InMemoryAdvertiserRepository;
import io.promo.domain.campaign.CampaignRepository;
import io.promo.domain.campaign.InMemoryCampaignRepository;

/** Keeps the fake honest: it passes the same contract as the PostgreSQL adapter. */
class InMemoryBudgetLedgerTest extends BudgetLedgerContract {

    private final InMemoryAdvertiserRepository advertisers = new InMemoryAdvertiserRepository();
    private final InMemoryCampaignRepository campaigns = new InMemoryCampaignRepository();
    private final InMemoryBudgetLedger ledger = new InMemoryBudgetLedger(campaigns, advertisers);

    @Override
    protected AdvertiserRepository advertisers() {
        return advertisers;
    }

    @Override
    protected CampaignRepository campaigns() {
        return campaigns;
    }

    @Override
    protected BudgetLedger ledger() {
        return ledger;
    }
}
