package io.promo.domain.campaign;

import io.promo.domain.shared.Coded;

/** {@code featured} may take the above-the-fold sponsored slots; {@code boosted} takes lower ones in the top 20. */
public enum Format implements Coded {
    FEATURED("featured"),
    BOOSTED("boosted");

    private final String code;

    Format(String code) {
        this.code = code;
    }

    @Override
    public String code() {
        return code;
    }

    public static Format parse(String field, String code) {
        return Coded.parse(Format.class, field, code);
    }
}
