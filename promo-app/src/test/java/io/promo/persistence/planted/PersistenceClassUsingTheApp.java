package io.promo.persistence.planted;

import io.promo.app.UseCases;

/** A planted violation (test code only): an adapter that depends on the app that wires it. */
public class PersistenceClassUsingTheApp {
    UseCases useCases;
}
