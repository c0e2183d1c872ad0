package io.promo.domain.campaign;

import io.promo.domain.shared.Coded;

/** Spread the daily budget over the day's expected traffic, or spend as fast as demand allows. */
public enum PacingMode implements Coded {
    EVEN("even"),
    ACCELERATED("accelerated");

    private final String code;

    PacingMode(String code) {
        this.code = code;
    }

    @Override
    public String code() {
        return code;
    }

    public static PacingMode parse(String field, String code) {
        return Coded.parse(PacingMode.class, field, code);
    }
}
