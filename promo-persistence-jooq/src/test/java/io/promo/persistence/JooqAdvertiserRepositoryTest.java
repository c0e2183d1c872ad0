package io.promo.persistence;

import io.promo.domain.advertiser.AdvertiserRepository;
import io.promo.domain.advertiser.AdvertiserRepositoryContract;

class JooqAdvertiserRepositoryTest extends AdvertiserRepositoryContract {

    @Override
    protected AdvertiserRepository repository() {
        return PostgresFixture.repositories().advertisers();
    }

    @Override
    protected void emptyStorage() {
        PostgresFixture.emptyDatabase();
    }
}
