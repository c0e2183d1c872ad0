package io.promo.domain.pricing;

import io.promo.domain.shared.Coded;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * What a click on a sponsored result pays (docs/adr/0029-generalized-second-price-with-the-floor-as-reserve.md).
 * Ranking is the same in both modes; only the price differs.
 */
public enum PricingMode implements Coded {
    /**
     * The least whole-cent bid that keeps the position: the next-ranked eligible competitor's score divided by the
     * campaign's predicted CTR, plus a cent; at least the floor, never above the campaign's cpc (its maximum).
     */
    SECOND_PRICE("second_price"),
    /** The campaign's cpc. */
    FIRST_PRICE("first_price");

    private final String code;

    PricingMode(String code) {
        this.code = code;
    }

    @Override
    public String code() {
        return code;
    }

    /** The mode a request names in {@code field}, else an {@link io.promo.domain.shared.InvalidCommandException} naming it. */
    public static PricingMode ofCode(String field, String code) {
        return Coded.parse(PricingMode.class, field, code);
    }

    /**
     * @param setting the name of the setting the value came from, for the message
     * @throws IllegalArgumentException naming the setting and the accepted values
     */
    public static PricingMode parse(String setting, String value) {
        for (PricingMode mode : values()) {
            if (mode.code.equals(value)) {
                return mode;
            }
        }
        throw new IllegalArgumentException(setting + " must be one of "
                + Arrays.stream(values()).map(PricingMode::code).collect(Collectors.joining(", ")) + " (got " + value + ")");
    }
}
