package io.promo.domain.campaign;

import static io.promo.domain.testing.TestData.BERLIN;
import static io.promo.domain.testing.TestData.PARIS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.promo.domain.shared.CityCode;
import io.promo.domain.shared.Violation;
import io.promo.domain.testing.TestData;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CityZonesTest {

    private static final ZoneId UTC = ZoneId.of("UTC");

    @Test
    void the_setting_lists_city_zones_and_an_unlisted_city_is_in_the_budget_zone() {
        CityZones zones = CityZones.parse(" berlin=Europe/Berlin, london=Europe/London ,hamburg=Europe/Berlin", UTC);

        assertThat(zones.zoneOf(BERLIN)).isEqualTo(ZoneId.of("Europe/Berlin"));
        assertThat(zones.zoneOf(new CityCode("london"))).isEqualTo(ZoneId.of("Europe/London"));
        assertThat(zones.zoneOf(PARIS)).isEqualTo(UTC);
        assertThat(CityZones.parse("", UTC).zones()).isEmpty();
        assertThat(CityZones.parse(null, UTC).zones()).isEmpty();
    }

    /** The regions of the tz database, as for the budget zone: also those without a slash, and Etc's fixed ones. */
    @Test
    void a_zone_is_any_region_of_the_tz_database() {
        CityZones zones = CityZones.parse("paris=CET,reykjavik=GMT,lima=Etc/GMT+5,london=UTC", UTC);
        assertThat(zones.zoneOf(new CityCode("paris"))).isEqualTo(ZoneId.of("CET"));
        assertThat(zones.zoneOf(new CityCode("lima"))).isEqualTo(ZoneId.of("Etc/GMT+5"));
        assertThat(zones.zones()).hasSize(4);
    }

    @ParameterizedTest
    @ValueSource(strings = {"berlin", "berlin=", "=Europe/Berlin", "berlin=Mars/Olympus", "berlin=+01:00", "berlin=UTC+01:00", "berlin=GMT+1",
        "Berlin City=Europe/Berlin", "berlin=Europe/Berlin,berlin=Europe/Paris"})
    void a_malformed_entry_is_refused_naming_it(String setting) {
        assertThatThrownBy(() -> CityZones.parse(setting, UTC)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void without_a_table_any_city_may_be_scheduled() {
        assertThat(CityZones.none(UTC).refusals(TestData.settings().cities(BERLIN, PARIS)
                .schedule(AdSchedule.weekdays(9, 17)).build())).isEmpty();
    }

    @Test
    void with_a_table_a_schedule_on_an_unlisted_city_is_refused_on_the_schedule_field() {
        CityZones zones = CityZones.parse("berlin=Europe/Berlin", UTC);

        assertThat(zones.refusals(TestData.settings().cities(BERLIN, PARIS).schedule(AdSchedule.weekdays(9, 17)).build()))
                .singleElement().satisfies(v -> {
                    assertThat(v.field()).isEqualTo("schedule");
                    assertThat(v.kind()).isEqualTo(Violation.Kind.RULE);
                    assertThat(v.message()).contains("paris");
                });
        assertThat(zones.refusals(TestData.settings().cities(BERLIN).schedule(AdSchedule.weekdays(9, 17)).build())).isEmpty();
        assertThat(zones.refusals(TestData.settings().cities(BERLIN, PARIS).build()))
                .as("an unscheduled campaign needs no zone").isEmpty();
    }
}
