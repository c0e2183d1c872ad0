package io.promo.persistence;

/** The adapters over the shared test database, which each test empties first. */
final class PostgresFixture {

    private static final PostgresRepositories REPOSITORIES = new PostgresRepositories(TestDatabase.dataSource());

    private PostgresFixture() {
    }

    static PostgresRepositories repositories() {
        return REPOSITORIES;
    }

    static void emptyDatabase() {
        TestDatabase.truncateAllTables();
    }
}
