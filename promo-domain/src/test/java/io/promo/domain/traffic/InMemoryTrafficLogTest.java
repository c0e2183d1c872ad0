package io.promo.domain.traffic;

import org.junit.jupiter.api.Nested;

/** Keeps the fake honest: it passes the same contracts as the PostgreSQL adapters, port by port. */
class InMemoryTrafficLogTest {

    @Nested
    class Impressions extends ImpressionLogContract {
        @Override
        protected TrafficStores stores() {
            return TrafficStores.inMemory();
        }
    }

    @Nested
    class Clicks extends ClickLogContract {
        @Override
        protected TrafficStores stores() {
            return TrafficStores.inMemory();
        }
    }

    @Nested
    class Reports extends TrafficReportSourceContract {
        @Override
        protected TrafficStores stores() {
            return TrafficStores.inMemory();
        }
    }

    @Nested
    class CtrFeedOfTheLog extends CtrFeedContract {
        @Override
        protected TrafficStores stores() {
            return TrafficStores.inMemory();
        }
    }
}
