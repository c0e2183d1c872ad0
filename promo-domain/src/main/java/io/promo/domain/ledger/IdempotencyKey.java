package io.promo.domain.ledger;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What makes a ledger entry happen at most once: the system that asked for it and that system's
 * reference, stored in the seed's {@code processor} and {@code processor_ref} columns and unique
 * together (a database constraint, not luck). A click is billed once per click event id, a Stripe
 * payment becomes one top-up, an admin's credit request is granted once.
 */
public record IdempotencyKey(String source, String reference) {

    /** A billed click: the reference is the click's event id. */
    public static final String CLICK = "promo_click";
    /** A credit granted by an admin: the reference is the request's idempotency key. */
    public static final String ADMIN_CREDIT = "promo_admin";
    /** A refund of a click found invalid after it was billed: the reference is the click's event id. */
    public static final String INVALID_CLICK_CREDIT = "promo_invalid_click";
    /** The payment processor: the reference is its payment, refund or dispute id. */
    public static final String STRIPE = "stripe";

    private static final Pattern SOURCE = Pattern.compile("[a-z][a-z0-9_]{0,31}");
    private static final Pattern REFERENCE = Pattern.compile("[A-Za-z0-9_./:=-]{1,200}");

    public IdempotencyKey {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(reference, "reference");
        if (!SOURCE.matcher(source).matches()) {
            throw new IllegalArgumentException("not an idempotency source: " + source);
        }
        if (!REFERENCE.matcher(reference).matches()) {
            throw new IllegalArgumentException("not an idempotency reference: " + reference);
        }
    }

    /** True when {@code reference} can be a reference: letters, digits and {@code _ . / : = -}, at most 200. */
    public static boolean isValidReference(String reference) {
        return reference != null && REFERENCE.matcher(reference).matches();
    }

    @Override
    public String toString() {
        return source + ":" + reference;
    }
}
