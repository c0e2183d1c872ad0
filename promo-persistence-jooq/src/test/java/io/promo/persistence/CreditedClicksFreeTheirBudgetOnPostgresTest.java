package io.promo.persistence;

import io.promo.domain.traffic.CreditedClicksFreeTheirBudgetContract;
import io.promo.domain.traffic.TrafficFixture;
import java.time.Instant;

/** ADR 0016 on PostgreSQL: the credit path of {@link JooqBudgetLedger}, its counters and its reconcile. */
class CreditedClicksFreeTheirBudgetOnPostgresTest extends CreditedClicksFreeTheirBudgetContract {

    @Override
    protected TrafficFixture traffic(Instant start) {
        PostgresFixture.emptyDatabase();
        PostgresRepositories repositories = PostgresFixture.repositories();
        return new TrafficFixture(start, PostgresFixture.trafficStores(repositories));
    }
}
