package io.promo.persistence;

import io.promo.domain.advertiser.AdvertiserRepository;
import io.promo.domain.campaign.CampaignRepository;
import io.promo.domain.campaign.CampaignRepositoryContract;

class JooqCampaignRepositoryTest extends CampaignRepositoryContract {

    @Override
    protected AdvertiserRepository advertisers() {
        return PostgresFixture.repositories().advertisers();
    }

    @Override
    protected CampaignRepository repository() {
        return PostgresFixture.repositories().campaigns();
    }

    @Override
    protected void emptyStorage() {
        PostgresFixture.emptyDatabase();
    }
}
