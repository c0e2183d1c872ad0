package io.promo.domain.planted;

import com.stripe.StripeClient;

/** A planted violation (test code only): a domain class that knows the payment processor. */
public class DomainClassUsingStripe {
    StripeClient stripe;
}
