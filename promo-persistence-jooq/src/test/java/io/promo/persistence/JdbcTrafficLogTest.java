package io.promo.persistence;

import io.promo.domain.traffic.ClickLogContract;
import io.promo.domain.traffic.CtrFeedContract;
import io.promo.domain.traffic.ImpressionLogContract;
import io.promo.domain.traffic.TrafficReportSourceContract;
import io.promo.domain.traffic.TrafficStores;
import org.junit.jupiter.api.Nested;

/** The traffic log's four PostgreSQL adapters against the contracts the fake passes, port by port. */
class JdbcTrafficLogTest {

    @Nested
    class Impressions extends ImpressionLogContract {
        @Override
        protected TrafficStores stores() {
            return PostgresFixture.trafficStores();
        }

        @Override
        protected void emptyStorage() {
            PostgresFixture.emptyDatabase();
        }
    }

    @Nested
    class Clicks extends ClickLogContract {
        @Override
        protected TrafficStores stores() {
            return PostgresFixture.trafficStores();
        }

        @Override
        protected void emptyStorage() {
            PostgresFixture.emptyDatabase();
        }
    }

    @Nested
    class Reports extends TrafficReportSourceContract {
        @Override
        protected TrafficStores stores() {
            return PostgresFixture.trafficStores();
        }

        @Override
        protected void emptyStorage() {
            PostgresFixture.emptyDatabase();
        }
    }

    @Nested
    class CtrFeedOfTheLog extends CtrFeedContract {
        @Override
        protected TrafficStores stores() {
            return PostgresFixture.trafficStores();
        }

        @Override
        protected void emptyStorage() {
            PostgresFixture.emptyDatabase();
        }
    }
}
