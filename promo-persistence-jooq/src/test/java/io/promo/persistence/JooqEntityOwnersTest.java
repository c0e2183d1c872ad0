package io.promo.persistence;

import io.promo.domain.campaign.EntityOwners;
import io.promo.domain.campaign.EntityOwnersContract;

class JooqEntityOwnersTest extends EntityOwnersContract {

    @Override
    protected EntityOwners owners() {
        return PostgresFixture.repositories().entityOwners();
    }

    @Override
    protected void emptyStorage() {
        PostgresFixture.emptyDatabase();
    }
}
