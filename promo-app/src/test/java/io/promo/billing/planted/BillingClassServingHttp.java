package io.promo.billing.planted;

import io.javalin.Javalin;

/** A planted violation (test code only): an adapter other than HTTP that starts a web server. */
public class BillingClassServingHttp {
    Javalin server;
}
