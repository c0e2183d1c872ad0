package io.promo.persistence;

import io.promo.domain.traffic.TrafficStores;
import java.time.ZoneOffset;

/** The adapters over the shared test database, through a pool as in production; each test empties it first. */
final class PostgresFixture {

    private static final ConnectionPool POOL = ConnectionPool.open(TestDatabase.server(), 10);
    private static final PostgresRepositories REPOSITORIES = new PostgresRepositories(POOL.dataSource(), ZoneOffset.UTC);

    private PostgresFixture() {
    }

    static PostgresRepositories repositories() {
        return REPOSITORIES;
    }

    /** The traffic log's ports and what they read, over the shared database. */
    static TrafficStores trafficStores() {
        return trafficStores(REPOSITORIES);
    }

    static TrafficStores trafficStores(PostgresRepositories repositories) {
        return new TrafficStores(repositories.advertisers(), repositories.campaigns(), repositories.ledger(),
                repositories.impressionLog(), repositories.clickLog(), repositories.trafficReportSource(),
                repositories.ctrFeed(), repositories.conversionLog(), repositories.conversionReportSource());
    }

    static void emptyDatabase() {
        TestDatabase.truncateAllTables();
    }
}
