package io.promo.domain.serving.pacing;

import java.time.LocalDate;
import java.util.Map;

/** Out port: how many searches each surface and city had in each hour of past budget days. */
public interface TrafficHistory {

    /** No history anywhere: every surface and city paces on the uniform curve. */
    TrafficHistory NONE = (from, to) -> Map.of();

    /**
     * Searches per (surface, city) and hour of the budget day, summed over the budget days
     * {@code from} to {@code to}, both included. A scope without searches may be missing.
     */
    Map<TrafficScope, HourlyCounts> hourlySearches(LocalDate from, LocalDate to);
}
