package io.promo.persistence;

import io.promo.domain.pricing.PolicyRepository;
import io.promo.domain.pricing.PolicyRepositoryContract;

class JooqPolicyRepositoryTest extends PolicyRepositoryContract {

    @Override
    protected PolicyRepository repository() {
        return PostgresFixture.repositories().policies();
    }

    @Override
    protected void emptyStorage() {
        PostgresFixture.emptyDatabase();
    }
}
