package io.promo.persistence;

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

    static void emptyDatabase() {
        TestDatabase.truncateAllTables();
    }
}
