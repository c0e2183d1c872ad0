package io.promo.domain.advertiser;

import io.promo.domain.shared.Coded;

/** Only {@code active} advertisers serve; {@code suspended} is an admin's decision. */
public enum AdvertiserStatus implements Coded {
    ACTIVE("active"),
    PAUSED("paused"),
    SUSPENDED("suspended");

    private final String code;

    AdvertiserStatus(String code) {
        this.code = code;
    }

    @Override
    public String code() {
        return code;
    }

    public static AdvertiserStatus parse(String field, String code) {
        return Coded.parse(AdvertiserStatus.class, field, code);
    }
}
