package io.promo.domain.planted;

import io.promo.persistence.PostgresRepositories;

/** A planted violation (test code only): a domain class that reaches into the persistence adapter. */
public class DomainClassUsingAnAdapter {
    PostgresRepositories repositories;
}
