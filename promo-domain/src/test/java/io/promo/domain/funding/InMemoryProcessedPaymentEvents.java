package io.promo.domain.funding;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Fake for fast domain tests; {@link ProcessedPaymentEventsContract} keeps it honest. */
public final class InMemoryProcessedPaymentEvents implements ProcessedPaymentEvents {

    private final ConcurrentHashMap<String, ProcessedPaymentEvent> rows = new ConcurrentHashMap<>();

    @Override
    public boolean markProcessed(ProcessedPaymentEvent event) {
        return rows.putIfAbsent(event.eventId(), event) == null;
    }

    @Override
    public Optional<ProcessedPaymentEvent> find(String eventId) {
        return Optional.ofNullable(rows.get(eventId));
    }

    public int size() {
        return rows.size();
    }
}
