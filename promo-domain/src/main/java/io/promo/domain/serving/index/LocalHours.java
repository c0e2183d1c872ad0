package io.promo.domain.serving.index;

import java.time.Instant;
import java.time.ZoneId;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;

/**
 * The local hour of the week in a zone, remembered with the span of time in which it cannot change: the rest of
 * that local hour, cut at the zone's offset transitions on either side. One per deciding thread (not thread-safe):
 * a decision with a scheduled candidate asks for its city's hour (ADR 0036), and asking {@link ZoneRules} every time
 * (a search of its transitions, then of each year's rules through a map) cost about 2 % of a decision in the
 * targeting index (docs/benchmarks.md, "Seventh pass"); the same thread asks again within the hour nearly always.
 */
public final class LocalHours {

    private ZoneId zone;
    /** Epoch seconds {@code [from, to)} in which {@link #zone}'s local hour of the week is {@link #hour}. */
    private long from = 1;
    private long to = 0;
    private int hour;

    /** The local hour of the week at {@code epochMillis} in {@code zone}: 0 is monday 00:00–01:00. */
    public int hourOfWeek(ZoneId zone, long epochMillis) {
        long second = Math.floorDiv(epochMillis, 1000L);
        if (second < from || second >= to || !zone.equals(this.zone)) {
            remember(zone, second);
        }
        return hour;
    }

    private void remember(ZoneId zone, long second) {
        ZoneRules rules = zone.getRules();
        Instant at = Instant.ofEpochSecond(second);
        int offset = rules.getOffset(at).getTotalSeconds();
        long hourStart = second - Math.floorMod(second + offset, 3600L);
        long start = hourStart;
        long end = hourStart + 3600L;
        if (!rules.isFixedOffset()) {
            // The offset holds from the last transition at or before this second to the first one after it.
            ZoneOffsetTransition previous = rules.previousTransition(Instant.ofEpochSecond(second + 1));
            if (previous != null) {
                start = Math.max(start, previous.toEpochSecond());
            }
            ZoneOffsetTransition next = rules.nextTransition(at);
            if (next != null) {
                end = Math.min(end, next.toEpochSecond());
            }
        }
        this.zone = zone;
        this.from = start;
        this.to = end;
        this.hour = ServingIndex.hourOfWeek(zone, second * 1000L);
    }
}
