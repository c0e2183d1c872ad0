package io.promo.domain.pricing;

/** Keeps the fake honest: it passes the same contract as the PostgreSQL adapter. */
class InMemoryPolicyRepositoryTest extends PolicyRepositoryContract {

    private final InMemoryPolicyRepository repository = new InMemoryPolicyRepository();

    @Override
    protected PolicyRepository repository() {
        return repository;
    }
}
