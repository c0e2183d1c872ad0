package io.promo.domain.planted;

/** A planted violation (test code only): a domain value that knows how its column stores it. */
public class DomainClassWithAColumnValue {
    long cents;

    public int toColumnValue() {
        return Math.toIntExact(cents);
    }
}
