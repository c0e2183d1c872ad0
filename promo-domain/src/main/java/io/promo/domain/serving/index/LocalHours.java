package io.promo.domain.serving.index;

import java.time.Instant;
import java.time.ZoneId;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;

/**
 * The local hour of the week in a few zones, each remembered with the span of time in which it cannot change: the
 * rest of that local hour, cut at the zone's offset transitions on either side. One per deciding thread (not
 * thread-safe): a decision with a scheduled candidate asks for its city's hour (ADR 0036), and asking
 * {@link ZoneRules} every time (a search of its transitions, then of each year's rules through a map) cost about 2 % of
 * a decision in the targeting index (docs/benchmarks.md, "Seventh pass"); the same thread asks again within the hour
 * nearly always.
 */
public final class LocalHours {

    /** Zones remembered at once: a node's cities span a few zones, and a thread decides for any of them in turn. */
    static final int ZONES = 4;

    private final ZoneId[] zones = new ZoneId[ZONES];
    /** Per remembered zone, the epoch seconds {@code [from, to)} in which its local hour of the week is {@link #hours}. */
    private final long[] from = new long[ZONES];
    private final long[] to = new long[ZONES];
    private final int[] hours = new int[ZONES];
    /** The entry the next zone not remembered replaces (the oldest). */
    private int next;

    /** The local hour of the week at {@code epochMillis} in {@code zone}: 0 is monday 00:00–01:00. */
    public int hourOfWeek(ZoneId zone, long epochMillis) {
        long second = Math.floorDiv(epochMillis, 1000L);
        int entry = -1;
        for (int i = 0; i < ZONES; i++) {
            if (zone.equals(zones[i])) {
                entry = i;
                break;
            }
        }
        if (entry < 0) {
            entry = next;
            next = (next + 1) % ZONES;
        } else if (second >= from[entry] && second < to[entry]) {
            return hours[entry];
        }
        remember(entry, zone, second);
        return hours[entry];
    }

    private void remember(int entry, ZoneId zone, long second) {
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
            ZoneOffsetTransition following = rules.nextTransition(at);
            if (following != null) {
                end = Math.min(end, following.toEpochSecond());
            }
        }
        zones[entry] = zone;
        from[entry] = start;
        to[entry] = end;
        hours[entry] = ServingIndex.hourOfWeek(offset, second);
    }
}
