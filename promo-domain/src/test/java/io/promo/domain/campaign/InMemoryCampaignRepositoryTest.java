package io.promo.domain.campaign;

import io.promo.domain.advertiser.AdvertiserRepository;
import io.promo.domain.advertiser.InMemoryAdvertiserRepository;

/** Keeps the fake honest: it passes the same contract as the PostgreSQL adapter. */
class InMemoryCampaignRepositoryTest extends CampaignRepositoryContract {

    private final InMemoryAdvertiserRepository advertisers = new InMemoryAdvertiserRepository();
    private final InMemoryCampaignRepository repository = new InMemoryCampaignRepository();

    @Override
    protected AdvertiserRepository advertisers() {
        return advertisers;
    }

    @Override
    protected CampaignRepository repository() {
        return repository;
    }
}
