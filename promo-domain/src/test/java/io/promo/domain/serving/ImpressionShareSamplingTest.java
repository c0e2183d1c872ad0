package io.promo.domain.serving;

import static org.assertj.core.api.Assertions.assertThat;

import io.promo.domain.campaign.Campaign;
import io.promo.domain.campaign.Format;
import io.promo.domain.campaign.PacingMode;
import io.promo.domain.serving.share.ImpressionShareCounter;
import io.promo.domain.serving.share.InMemoryImpressionShareLog;
import io.promo.domain.serving.share.ShareCounts;
import io.promo.domain.testing.TestData;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * A sampling counter (ADR 0031): a thread counts a decision when the sampling interval has passed since the last one
 * it counted, and counts it for itself and every decision it skipped since, so the totals stay estimates of all.
 */
class ImpressionShareSamplingTest {

    private static final Instant NOW = Instant.parse("2026-12-10T10:15:00Z");

    private final AtomicLong ticker = new AtomicLong(1_000_000_000L);
    /** Two decisions in a row, then one per millisecond. */
    private final ImpressionShareCounter sampling = new ImpressionShareCounter(Duration.ofMillis(1), 2, ticker::get);
    private final ServingFixture fixture = new ServingFixture(NOW);
    private final DecideAdPage decide = new DecideAdPage(fixture.refresher, fixture.settings, fixture.ids, fixture.clock,
            fixture.traffic, ServingFixture.SIGNER, sampling);

    @Test
    void a_counted_decision_stands_for_the_decisions_skipped_since_the_last_one() {
        Campaign campaign = fixture.active(fixture.advertiser(), "srv_s", TestData.settings().format(Format.FEATURED)
                .pacing(PacingMode.ACCELERATED).build(), 10_000);
        fixture.refresher.refreshIfStale();
        DecisionRequest request = ServingFixture.search(ServingFixture.BERLIN, "portrait", "srv_s", "srv_o1");

        decide.decide(request); // the burst: counted
        decide.decide(request);
        for (int i = 0; i < 9; i++) {
            ticker.addAndGet(50_000); // 0.05 ms apart: skipped
            decide.decide(request);
        }
        ticker.addAndGet(1_000_000);
        decide.decide(request); // counted for itself and the 9 skipped

        InMemoryImpressionShareLog log = new InMemoryImpressionShareLog();
        sampling.flushTo(log);
        LocalDate day = fixture.calendar.dayOf(NOW);
        assertThat(log.daily(campaign.id(), day, day).get(day)).isEqualTo(new ShareCounts(12, 0, 0, 0, 0, 0, 0));
    }

    @Test
    void a_sampling_counter_counts_its_burst_in_a_row_then_one_per_interval() {
        assertThat(new ImpressionShareCounter().countsEveryDecision()).isTrue();
        assertThat(sampling.countsEveryDecision()).isFalse();
        long first = sampling.allow(0, 5_000_000);
        assertThat(first).isEqualTo(6_000_000);
        long second = sampling.allow(first, 5_000_001);
        assertThat(second).as("the burst of 2").isEqualTo(7_000_000);
        assertThat(sampling.allow(second, 5_999_999)).as("then one per ms").isEqualTo(Long.MIN_VALUE);
        assertThat(sampling.allow(second, 6_000_000)).isEqualTo(8_000_000);
        assertThat(sampling.allow(second, 60_000_000)).as("an idle thread starts a new burst").isEqualTo(61_000_000);
    }
}
