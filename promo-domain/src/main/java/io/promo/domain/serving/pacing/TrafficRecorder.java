package io.promo.domain.serving.pacing;

import io.promo.domain.shared.CityCode;
import io.promo.domain.shared.Surface;
import java.time.Instant;

/** Out port: told of every search a decision was made for, so that pacing can learn the day's traffic curve. */
@FunctionalInterface
public interface TrafficRecorder {

    TrafficRecorder NONE = (surface, city, at) -> { };

    /** Called on the decision path: must be cheap and must not block. */
    void recordSearch(Surface surface, CityCode city, Instant at);
}
