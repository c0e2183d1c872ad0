package io.promo.app.http.planted;

import io.promo.embedded.internal.UseCases;

/** A planted violation (test code only): a route class that reads the use case it calls out of the wiring's bag. */
public class BagOfServicesRoutes {
    private final UseCases useCases;

    BagOfServicesRoutes(UseCases useCases) {
        this.useCases = useCases;
    }

    Object campaigns() {
        return useCases.campaignQueries();
    }
}
