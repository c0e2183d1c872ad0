package io.promo.persistence.planted;

/** A planted violation (test code only): one adapter depending on the other. */
public class PersistenceClassUsingBilling {
    io.promo.billing.planted.BillingClass billing;
}
