package io.promo.persistence;

import io.promo.domain.serving.share.ImpressionShareLog;
import io.promo.domain.serving.share.ImpressionShareLogContract;

/** The impression-share counts on PostgreSQL against the contract the in-memory fake passes. */
class JdbcImpressionShareLogTest extends ImpressionShareLogContract {

    @Override
    protected ImpressionShareLog emptyLog() {
        PostgresFixture.emptyDatabase();
        return new JdbcImpressionShareLog(TestDatabase.dataSource());
    }
}
