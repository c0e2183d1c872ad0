package io.promo.domain.traffic;

import io.promo.domain.shared.EventId;
import java.util.List;

/**
 * Out port: where served impressions are kept, in batches (the {@link ImpressionBuffer}'s writer), counted per
 * campaign and budget day as they are stored. Events are never changed or removed (I5).
 */
public interface ImpressionLog {

    /** Appends a batch of impressions; the batch and its counts are stored together or not at all. */
    void appendImpressions(List<TrafficEvent> impressions);

    /**
     * True when an event with this id is stored. After an append whose outcome is unknown (the connection broke
     * around the commit), asking for one of its events tells whether the whole batch made it.
     */
    boolean containsEvent(EventId eventId);
}
