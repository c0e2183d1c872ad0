package io.promo.domain.planted;

/** A planted violation (test code only): a domain class that starts a thread handed to it. */
public class DomainClassStartingAGivenThread {
    void run(Thread given) {
        given.start();
    }
}
