package io.promo.persistence;

import io.promo.domain.advertiser.AdvertiserRepository;
import io.promo.domain.campaign.CampaignRepository;
import io.promo.domain.ledger.BudgetLedger;
import io.promo.domain.traffic.TrafficLog;
import io.promo.domain.traffic.TrafficLogContract;

class JooqTrafficLogTest extends TrafficLogContract {

    @Override
    protected AdvertiserRepository advertisers() {
        return PostgresFixture.repositories().advertisers();
    }

    @Override
    protected CampaignRepository campaigns() {
        return PostgresFixture.repositories().campaigns();
    }

    @Override
    protected BudgetLedger ledger() {
        return PostgresFixture.repositories().ledger();
    }

    @Override
    protected TrafficLog trafficLog() {
        return PostgresFixture.repositories().trafficLog();
    }

    @Override
    protected void emptyStorage() {
        PostgresFixture.emptyDatabase();
    }
}
