package io.promo.domain.traffic;

import io.promo.domain.advertiser.AdvertiserRepository;
import io.promo.domain.advertiser.InMemoryAdvertiserRepository;
import io.promo.domain.campaign.CampaignRepository;
import io.promo.domain.campaign.InMemoryCampaignRepository;
import io.promo.domain.ledger.BudgetCalendar;
import io.promo.domain.ledger.BudgetLedger;
import io.promo.domain.ledger.InMemoryBudgetLedger;

/** Keeps the fake honest: it passes the same contract as the PostgreSQL adapter. */
class InMemoryTrafficLogTest extends TrafficLogContract {

    private final InMemoryAdvertiserRepository advertisers = new InMemoryAdvertiserRepository();
    private final InMemoryCampaignRepository campaigns = new InMemoryCampaignRepository();
    private final InMemoryBudgetLedger ledger = new InMemoryBudgetLedger(campaigns, advertisers);
    private final InMemoryTrafficLog log = new InMemoryTrafficLog(campaigns, advertisers, ledger, BudgetCalendar.UTC);

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

    @Override
    protected TrafficLog trafficLog() {
        return log;
    }
}
