package io.promo.domain.traffic;

import static io.promo.domain.testing.TestData.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.promo.domain.campaign.Format;
import io.promo.domain.shared.EventId;
import io.promo.domain.shared.Money;
import io.promo.domain.shared.Surface;
import io.promo.domain.testing.TestData;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The buffer's rules without a writer: it drops and counts when full or closed, and counts each batch's fate once.
 * The writer thread and its timing are the persistence adapter's ({@code ImpressionWriterTest}).
 */
class ImpressionBufferTest {

    private static List<TrafficEvent> impressions(int count) {
        List<TrafficEvent> events = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            EventId id = TestData.IDS.newEventId();
            events.add(new TrafficEvent(id, TestData.IDS.newCampaignId(), id, Optional.empty(), TestData.BERLIN, "ab",
                    Optional.empty(), Optional.of("cd"), "ef", "01", NOW,
                    new EventDetail.Served(Surface.PEOPLE_SEARCH, 1, Money.ofCents(50), Format.FEATURED)));
        }
        return events;
    }

    private final ImpressionBuffer buffer = new ImpressionBuffer(new ImpressionBuffer.Settings(10, 4, Duration.ofSeconds(1)));

    @Test
    void a_full_buffer_takes_what_fits_and_drops_and_counts_the_rest() {
        assertThat(buffer.offer(impressions(7))).isEqualTo(7);
        assertThat(buffer.offer(impressions(7))).isEqualTo(3);

        assertThat(buffer.dropped()).isEqualTo(4);
        assertThat(buffer.depth()).isEqualTo(10);
    }

    @Test
    void a_batch_is_at_most_the_batch_size_and_its_writing_empties_the_depth() {
        buffer.offer(impressions(6));
        List<TrafficEvent> batch = new ArrayList<>();

        buffer.drainInto(batch);
        buffer.batchWritten(batch.size());

        assertThat(batch).hasSize(4);
        assertThat(buffer.written()).isEqualTo(4);
        assertThat(buffer.depth()).isEqualTo(2);
    }

    @Test
    void a_closed_buffer_drops_every_offer_but_keeps_what_it_holds_for_the_writer() {
        buffer.offer(impressions(2));
        buffer.stopAccepting();

        assertThat(buffer.offer(impressions(1))).isZero();
        assertThat(buffer.dropped()).isEqualTo(1);
        assertThat(buffer.isEmpty()).isFalse();
        assertThat(buffer.closed()).isTrue();
    }

    @Test
    void failing_appends_are_counted_and_the_first_that_succeeds_ends_the_failing() {
        buffer.offer(impressions(2));
        buffer.appendFailed();
        assertThat(buffer.failing()).isTrue();

        buffer.batchWritten(2);

        assertThat(buffer.failing()).isFalse();
        assertThat(buffer.failedAppends()).isEqualTo(1);
    }

    @Test
    void giving_up_counts_everything_unwritten_as_lost_once_and_ignores_what_the_writer_reports_later() {
        buffer.offer(impressions(5));
        buffer.batchWritten(1);

        buffer.giveUpTheRest();
        buffer.batchWritten(4);
        buffer.batchLost(4);

        assertThat(buffer.givenUp()).isTrue();
        assertThat(buffer.written()).isEqualTo(1);
        assertThat(buffer.lost()).isEqualTo(4);
        assertThat(buffer.depth()).isZero();
    }

    @Test
    void only_impressions_are_buffered() {
        List<TrafficEvent> click = List.of(impressions(1).get(0).withDetail(EventDetail.UNCLASSIFIED));

        assertThatThrownBy(() -> buffer.offer(click)).isInstanceOf(IllegalArgumentException.class);
    }
}
