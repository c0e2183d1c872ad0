package io.promo.domain.campaign;

import io.promo.domain.shared.CityCode;
import io.promo.domain.shared.TimeZones;
import io.promo.domain.shared.Violation;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The time zone of each city, in which an {@link AdSchedule}'s hours are read (deployment setting
 * {@code PROMO_CITY_ZONES}, ADR 0036). A city the table does not list is in {@code fallback}, the budget zone.
 *
 * <p>A deployment without a table runs in one zone, and any city may be scheduled. Once the table lists cities, a
 * schedule is refused for a campaign that targets a city it does not list ({@link #refusals}): its hours would be
 * read in a zone nobody chose. A campaign scheduled before the table changed still serves, in the fallback.
 */
public record CityZones(Map<CityCode, ZoneId> zones, ZoneId fallback) {

    public CityZones {
        zones = Map.copyOf(zones);
        Objects.requireNonNull(fallback, "fallback");
    }

    /** One zone for every city. */
    public static CityZones none(ZoneId fallback) {
        return new CityZones(Map.of(), fallback);
    }

    /**
     * {@code berlin=Europe/Berlin,london=Europe/London}: blank means none. An entry that is not {@code city=Region/City}
     * (a tz region, not an offset, as the budget zone) throws naming it.
     */
    public static CityZones parse(String setting, ZoneId fallback) {
        Map<CityCode, ZoneId> zones = new LinkedHashMap<>();
        if (setting != null && !setting.isBlank()) {
            for (String entry : setting.split(",")) {
                String trimmed = entry.trim();
                int equals = trimmed.indexOf('=');
                if (equals <= 0 || equals == trimmed.length() - 1) {
                    throw new IllegalArgumentException("'" + trimmed + "' is not city=Region/City (such as berlin=Europe/Berlin)");
                }
                String city = trimmed.substring(0, equals).trim();
                String zone = trimmed.substring(equals + 1).trim();
                CityCode code;
                try {
                    code = new CityCode(city);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("'" + city + "' is not a city code such as berlin or new-york");
                }
                ZoneId id = TimeZones.region(zone).orElseThrow(() -> new IllegalArgumentException("'" + zone + "' (for "
                        + city + ") is not a region of the tz database such as Europe/Berlin (an offset is refused: it"
                        + " ignores daylight saving; Etc/GMT-1 is a fixed UTC+1)"));
                if (zones.put(code, id) != null) {
                    throw new IllegalArgumentException(city + " is listed twice");
                }
            }
        }
        return new CityZones(zones, fallback);
    }

    public ZoneId zoneOf(CityCode city) {
        ZoneId zone = zones.get(city);
        return zone != null ? zone : fallback;
    }

    /**
     * Why {@code settings} cannot be authored in this deployment: a schedule on a campaign that targets a city the
     * table does not list (a business rule of the deployment's configuration: HTTP 422 on {@code schedule}).
     */
    public List<Violation> refusals(CampaignSettings settings) {
        if (settings.schedule().isAlways() || zones.isEmpty()) {
            return List.of();
        }
        List<String> unknown = new ArrayList<>();
        for (CityCode city : settings.cityTargets()) {
            if (!zones.containsKey(city)) {
                unknown.add(city.value());
            }
        }
        if (unknown.isEmpty()) {
            return List.of();
        }
        return List.of(new Violation("schedule", "is read in each targeted city's local time, and this deployment knows no"
                + " time zone for " + String.join(", ", unknown) + " (PROMO_CITY_ZONES lists "
                + String.join(", ", zones.keySet().stream().map(CityCode::value).sorted().toList()) + ")"));
    }
}
