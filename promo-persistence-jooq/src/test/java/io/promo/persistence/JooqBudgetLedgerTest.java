package io.promo.persistence;

import io.promo.domain.advertiser.AdvertiserRepository;
import io.promo.domain.campaign.CampaignRepository;
import io.promo.domain.ledger.BudgetLedger;
import io.promo.domain.ledger.BudgetLedgerContract;

class JooqBudgetLedgerTest extends BudgetLedgerContract {

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
    protected void emptyStorage() {
        PostgresFixture.emptyDatabase();
    }
}
