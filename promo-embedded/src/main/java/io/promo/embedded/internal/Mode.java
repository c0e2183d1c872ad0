package io.promo.embedded.internal;

import java.util.Locale;

/** {@code dev} runs on what it can make up (embedded database, generated keys, the dev gateway); {@code production} refuses all of it. */
public enum Mode {
    DEV,
    PRODUCTION;

    static Mode parse(String raw) {
        return switch (raw.trim().toLowerCase(Locale.ROOT)) {
            case "dev" -> DEV;
            case "production" -> PRODUCTION;
            default -> throw new IllegalArgumentException("PROMO_MODE must be dev or production (got '" + raw + "')");
        };
    }

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
