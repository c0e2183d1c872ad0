package io.promo.app.http.planted;

import javax.sql.DataSource;

/** A planted violation (test code only): the HTTP adapter holding the database's data source. */
public class HttpClassUsingADataSource {
    DataSource dataSource;
}
