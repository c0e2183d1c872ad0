package io.promo.domain.serving.pacing;

import io.promo.domain.shared.CityCode;
import io.promo.domain.shared.Surface;
import java.util.Objects;

/** A surface in a city: the unit of the serving index, of traffic counts and of the pacing curve. */
public record TrafficScope(Surface surface, CityCode city) {
    public TrafficScope {
        Objects.requireNonNull(surface, "surface");
        Objects.requireNonNull(city, "city");
    }

    @Override
    public String toString() {
        return surface.code() + "/" + city.value();
    }
}
