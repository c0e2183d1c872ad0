package io.promo.domain.planted;

/** A planted violation (test code only): a domain class that makes its own writer thread. */
public class DomainClassStartingAThread {
    Thread writer = new Thread(() -> { }, "planted-writer");
}
