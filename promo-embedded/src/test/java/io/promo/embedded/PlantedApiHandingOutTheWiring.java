package io.promo.embedded;

import io.promo.embedded.internal.Wiring;

/** A planted violation (test code only): a public API class whose public method hands out the internal wiring. */
public class PlantedApiHandingOutTheWiring {
    public Wiring wiring() {
        return null;
    }
}
