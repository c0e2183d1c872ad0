package io.promo.domain.serving.index;

import static org.assertj.core.api.Assertions.assertThat;

import io.promo.domain.serving.Seeds;
import java.time.Instant;
import java.time.ZoneId;
import java.time.zone.ZoneOffsetTransition;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link LocalHours} remembers an hour for a span of time; it must answer what asking the zone's rules every time
 * answers ({@link ServingIndex#hourOfWeek(ZoneId, long)}), also across offset transitions, in zones with half-hour
 * offsets or a half-hour daylight saving shift, and when the clock goes back. Seeded: -Dpromo.seed replays a run.
 */
class LocalHoursTest {

    private static final List<ZoneId> ZONES = List.of(ZoneId.of("Europe/Berlin"), ZoneId.of("America/New_York"),
            ZoneId.of("Asia/Kolkata"), ZoneId.of("Asia/Kathmandu"), ZoneId.of("Australia/Lord_Howe"),
            ZoneId.of("America/St_Johns"), ZoneId.of("UTC"), ZoneId.of("Etc/GMT-1"));

    @Test
    void answers_what_the_zone_rules_answer_around_every_transition_and_when_the_clock_goes_back() {
        long base = Seeds.base("local hours");
        Random random = new Random(base);
        LocalHours memo = new LocalHours();
        for (Map.Entry<ZoneId, Long> transition : transitions()) {
            // A walk across each transition in its zone: forward in steps of up to two minutes (decisions as they
            // come), one step in ten back by up to ten minutes, one in twenty asking another zone in between.
            ZoneId zone = transition.getKey();
            long at = transition.getValue() - random.nextInt(3_600_000);
            for (int step = 0; step < 300; step++) {
                at += random.nextInt(10) == 0 ? -random.nextInt(600_000) : random.nextInt(120_000);
                ZoneId asked = random.nextInt(20) == 0 ? ZONES.get(random.nextInt(ZONES.size())) : zone;
                assertThat(memo.hourOfWeek(asked, at))
                        .as("%s, %s at %s (%d ms)", Seeds.replay(base), asked, Instant.ofEpochMilli(at), at)
                        .isEqualTo(ServingIndex.hourOfWeek(asked, at));
            }
        }
    }

    @Test
    void cities_of_more_zones_than_it_remembers_in_turn_each_get_their_own_hour() {
        LocalHours memo = new LocalHours();
        long at = Instant.parse("2026-03-29T00:59:00Z").toEpochMilli(); // a minute before Berlin's clocks go forward
        for (int round = 0; round < 3; round++) {
            for (ZoneId zone : ZONES) { // more zones than LocalHours.ZONES, so each is forgotten and asked again
                assertThat(memo.hourOfWeek(zone, at)).as("%s in round %d", zone, round)
                        .isEqualTo(ServingIndex.hourOfWeek(zone, at));
            }
            at += 60_000;
        }
        assertThat(ZONES.size()).isGreaterThan(LocalHours.ZONES);
    }

    @Test
    void the_hour_changes_at_a_transition_inside_a_remembered_hour() {
        ZoneId berlin = ZoneId.of("Europe/Berlin");
        // 2026-03-29 01:00 UTC: 02:00 CET becomes 03:00 CEST.
        long transition = Instant.parse("2026-03-29T01:00:00Z").toEpochMilli();
        LocalHours memo = new LocalHours();
        int sunday = 6 * 24;
        assertThat(memo.hourOfWeek(berlin, transition - 1)).isEqualTo(sunday + 1);
        assertThat(memo.hourOfWeek(berlin, transition)).isEqualTo(sunday + 3);
        assertThat(memo.hourOfWeek(berlin, transition - 1)).isEqualTo(sunday + 1);

        // Lord Howe Island moves by half an hour: 2025-10-05 02:00 at +10:30 becomes 02:30 at +11, so the local hour
        // 02:00–03:00 that begins at the transition began half an hour earlier in UTC; asked at the transition itself,
        // the memo must not reach back before it.
        ZoneId lordHowe = ZoneId.of("Australia/Lord_Howe");
        long halfHourShift = Instant.parse("2025-10-04T15:30:00Z").toEpochMilli();
        assertThat(memo.hourOfWeek(lordHowe, halfHourShift)).isEqualTo(sunday + 2);
        assertThat(memo.hourOfWeek(lordHowe, halfHourShift - 1)).isEqualTo(sunday + 1);
    }

    /** Each zone's first transitions from 2006 (St. John's then changed its clocks at 00:01) and from 2025. */
    private static List<Map.Entry<ZoneId, Long>> transitions() {
        List<Map.Entry<ZoneId, Long>> transitions = new ArrayList<>();
        for (Instant from : List.of(Instant.parse("2006-01-01T00:00:00Z"), Instant.parse("2025-01-01T00:00:00Z"))) {
            for (ZoneId zone : ZONES) {
                transitions.add(Map.entry(zone, from.toEpochMilli()));
                Instant at = from;
                ZoneOffsetTransition next;
                for (int i = 0; i < 6 && (next = zone.getRules().nextTransition(at)) != null; i++) {
                    transitions.add(Map.entry(zone, next.getInstant().toEpochMilli()));
                    at = next.getInstant();
                }
            }
        }
        return transitions;
    }
}
