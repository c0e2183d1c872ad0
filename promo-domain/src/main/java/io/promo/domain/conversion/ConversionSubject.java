package io.promo.domain.conversion;

import io.promo.domain.campaign.TargetEntity;
import io.promo.domain.shared.EventId;
import java.util.Objects;

/**
 * Whom a conversion is to be credited to: the click {@code POST /v1/clicks} answered, or a viewer who converted on a
 * promoted entity (ADR 0035).
 */
public sealed interface ConversionSubject permits ConversionSubject.Click, ConversionSubject.ViewerOnEntity {

    /** The click's event id, as the click's answer gave it ({@code event_id}). */
    record Click(EventId clickId) implements ConversionSubject {
        public Click {
            Objects.requireNonNull(clickId, "clickId");
        }
    }

    /**
     * @param viewerKey the viewer as the event log keys clicks: the user id, or the keyed fingerprint hash (I9)
     * @param entity    the promoted entity the viewer converted on
     */
    record ViewerOnEntity(String viewerKey, TargetEntity entity) implements ConversionSubject {
        public ViewerOnEntity {
            Objects.requireNonNull(viewerKey, "viewerKey");
            Objects.requireNonNull(entity, "entity");
        }
    }
}
