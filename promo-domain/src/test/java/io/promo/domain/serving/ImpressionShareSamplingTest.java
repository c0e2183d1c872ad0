package io.promo.domain.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
    /** A page whose first match, srv_s, has the campaign {@link #shownOnEveryPage}. */
    private static final DecisionRequest PAGE = ServingFixture.search(ServingFixture.BERLIN, "portrait", "srv_s", "srv_o1");

    private final AtomicLong ticker = new AtomicLong(1_000_000_000L);
    /** Two decisions in a row, then one per millisecond. */
    private final ImpressionShareCounter sampling = new ImpressionShareCounter(Duration.ofMillis(1), 2, ticker::get);
    private final ServingFixture fixture = new ServingFixture(NOW);
    private final DecideAdPage decide = new DecideAdPage(fixture.refresher, fixture.settings, fixture.ids, fixture.clock,
            fixture.traffic, ServingFixture.SIGNER, sampling);

    @Test
    void a_counted_decision_stands_for_the_decisions_skipped_since_the_last_one() {
        Campaign campaign = shownOnEveryPage();

        decide.decide(PAGE); // the burst: counted
        decide.decide(PAGE);
        for (int i = 0; i < 9; i++) {
            ticker.addAndGet(50_000); // 0.05 ms apart: skipped
            decide.decide(PAGE);
        }
        ticker.addAndGet(1_000_000);
        decide.decide(PAGE); // counted for itself and the 9 skipped

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

    /** Counts every decision at the allowance's rate; a thread that skips one counts one per 4 ms from then on. */
    private final ImpressionShareCounter underLoad = new ImpressionShareCounter(Duration.ofMillis(1), 2, Duration.ofMillis(4),
            ticker::get);
    private final DecideAdPage decideUnderLoad = new DecideAdPage(fixture.refresher, fixture.settings, fixture.ids,
            fixture.clock, fixture.traffic, ServingFixture.SIGNER, underLoad);

    @Test
    void a_thread_that_skipped_a_decision_counts_one_per_under_load_interval_for_all_since() {
        Campaign campaign = shownOnEveryPage();
        LocalDate day = fixture.calendar.dayOf(NOW);

        decideUnderLoad.decide(PAGE); // the burst of two: counted
        decideUnderLoad.decide(PAGE);
        ticker.addAndGet(50_000);
        decideUnderLoad.decide(PAGE); // beyond the allowance: skipped
        ticker.addAndGet(1_000_000);
        decideUnderLoad.decide(PAGE); // the allowance allows, but it was refused one and 4 ms have not passed
        assertThat(shown(underLoad, campaign, day)).as("after the first skip").isEqualTo(2);

        ticker.addAndGet(2_950_000); // 4 ms after the last counted decision
        decideUnderLoad.decide(PAGE); // counted for itself and the 2 skipped
        assertThat(shown(underLoad, campaign, day)).as("at 4 ms").isEqualTo(3);
    }

    @Test
    void a_busy_thread_counts_one_decision_per_under_load_interval_for_as_long_as_it_stays_busy() {
        Campaign campaign = shownOnEveryPage();
        LocalDate day = fixture.calendar.dayOf(NOW);

        int counted = 0;
        long shown = 0;
        for (int i = 0; i < 1_000; i++) { // 100 ms at one decision per 0.1 ms
            ticker.addAndGet(100_000);
            decideUnderLoad.decide(PAGE);
            long now = shown(underLoad, campaign, day);
            counted += now > 0 ? 1 : 0;
            shown += now;
        }
        // The burst of two, then one per 4 ms: about 27, where one per allowance interval (1 ms) would be about 100.
        assertThat(counted).isBetween(25, 29);
        // Each counted for the decisions since the last; those after the last (up to 4 ms of them) wait for the next.
        assertThat(shown).isBetween(960L, 1_000L);
    }

    @Test
    void a_thread_within_its_allowance_counts_every_decision_whatever_the_under_load_interval() {
        Campaign campaign = shownOnEveryPage();
        LocalDate day = fixture.calendar.dayOf(NOW);

        long shown = 0;
        for (int i = 0; i < 10; i++) {
            ticker.addAndGet(1_000_000); // one per ms: the allowance's rate
            decideUnderLoad.decide(PAGE);
            shown += shown(underLoad, campaign, day);
            assertThat(shown).as("decision %d", i + 1).isEqualTo(i + 1);
        }
    }

    @Test
    void the_under_load_interval_is_at_least_the_sampling_interval() {
        assertThatThrownBy(() -> new ImpressionShareCounter(Duration.ofMillis(2), 10, Duration.ofMillis(1), ticker::get))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("underLoad");
    }

    /** The one featured campaign of {@link #PAGE}'s entity, shown by every decision. */
    private Campaign shownOnEveryPage() {
        Campaign campaign = fixture.active(fixture.advertiser(), "srv_s", TestData.settings().format(Format.FEATURED)
                .pacing(PacingMode.ACCELERATED).build(), 10_000);
        fixture.refresher.refreshIfStale();
        return campaign;
    }

    /** The impressions counted for the campaign since the last flush (the flush takes them). */
    private static long shown(ImpressionShareCounter counter, Campaign campaign, LocalDate day) {
        InMemoryImpressionShareLog log = new InMemoryImpressionShareLog();
        counter.flushTo(log);
        ShareCounts counts = log.daily(campaign.id(), day, day).get(day);
        return counts == null ? 0 : counts.impressions();
    }
}
