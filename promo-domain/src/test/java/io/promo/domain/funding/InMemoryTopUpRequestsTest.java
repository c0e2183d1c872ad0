package io.promo.domain.funding;

/** Keeps the fake honest: it passes the same contract as the PostgreSQL adapter. */
class InMemoryTopUpRequestsTest extends TopUpRequestsContract {

    private final InMemoryTopUpRequests requests = new InMemoryTopUpRequests();

    @Override
    protected TopUpRequests requests() {
        return requests;
    }
}
