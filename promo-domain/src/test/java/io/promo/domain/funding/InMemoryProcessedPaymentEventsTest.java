package io.promo.domain.funding;

/** Keeps the fake honest: it passes the same contract as the PostgreSQL adapter. */
class InMemoryProcessedPaymentEventsTest extends ProcessedPaymentEventsContract {

    private final InMemoryProcessedPaymentEvents events = new InMemoryProcessedPaymentEvents();

    @Override
    protected ProcessedPaymentEvents events() {
        return events;
    }
}
