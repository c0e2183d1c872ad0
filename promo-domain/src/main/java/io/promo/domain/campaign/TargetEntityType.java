package io.promo.domain.campaign;

import io.promo.domain.shared.Coded;
import io.promo.domain.shared.IdPrefix;
import io.promo.domain.shared.Surface;

/** The marketplace entity a campaign promotes; each surface promotes exactly one type. */
public enum TargetEntityType implements Coded {
    SERVICE_PROFILE("service_profile", IdPrefix.SERVICE_PROFILE, Surface.PEOPLE_SEARCH),
    STUDIO("studio", IdPrefix.STUDIO, Surface.STUDIO_SEARCH);

    private final String code;
    private final IdPrefix idPrefix;
    private final Surface surface;

    TargetEntityType(String code, IdPrefix idPrefix, Surface surface) {
        this.code = code;
        this.idPrefix = idPrefix;
        this.surface = surface;
    }

    @Override
    public String code() {
        return code;
    }

    public IdPrefix idPrefix() {
        return idPrefix;
    }

    /** The only surface on which this type can be promoted. */
    public Surface surface() {
        return surface;
    }

    public static TargetEntityType parse(String field, String code) {
        return Coded.parse(TargetEntityType.class, field, code);
    }
}
