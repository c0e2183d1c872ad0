package io.promo.domain.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.promo.domain.shared.InvalidCommandException;
import io.promo.domain.shared.Violation;
import java.time.DayOfWeek;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class AdScheduleTest {

    private static final List<DayOfWeek> MON = List.of(DayOfWeek.MONDAY);

    static Stream<Arguments> broken() {
        List<AdSchedule.Window> tooMany = Collections.nCopies(AdSchedule.MAX_WINDOWS + 1, AdSchedule.Window.of(MON, 9, 17));
        return Stream.of(
                Arguments.of("from equals to: no hour", AdSchedule.of(AdSchedule.Window.of(MON, 9, 9)),
                        List.of("schedule[0].to_hour")),
                Arguments.of("from after to (across midnight)", AdSchedule.of(AdSchedule.Window.of(MON, 22, 2)),
                        List.of("schedule[0].to_hour")),
                Arguments.of("to_hour 25", AdSchedule.of(AdSchedule.Window.of(MON, 9, 25)), List.of("schedule[0].to_hour")),
                Arguments.of("to_hour 0", AdSchedule.of(AdSchedule.Window.of(MON, 0, 0)), List.of("schedule[0].to_hour",
                        "schedule[0].to_hour")),
                Arguments.of("from_hour 24", AdSchedule.of(AdSchedule.Window.of(MON, 24, 24)),
                        List.of("schedule[0].from_hour", "schedule[0].to_hour")),
                Arguments.of("from_hour -1", AdSchedule.of(AdSchedule.Window.of(MON, -1, 5)), List.of("schedule[0].from_hour")),
                Arguments.of("no day", AdSchedule.of(AdSchedule.Window.of(MON, 9, 17), AdSchedule.Window.of(List.of(), 9, 17)),
                        List.of("schedule[1].days")),
                Arguments.of("too many windows", new AdSchedule(tooMany), List.of("schedule")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("broken")
    void a_broken_schedule_names_each_field(String description, AdSchedule schedule, List<String> fields) {
        List<Violation> violations = schedule.violations();

        assertThat(violations).extracting(Violation::field).containsExactlyElementsOf(fields);
        assertThat(violations).allMatch(Violation::isForm);
    }

    @Test
    void valid_schedules_have_no_violations() {
        assertThat(AdSchedule.ALWAYS.violations()).isEmpty();
        assertThat(AdSchedule.weekdays(0, 24).violations()).isEmpty();
        assertThat(AdSchedule.of(AdSchedule.Window.of(MON, 23, 24)).violations()).isEmpty();
        assertThat(new AdSchedule(Collections.nCopies(AdSchedule.MAX_WINDOWS, AdSchedule.Window.of(MON, 9, 17)))
                .violations()).isEmpty();
    }

    @Test
    void to_hour_is_exclusive_and_days_are_local_days() {
        AdSchedule businessHours = AdSchedule.weekdays(9, 17);

        assertThat(businessHours.covers(DayOfWeek.MONDAY, 8)).isFalse();
        assertThat(businessHours.covers(DayOfWeek.MONDAY, 9)).isTrue();
        assertThat(businessHours.covers(DayOfWeek.FRIDAY, 16)).isTrue();
        assertThat(businessHours.covers(DayOfWeek.FRIDAY, 17)).isFalse();
        assertThat(businessHours.covers(DayOfWeek.SATURDAY, 10)).isFalse();
        assertThat(AdSchedule.ALWAYS.covers(DayOfWeek.SUNDAY, 3)).isTrue();
    }

    @Test
    void day_codes_are_mon_to_sun_and_anything_else_names_the_field() {
        assertThat(AdSchedule.parseDay("schedule[0].days", "mon")).isEqualTo(DayOfWeek.MONDAY);
        assertThat(AdSchedule.parseDay("schedule[0].days", "SUN")).isEqualTo(DayOfWeek.SUNDAY);
        assertThatThrownBy(() -> AdSchedule.parseDay("schedule[2].days", "funday"))
                .isInstanceOfSatisfying(InvalidCommandException.class, e -> assertThat(e.violations())
                        .extracting(Violation::field).containsExactly("schedule[2].days"));
        assertThatThrownBy(() -> AdSchedule.parseDay("schedule[0].days", "monday"))
                .isInstanceOf(InvalidCommandException.class);
    }

    /** The 168-bit mask the index serves from says what {@link AdSchedule#covers} says, for random schedules. */
    @Test
    void the_week_mask_agrees_with_covers_hour_by_hour() {
        long seed = Long.getLong("promo.schedule.seed", System.nanoTime());
        Random random = new Random(seed);
        for (int trial = 0; trial < 500; trial++) {
            List<AdSchedule.Window> windows = new ArrayList<>();
            int count = random.nextInt(5);
            for (int w = 0; w < count; w++) {
                EnumSet<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
                for (DayOfWeek day : DayOfWeek.values()) {
                    if (random.nextInt(3) == 0) {
                        days.add(day);
                    }
                }
                int from = random.nextInt(24);
                windows.add(AdSchedule.Window.of(days, from, from + 1 + random.nextInt(24 - from)));
            }
            AdSchedule schedule = new AdSchedule(windows);
            long[] mask = schedule.weekMask();
            for (DayOfWeek day : DayOfWeek.values()) {
                for (int at = 0; at < 24; at++) {
                    int hour = at;
                    int h = AdSchedule.hourOfWeek(day, hour);
                    boolean naive = windows.isEmpty() || windows.stream().anyMatch(
                            window -> window.days().contains(day) && hour >= window.fromHour() && hour < window.toHour());
                    assertThat((mask[h / 64] >>> (h % 64) & 1) == 1).as("seed=%d (-Dpromo.schedule.seed=%d) %s at %s %d",
                            seed, seed, schedule, day, hour).isEqualTo(naive);
                }
            }
        }
    }

    @Test
    void reads_as_its_windows() {
        assertThat(AdSchedule.weekdays(9, 17)).hasToString("mon,tue,wed,thu,fri 09–17");
        assertThat(AdSchedule.ALWAYS).hasToString("always");
    }
}
