package io.promo.persistence;

import io.promo.domain.advertiser.AdvertiserRepository;
import io.promo.domain.campaign.CampaignRepository;
import io.promo.domain.ledger.BudgetLedger;
import io.promo.domain.pricing.PolicyRepository;
import io.promo.domain.serving.index.ServingChanges;
import io.promo.domain.serving.index.ServingChangesContract;

class JdbcServingChangesTest extends ServingChangesContract {

    @Override
    protected AdvertiserRepository advertisers() {
        return PostgresFixture.repositories().advertisers();
    }

    @Override
    protected CampaignRepository campaigns() {
        return PostgresFixture.repositories().campaigns();
    }

    @Override
    protected PolicyRepository policies() {
        return PostgresFixture.repositories().policies();
    }

    @Override
    protected BudgetLedger ledger() {
        return PostgresFixture.repositories().ledger();
    }

    @Override
    protected ServingChanges changes() {
        return PostgresFixture.repositories().servingChanges();
    }

    @Override
    protected void emptyStorage() {
        PostgresFixture.emptyDatabase();
    }
}
