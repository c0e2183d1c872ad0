package io.promo.domain.conversion;

import io.promo.domain.shared.Coded;
import java.util.Locale;

/** Why a recorded conversion is credited to no click (ADR 0035). */
public enum UnattributedReason implements Coded {
    /** The click id names no click of this deployment (a foreign or made-up id): recorded, credited to nobody. */
    UNKNOWN_CLICK,
    /** The click was invalid, or valid but billed 0 (its budget was spent): it earns nothing. */
    CLICK_NOT_BILLED,
    /** The click was refunded as invalid before the conversion came. */
    CLICK_CREDITED,
    /** The conversion came more than the click window after the click. */
    OUTSIDE_WINDOW,
    /** The viewer has no billed, uncredited click on the entity within the window before the conversion. */
    NO_CLICK;

    @Override
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
