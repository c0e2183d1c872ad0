package io.promo.domain.serving.memory;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * How many decisions read their viewer-memory token as each {@link MemoryReading}: the metric
 * {@code promo_viewer_memory_tokens_total{reading=…}}. Counted only by decisions that needed the memory (a campaign
 * with a frequency cap came up as a candidate); the others never read the token.
 */
public final class MemoryReadings {

    private final LongAdder[] counts = new LongAdder[MemoryReading.values().length];

    public MemoryReadings() {
        for (int i = 0; i < counts.length; i++) {
            counts[i] = new LongAdder();
        }
    }

    void count(MemoryReading reading) {
        counts[reading.ordinal()].increment();
    }

    public long total(MemoryReading reading) {
        return counts[reading.ordinal()].sum();
    }

    /** Every reading with its count so far, zeros included. */
    public Map<MemoryReading, Long> snapshot() {
        Map<MemoryReading, Long> snapshot = new EnumMap<>(MemoryReading.class);
        for (MemoryReading reading : MemoryReading.values()) {
            snapshot.put(reading, counts[reading.ordinal()].sum());
        }
        return snapshot;
    }
}
