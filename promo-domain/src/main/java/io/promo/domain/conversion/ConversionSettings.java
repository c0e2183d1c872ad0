package io.promo.domain.conversion;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * The deployment's conversion rules (ADR 0035).
 *
 * @param types       the types a conversion may have: always {@code inquiry} and {@code booking}, plus the
 *                    deployment's own ({@code PROMO_CONVERSION_TYPES})
 * @param clickWindow how long after a billed click a conversion is still credited to it
 *                    ({@code PROMO_CONVERSION_WINDOW_DAYS}, 7 days unless configured; 1 to 90 days)
 * @param currency    the deployment's single currency (ISO 4217, lower case): the only one a value may be in
 */
public record ConversionSettings(Set<ConversionType> types, Duration clickWindow, String currency) {

    public static final Duration DEFAULT_CLICK_WINDOW = Duration.ofDays(7);
    public static final Duration MAX_CLICK_WINDOW = Duration.ofDays(90);
    /** How far ahead of promo's clock a conversion may be dated: the marketplace's clock may run a little ahead. */
    public static final Duration CLOCK_SKEW = Duration.ofMinutes(1);

    public ConversionSettings {
        Set<ConversionType> all = new TreeSet<>(Objects.requireNonNull(types, "types"));
        all.add(ConversionType.INQUIRY);
        all.add(ConversionType.BOOKING);
        types = Set.copyOf(all);
        Objects.requireNonNull(clickWindow, "clickWindow");
        if (clickWindow.compareTo(Duration.ofDays(1)) < 0 || clickWindow.compareTo(MAX_CLICK_WINDOW) > 0) {
            throw new IllegalArgumentException("the click window is 1 to 90 days: " + clickWindow);
        }
        currency = Objects.requireNonNull(currency, "currency").toLowerCase(Locale.ROOT);
    }

    /** Inquiries and bookings, the 7-day window, in {@code currency}. */
    public static ConversionSettings defaults(String currency) {
        return new ConversionSettings(Set.of(), DEFAULT_CLICK_WINDOW, currency);
    }

    /** The types in code order, for messages and documents. */
    public String typeList() {
        return String.join(", ", new TreeSet<>(types).stream().map(ConversionType::code).toList());
    }
}
