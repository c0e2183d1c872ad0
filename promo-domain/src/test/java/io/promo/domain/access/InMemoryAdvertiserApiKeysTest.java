package io.promo.domain.access;

import io.promo.domain.advertiser.Advertiser;
import io.promo.domain.testing.TestData;

/** Keeps the fake honest: it passes the same contract as the PostgreSQL adapter. */
class InMemoryAdvertiserApiKeysTest extends AdvertiserApiKeysContract {

    private final InMemoryAdvertiserApiKeys keys = new InMemoryAdvertiserApiKeys();

    @Override
    protected AdvertiserApiKeys keys() {
        return keys;
    }

    @Override
    protected Advertiser storedAdvertiser() {
        return TestData.anAdvertiser();
    }
}
