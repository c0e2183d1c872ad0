package io.promo.persistence.planted;

import io.promo.app.PromoApplication;

/** A planted violation (test code only): an adapter that depends on the app that wires it. */
public class PersistenceClassUsingTheApp {
    PromoApplication app;
}
