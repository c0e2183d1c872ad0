package io.promo.domain.planted;

import org.jooq.DSLContext;

/** A planted violation (test code only): a domain class that knows the database library. */
public class DomainClassUsingJooq {
    DSLContext db;
}
