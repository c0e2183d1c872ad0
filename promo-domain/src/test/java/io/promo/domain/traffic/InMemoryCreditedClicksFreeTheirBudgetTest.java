package io.promo.domain.traffic;

import java.time.Instant;

/** ADR 0016 on the in-memory ledger and traffic log. */
class InMemoryCreditedClicksFreeTheirBudgetTest extends CreditedClicksFreeTheirBudgetContract {

    @Override
    protected TrafficFixture traffic(Instant start) {
        return TrafficFixture.inMemory(start);
    }
}
