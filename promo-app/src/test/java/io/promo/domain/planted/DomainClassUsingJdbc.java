package io.promo.domain.planted;

import java.sql.Connection;

/** A planted violation (test code only): a domain class that holds a JDBC connection. */
public class DomainClassUsingJdbc {
    Connection connection;
}
