package io.promo.persistence;

import io.promo.domain.access.AdvertiserApiKeys;
import io.promo.domain.access.AdvertiserApiKeysContract;
import io.promo.domain.advertiser.Advertiser;
import io.promo.domain.testing.TestData;

class JooqAdvertiserApiKeysTest extends AdvertiserApiKeysContract {

    @Override
    protected AdvertiserApiKeys keys() {
        return PostgresFixture.repositories().apiKeys();
    }

    @Override
    protected Advertiser storedAdvertiser() {
        Advertiser advertiser = TestData.anAdvertiser();
        PostgresFixture.repositories().advertisers().insert(advertiser);
        return advertiser;
    }

    @Override
    protected void emptyStorage() {
        PostgresFixture.emptyDatabase();
    }
}
