package io.promo.domain.serving.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.promo.domain.advertiser.Advertiser;
import io.promo.domain.campaign.AdSchedule;
import io.promo.domain.campaign.Campaign;
import io.promo.domain.campaign.CityZones;
import io.promo.domain.campaign.PacingMode;
import io.promo.domain.ledger.BudgetCalendar;
import io.promo.domain.serving.DecisionRequest;
import io.promo.domain.serving.PagePosition;
import io.promo.domain.serving.ServingFixture;
import io.promo.domain.serving.diagnostics.Diagnosis;
import io.promo.domain.serving.index.ServingCampaign;
import io.promo.domain.serving.index.ServingSettings;
import io.promo.domain.shared.CampaignId;
import io.promo.domain.shared.CityCode;
import io.promo.domain.testing.TestData;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * A campaign scheduled to business hours (weekdays 09–17, ADR 0036) serves only within them, in the local time of
 * the city searched: berlin is UTC+1 in December, london UTC+0, and the budget day is UTC's. Paris is not in the zone
 * table, so it is read in the budget zone.
 */
class AdScheduleServingTest {

    private static final CityCode BERLIN = ServingFixture.BERLIN;
    private static final CityCode LONDON = new CityCode("london");
    private static final CityCode PARIS = ServingFixture.PARIS;
    /** 2026-12-10 is a thursday. */
    private static final Instant THURSDAY = Instant.parse("2026-12-10T00:00:00Z");

    private final ServingFixture fixture = new ServingFixture(THURSDAY,
            ServingSettings.defaults(ServingFixture.DEPLOYMENT_DEFAULT, BudgetCalendar.UTC)
                    .withCityZones(CityZones.parse("berlin=Europe/Berlin,london=Europe/London", ZoneOffset.UTC)));
    private final Advertiser owner = fixture.advertiser();
    private final Campaign scheduled = fixture.active(owner, "srv_scheduled", TestData.settings().keywords()
            .cities(BERLIN, LONDON, PARIS).schedule(AdSchedule.weekdays(9, 17)).pacing(PacingMode.ACCELERATED).build(),
            100_000);

    static Stream<Arguments> times() {
        return Stream.of(
                Arguments.of("2026-12-10T07:59:59Z", BERLIN, false, "08:59 in berlin: before 09:00"),
                Arguments.of("2026-12-10T08:00:00Z", BERLIN, true, "09:00 in berlin: the first hour"),
                Arguments.of("2026-12-10T15:59:59Z", BERLIN, true, "16:59 in berlin: the last hour"),
                Arguments.of("2026-12-10T16:00:00Z", BERLIN, false, "17:00 in berlin: to_hour is exclusive"),
                Arguments.of("2026-12-10T16:30:00Z", LONDON, true, "16:30 in london, 17:30 in berlin"),
                Arguments.of("2026-12-10T08:30:00Z", LONDON, false, "08:30 in london, 09:30 in berlin"),
                Arguments.of("2026-12-10T08:30:00Z", PARIS, false, "paris is unlisted: read in UTC, 08:30"),
                Arguments.of("2026-12-10T09:30:00Z", PARIS, true, "paris is unlisted: read in UTC, 09:30"),
                Arguments.of("2026-12-12T10:00:00Z", BERLIN, false, "a saturday"),
                Arguments.of("2026-12-11T23:30:00Z", BERLIN, false, "friday 23:30 UTC is saturday 00:30 in berlin"),
                Arguments.of("2026-12-14T08:30:00Z", BERLIN, true, "monday 09:30 in berlin"));
    }

    @ParameterizedTest(name = "{3}")
    @MethodSource("times")
    void a_business_hours_campaign_serves_only_within_its_hours_in_the_searched_citys_time(String at, CityCode city,
            boolean shown, String description) {
        fixture.clock.set(Instant.parse(at));
        DecisionRequest search = ServingFixture.search(city, "", "srv_o1", "srv_scheduled");

        List<CampaignId> sponsored = fixture.decide(search).sponsored().stream().map(PagePosition.Sponsored::campaignId)
                .toList();
        Diagnosis diagnosis = fixture.diagnose(scheduled.id(), search);

        assertThat(sponsored.contains(scheduled.id())).as(description).isEqualTo(shown);
        assertThat(diagnosis.check(Check.SCHEDULE).passed()).as(description).isEqualTo(shown);
        assertThat(diagnosis.check(Check.SCHEDULE).detail()).contains(shown ? "within" : "outside")
                .contains("mon,tue,wed,thu,fri 09–17");
    }

    @Test
    void the_diagnosis_names_the_local_hour_and_the_city() {
        fixture.clock.set(Instant.parse("2026-12-10T16:30:00Z"));

        Diagnosis diagnosis = fixture.diagnose(scheduled.id(), ServingFixture.search(BERLIN, "", "srv_scheduled"));

        assertThat(diagnosis.check(Check.SCHEDULE).detail()).contains("thu 17:00–18:00 in berlin, outside");
    }

    @Test
    void even_pacing_counts_the_traffic_of_the_scheduled_hours_of_the_day_in_any_of_its_cities() {
        Campaign even = fixture.active(owner, "srv_even", TestData.settings().keywords().cities(BERLIN, LONDON)
                .schedule(AdSchedule.weekdays(9, 17)).build(), 100_000);
        fixture.clock.set(Instant.parse("2026-12-10T12:00:00Z"));
        ServingCampaign serving = fixture.refresher.refreshIfStale().campaign(even.id()).orElseThrow();

        // berlin's 09–17 are 08–16 UTC, london's 09–17 are 09–17: together the budget hours 08 … 16.
        int expected = 0;
        for (int h = 8; h <= 16; h++) {
            expected |= 1 << h;
        }
        assertThat(Integer.toBinaryString(serving.dayHours)).isEqualTo(Integer.toBinaryString(expected));
        // At 12:00 UTC, 4 of the 9 scheduled hours of a uniform curve have passed.
        Diagnosis diagnosis = fixture.diagnose(even.id(), ServingFixture.search(LONDON, "", "srv_even"));
        assertThat(diagnosis.check(Check.PACING).detail()).contains("44.4 %").contains("9 scheduled hours");
    }

    @Test
    void a_campaign_without_a_schedule_serves_at_every_hour() {
        Campaign always = fixture.active(owner, "srv_always", TestData.settings().keywords().cities(BERLIN)
                .pacing(PacingMode.ACCELERATED).build(), 100_000);
        for (String at : List.of("2026-12-12T03:00:00Z", "2026-12-10T23:59:00Z", "2026-12-13T12:00:00Z")) {
            fixture.clock.set(Instant.parse(at));
            assertThat(fixture.decide(ServingFixture.search(BERLIN, "", "srv_always")).sponsored())
                    .extracting(PagePosition.Sponsored::campaignId).as(at).contains(always.id());
        }
        assertThat(fixture.refresher.refreshIfStale().campaign(always.id()).orElseThrow().dayHours)
                .isEqualTo(ServingCampaign.ALL_DAY_HOURS);
    }

    @Test
    void the_hour_of_the_week_counts_from_monday_midnight() {
        assertThat(AdSchedule.hourOfWeek(DayOfWeek.MONDAY, 0)).isZero();
        assertThat(AdSchedule.hourOfWeek(DayOfWeek.SATURDAY, 0)).isEqualTo(120);
        assertThat(AdSchedule.hourOfWeek(DayOfWeek.SUNDAY, 23)).isEqualTo(167);
    }
}
