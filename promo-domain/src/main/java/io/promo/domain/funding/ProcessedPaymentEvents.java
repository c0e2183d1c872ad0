package io.promo.domain.funding;

import java.util.Optional;

/** Out port: the processor events promo has processed, each stored once and never changed. */
public interface ProcessedPaymentEvents {

    /** Stores {@code event} unless its event id is stored already; true when this call stored it. */
    boolean markProcessed(ProcessedPaymentEvent event);

    Optional<ProcessedPaymentEvent> find(String eventId);
}
