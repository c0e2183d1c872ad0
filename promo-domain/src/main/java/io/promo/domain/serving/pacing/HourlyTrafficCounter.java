package io.promo.domain.serving.pacing;

import io.promo.domain.ledger.BudgetCalendar;
import io.promo.domain.shared.CityCode;
import io.promo.domain.shared.Surface;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Counts searches per surface, city and budget-day hour in memory, and answers {@link TrafficHistory}
 * from those counts. Lock-free on the decision path: one map lookup and one atomic increment.
 *
 * <p>Each node counts only the searches it served. That is enough for pacing, which needs the shape of
 * the day (each hour's share), not the volume, as long as the load balancer spreads searches evenly.
 * Counts are lost on restart: a new node paces on the uniform curve until it has history, as docs/design.md
 * says of a city without history.
 *
 * <p>It keeps a row per surface and city it is told of, so it must only be told of a bounded set: {@code DecideAdPage}
 * counts a search only in a city some campaign of the index targets, never a code a caller made up.
 */
public final class HourlyTrafficCounter implements TrafficRecorder, TrafficHistory {

    private final BudgetCalendar calendar;
    private final int retainedDays;
    private final ConcurrentHashMap<TrafficScope, ConcurrentHashMap<LocalDate, AtomicLongArray>> counts =
            new ConcurrentHashMap<>();
    private volatile DayWindow today;

    /** @param retainedDays how many past budget days to keep besides today (at least the pacing history window) */
    public HourlyTrafficCounter(BudgetCalendar calendar, int retainedDays) {
        if (retainedDays < 1) {
            throw new IllegalArgumentException("retainedDays must be positive: " + retainedDays);
        }
        this.calendar = calendar;
        this.retainedDays = retainedDays;
    }

    @Override
    public void recordSearch(Surface surface, CityCode city, Instant at) {
        long millis = at.toEpochMilli();
        DayWindow window = today;
        if (window == null || !window.contains(millis)) {
            window = windowOf(at);
        }
        TrafficScope scope = new TrafficScope(surface, city);
        ConcurrentHashMap<LocalDate, AtomicLongArray> days = counts.get(scope);
        if (days == null) {
            days = counts.computeIfAbsent(scope, key -> new ConcurrentHashMap<>());
        }
        AtomicLongArray hours = days.get(window.day);
        if (hours == null) {
            hours = days.computeIfAbsent(window.day, day -> new AtomicLongArray(HourlyCounts.HOURS));
        }
        hours.incrementAndGet(window.hourOf(millis));
    }

    @Override
    public Map<TrafficScope, HourlyCounts> hourlySearches(LocalDate from, LocalDate to) {
        Map<TrafficScope, HourlyCounts> result = new HashMap<>();
        counts.forEach((scope, days) -> {
            long[] sums = new long[HourlyCounts.HOURS];
            boolean any = false;
            for (Map.Entry<LocalDate, AtomicLongArray> day : days.entrySet()) {
                if (!day.getKey().isBefore(from) && !day.getKey().isAfter(to)) {
                    any = true;
                    for (int h = 0; h < HourlyCounts.HOURS; h++) {
                        sums[h] += day.getValue().get(h);
                    }
                }
            }
            if (any) {
                result.put(scope, HourlyCounts.of(sums));
            }
        });
        return result;
    }

    /** The window of {@code at}'s day; becomes "today" (and old days are dropped) when it is newer. */
    private DayWindow windowOf(Instant at) {
        LocalDate day = calendar.dayOf(at);
        DayWindow window = new DayWindow(day, calendar.startOf(day).toEpochMilli(), calendar.endOf(day).toEpochMilli());
        DayWindow current = today;
        if (current == null || day.isAfter(current.day)) {
            today = window;
            LocalDate oldestKept = day.minusDays(retainedDays);
            counts.values().forEach(days -> days.keySet().removeIf(d -> d.isBefore(oldestKept)));
        }
        return window;
    }

    private record DayWindow(LocalDate day, long startMillis, long endMillis) {
        boolean contains(long millis) {
            return millis >= startMillis && millis < endMillis;
        }

        int hourOf(long millis) {
            return (int) Math.min(HourlyCounts.HOURS - 1,
                    (millis - startMillis) * HourlyCounts.HOURS / (endMillis - startMillis));
        }
    }
}
