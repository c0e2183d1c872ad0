package io.promo.domain.planted;

/** A planted violation (test code only): a domain class that renders itself as JSON for a column. */
public class DomainClassWritingJson {
    long cents;

    public String toJson() {
        return "{\"cents\":" + cents + "}";
    }
}
