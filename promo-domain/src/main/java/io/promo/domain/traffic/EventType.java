package io.promo.domain.traffic;

import io.promo.domain.shared.Coded;

/** The seed's {@code promo_event.type}. */
public enum EventType implements Coded {
    IMPRESSION("impression"),
    CLICK("click"),
    INVALID_CLICK("invalid_click");

    private final String code;

    EventType(String code) {
        this.code = code;
    }

    @Override
    public String code() {
        return code;
    }
}
