package io.promo.app.http;

/** Who may call a route. Any other known key is answered 403; a missing or unknown key 401. */
public enum Access {
    /** Anyone, without a key. */
    PUBLIC,
    /** The admin key only. */
    ADMIN,
    /** An advertiser's key (its own data only), or the admin key (anyone's). */
    ADVERTISER,
    /** The search service's key only. */
    SEARCH_SERVICE,
    /** Stripe: no key, the endpoint verifies the payload's signature itself. */
    STRIPE_SIGNATURE;

    boolean admits(Caller caller) {
        return switch (this) {
            case PUBLIC, STRIPE_SIGNATURE -> true;
            case ADMIN -> caller instanceof Caller.Admin;
            case ADVERTISER -> caller instanceof Caller.Admin || caller instanceof Caller.Advertiser;
            case SEARCH_SERVICE -> caller instanceof Caller.SearchService;
        };
    }

    boolean needsKey() {
        return this != PUBLIC && this != STRIPE_SIGNATURE;
    }
}
