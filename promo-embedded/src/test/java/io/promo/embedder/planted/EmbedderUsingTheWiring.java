package io.promo.embedder.planted;

import io.promo.embedded.internal.Wiring;

/** A planted violation (test code only): an embedder that reaches past the public API into promo's wiring. */
public class EmbedderUsingTheWiring {
    Wiring wiring;
}
