package io.promo.domain.traffic;

import static io.promo.domain.testing.TestData.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.promo.domain.campaign.Format;
import io.promo.domain.shared.EventId;
import io.promo.domain.shared.Money;
import io.promo.domain.shared.Surface;
import io.promo.domain.testing.TestData;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** I9 for the query: only its keyed signature reaches the log, never the words a person searched for. */
class TrafficEventQueryHashTest {

    private static TrafficEvent impression(String queryHash) {
        EventId id = TestData.IDS.newEventId();
        return new TrafficEvent(id, TestData.IDS.newCampaignId(), id, Optional.empty(),
                TestData.BERLIN, queryHash, Optional.empty(), Optional.empty(), "ab", "cd", NOW,
                new EventDetail.Served(Surface.PEOPLE_SEARCH, 1, Money.ofCents(50), Format.FEATURED));
    }

    @Test
    void the_query_column_holds_a_hash_or_nothing_and_never_the_query() {
        assertThat(impression("0123456789abcdef").queryHash()).isEqualTo("0123456789abcdef");
        assertThat(impression("").queryHash()).isEmpty();

        assertThatThrownBy(() -> impression("wedding photographer")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("queryHash");
        assertThatThrownBy(() -> impression(null)).isInstanceOf(IllegalArgumentException.class);
    }
}
