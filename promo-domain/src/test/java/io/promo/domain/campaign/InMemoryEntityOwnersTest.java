package io.promo.domain.campaign;

/** Keeps the fake honest: it passes the same contract as the PostgreSQL adapter. */
class InMemoryEntityOwnersTest extends EntityOwnersContract {

    private final InMemoryEntityOwners owners = new InMemoryEntityOwners();

    @Override
    protected EntityOwners owners() {
        return owners;
    }
}
