package io.promo.domain.advertiser;

/** Keeps the fake honest: it passes the same contract as the PostgreSQL adapter. */
class InMemoryAdvertiserRepositoryTest extends AdvertiserRepositoryContract {

    private final InMemoryAdvertiserRepository repository = new InMemoryAdvertiserRepository();

    @Override
    protected AdvertiserRepository repository() {
        return repository;
    }
}
