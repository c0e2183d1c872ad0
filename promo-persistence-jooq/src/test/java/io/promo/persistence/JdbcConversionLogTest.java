package io.promo.persistence;

import io.promo.domain.conversion.ConversionLogContract;
import io.promo.domain.traffic.TrafficStores;

/** The conversion log's contract on PostgreSQL (the fake runs it as {@code InMemoryConversionLogTest}). */
class JdbcConversionLogTest extends ConversionLogContract {

    @Override
    protected TrafficStores stores() {
        return PostgresFixture.trafficStores();
    }

    @Override
    protected void emptyStorage() {
        PostgresFixture.emptyDatabase();
    }
}
