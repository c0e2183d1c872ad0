package io.promo.domain.advertiser;

import io.promo.domain.shared.InvalidCommandException;
import java.util.regex.Pattern;

/**
 * The processor's handle on how an advertiser pays ({@code default_payment_id}): for Stripe a customer
 * and payment method such as {@code cus_123/pm_456}. An opaque reference, never card data.
 */
public record PaymentReference(String value) {

    private static final Pattern FORM = Pattern.compile("[A-Za-z0-9_./:-]{1,255}");

    public PaymentReference {
        if (value == null || !FORM.matcher(value).matches()) {
            throw new IllegalArgumentException("not a payment reference: " + value);
        }
    }

    public static PaymentReference parse(String field, String raw) {
        if (raw == null || !FORM.matcher(raw).matches()) {
            throw InvalidCommandException.of(field,
                    "must be a processor reference such as cus_123/pm_456: up to 255 letters, digits or _ . / : -");
        }
        return new PaymentReference(raw);
    }

    @Override
    public String toString() {
        return value;
    }
}
