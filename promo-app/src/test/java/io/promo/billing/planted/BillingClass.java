package io.promo.billing.planted;

/** A stand-in for a billing adapter class, for the planted violations (test code only). */
public class BillingClass {
}
