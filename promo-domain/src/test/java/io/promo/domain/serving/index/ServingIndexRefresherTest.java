package io.promo.domain.serving.index;

import static org.assertj.core.api.Assertions.assertThat;

import io.promo.domain.advertiser.Advertiser;
import io.promo.domain.advertiser.AdvertiserStatus;
import io.promo.domain.campaign.Campaign;
import io.promo.domain.campaign.CampaignAction;
import io.promo.domain.campaign.CampaignRepository;
import io.promo.domain.campaign.Format;
import io.promo.domain.campaign.PacingMode;
import io.promo.domain.serving.DecideAdPage;
import io.promo.domain.serving.DecisionPage;
import io.promo.domain.serving.DecisionRequest;
import io.promo.domain.serving.PagePosition;
import io.promo.domain.serving.ServingFixture;
import io.promo.domain.serving.StallingCampaigns;
import io.promo.domain.serving.Viewer;
import io.promo.domain.serving.diagnostics.Diagnosis;
import io.promo.domain.serving.diagnostics.WhyNotShown;
import io.promo.domain.serving.diagnostics.WhyNotShownQuery;
import io.promo.domain.serving.engine.Check;
import io.promo.domain.serving.index.ServingIndex;
import io.promo.domain.serving.index.ServingIndexRefresher;
import io.promo.domain.serving.pacing.TrafficCurve;
import io.promo.domain.serving.pacing.TrafficRecorder;
import io.promo.domain.shared.Actor;
import io.promo.domain.shared.Surface;
import io.promo.domain.testing.TestData;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Changes reach the decisions within the refresh interval (1 s by default), without the decision path reading the store. */
class ServingIndexRefresherTest {

    private static final Instant NOW = Instant.parse("2026-12-10T10:15:00Z");

    private final ServingFixture fixture = new ServingFixture(NOW);
    private final Advertiser advertiser = fixture.advertiser();
    private final Campaign campaign = fixture.active(advertiser, "srv_o2", TestData.settings().keywords()
            .format(Format.FEATURED).cpc(50).dailyBudget(100).pacing(PacingMode.ACCELERATED).build(), 10_000);
    private final DecisionRequest search = new DecisionRequest(Surface.PEOPLE_SEARCH, Optional.empty(),
            ServingFixture.BERLIN, "", Viewer.anonymous("fp"), 20, ServingFixture.organic(10));

    private boolean shown() {
        return fixture.decide(search).sponsored().stream().anyMatch(s -> s.campaignId().equals(campaign.id()));
    }

    @Test
    void a_paused_campaign_stops_serving_once_the_interval_has_passed() {
        assertThat(shown()).isTrue();

        fixture.move(campaign, CampaignAction.PAUSE);
        fixture.clock.advance(Duration.ofMillis(999));
        assertThat(shown()).as("within the interval the previous snapshot may still serve it").isTrue();

        fixture.clock.advance(Duration.ofMillis(1));
        assertThat(shown()).isFalse();
        assertThat(fixture.diagnose(campaign.id(), search).decidingReason()).contains(Check.STATUS);
    }

    @Test
    void an_exhausted_campaign_stops_serving_once_the_interval_has_passed() {
        assertThat(shown()).isTrue();

        fixture.spend(campaign.id(), 50);
        fixture.spend(campaign.id(), 50);
        fixture.clock.advance(Duration.ofSeconds(1));

        assertThat(shown()).isFalse();
        assertThat(fixture.diagnose(campaign.id(), search).decidingReason()).contains(Check.DAILY_BUDGET);
    }

    @Test
    void a_campaign_whose_balance_runs_out_stops_serving() {
        assertThat(shown()).isTrue();

        fixture.ledger.record(new io.promo.domain.ledger.LedgerEntry(fixture.ids.newLedgerEntryId(), campaign.id(),
                io.promo.domain.ledger.EntryKind.ADJUSTMENT, io.promo.domain.shared.Money.ofCents(-9_980),
                new io.promo.domain.ledger.IdempotencyKey("stripe", "re_1"), Optional.of("refund"), NOW));
        fixture.clock.advance(Duration.ofSeconds(1));

        assertThat(shown()).isFalse();
        assertThat(fixture.diagnose(campaign.id(), search).decidingReason()).contains(Check.BALANCE);
    }

    @Test
    void a_suspended_advertiser_stops_serving_once_the_interval_has_passed() {
        assertThat(shown()).isTrue();

        fixture.setStatus(advertiser, AdvertiserStatus.SUSPENDED);
        fixture.clock.advance(Duration.ofSeconds(1));

        assertThat(shown()).isFalse();
        assertThat(fixture.diagnose(campaign.id(), search).decidingReason()).contains(Check.ADVERTISER);
    }

    @Test
    void a_resumed_campaign_serves_again_after_the_interval() {
        fixture.move(campaign, CampaignAction.PAUSE);
        assertThat(shown()).isFalse();

        fixture.move(campaign, CampaignAction.RESUME);
        fixture.clock.advance(Duration.ofSeconds(1));

        assertThat(shown()).isTrue();
    }

    @Test
    void a_new_budget_day_rebuilds_the_index_at_once_so_yesterdays_spend_no_longer_counts() {
        fixture.clock.set(Instant.parse("2026-12-10T23:59:59.500Z"));
        fixture.spend(campaign.id(), 100);
        fixture.refresher.refresh();
        assertThat(shown()).isFalse();

        fixture.clock.set(Instant.parse("2026-12-11T00:00:00.100Z"));

        assertThat(shown()).isTrue();
        assertThat(fixture.refresher.current().orElseThrow().day()).isEqualTo(LocalDate.of(2026, 12, 11));
    }

    @Test
    void decisions_read_the_store_once_per_interval_not_once_per_search() {
        StallingCampaigns store = new StallingCampaigns(fixture.campaigns);
        ServingIndexRefresher refresher = refresherOver(store);
        DecideAdPage decide = new DecideAdPage(refresher, fixture.settings, fixture.ids, fixture.clock, TrafficRecorder.NONE,
                ServingFixture.SIGNER);

        for (int i = 0; i < 100; i++) {
            refresher.refreshIfStale(); // the app's background thread
            decide.decide(search);
            fixture.clock.advance(Duration.ofMillis(25));
        }

        assertThat(store.reads.get()).isEqualTo(3);
    }

    @Test
    void a_stale_index_answers_decisions_and_diagnostics_at_once_and_the_request_never_reads_the_store() throws Exception {
        StallingCampaigns store = new StallingCampaigns(fixture.campaigns);
        ServingIndexRefresher refresher = refresherOver(store);
        DecideAdPage decide = new DecideAdPage(refresher, fixture.settings, fixture.ids, fixture.clock, TrafficRecorder.NONE,
                ServingFixture.SIGNER);
        WhyNotShown whyNotShown = new WhyNotShown(refresher, fixture.ledger::state, fixture.settings, fixture.clock);
        refresher.refresh();
        fixture.move(campaign, CampaignAction.PAUSE);
        fixture.clock.advance(Duration.ofMinutes(5));
        store.stallBeforeRead();
        ExecutorService requests = Executors.newSingleThreadExecutor();
        try {
            Future<DecisionPage> page = requests.submit(() -> decide.decide(search));
            Future<Diagnosis> diagnosis = requests.submit(() -> whyNotShown.explain(
                    WhyNotShownQuery.replaying(Actor.ADMIN, campaign.id(), search)).orElseThrow());

            assertThat(page.get(5, TimeUnit.SECONDS).sponsored()).as("the last snapshot, built before the pause")
                    .extracting(PagePosition.Sponsored::campaignId).contains(campaign.id());
            assertThat(diagnosis.get(5, TimeUnit.SECONDS).decidingReason()).isEmpty();
            assertThat(store.reads.get()).as("no request started a rebuild").isEqualTo(1);
        } finally {
            store.resume();
            requests.shutdownNow();
        }

        refresher.refreshIfStale();
        assertThat(decide.decide(search).sponsored()).isEmpty();
    }

    @Test
    void decisions_answer_from_the_last_snapshot_while_a_background_refresh_waits_for_the_store() throws Exception {
        StallingCampaigns store = new StallingCampaigns(fixture.campaigns);
        ServingIndexRefresher refresher = refresherOver(store);
        DecideAdPage decide = new DecideAdPage(refresher, fixture.settings, fixture.ids, fixture.clock, TrafficRecorder.NONE,
                ServingFixture.SIGNER);
        ServingIndex first = refresher.refresh();
        fixture.clock.advance(Duration.ofSeconds(2));
        store.stallBeforeRead();
        ExecutorService background = Executors.newSingleThreadExecutor();
        try {
            Future<ServingIndex> refreshing = background.submit(refresher::refreshIfStale);
            store.awaitStalledRead();

            for (int i = 0; i < 50; i++) {
                assertThat(refresher.indexAt(fixture.clock.instant())).isSameAs(first);
                assertThat(decide.decide(search).sponsored()).extracting(PagePosition.Sponsored::campaignId)
                        .contains(campaign.id());
            }

            store.resume();
            assertThat(refreshing.get(5, TimeUnit.SECONDS)).isNotSameAs(first);
            assertThat(refresher.indexAt(fixture.clock.instant())).isSameAs(refreshing.get());
        } finally {
            store.resume();
            background.shutdownNow();
        }
    }

    private ServingIndexRefresher refresherOver(CampaignRepository store) {
        return new ServingIndexRefresher(store, fixture.advertisers, fixture.policies, fixture.ledger, fixture.ctr,
                fixture.traffic, fixture.settings, fixture.clock);
    }

    @Test
    void an_interval_can_be_configured() {
        ServingFixture slow = new ServingFixture(NOW, fixture.settings.withRefreshInterval(Duration.ofSeconds(5)));
        Campaign other = slow.active(slow.advertiser(), "srv_o3", TestData.settings().keywords().build(), 10_000);
        assertThat(slow.decide(search).sponsored()).extracting(PagePosition.Sponsored::campaignId).contains(other.id());

        slow.move(other, CampaignAction.PAUSE);
        slow.clock.advance(Duration.ofSeconds(4));
        assertThat(slow.decide(search).sponsored()).extracting(PagePosition.Sponsored::campaignId).contains(other.id());
        slow.clock.advance(Duration.ofSeconds(1));
        assertThat(slow.decide(search).sponsored()).isEmpty();
    }

    @Test
    void the_traffic_curves_are_learned_from_the_days_before_today() {
        for (int day = 1; day <= 7; day++) {
            Instant midnight = Instant.parse("2026-12-10T00:00:00Z").minus(Duration.ofDays(day));
            for (int i = 0; i < 200; i++) {
                fixture.traffic.recordSearch(Surface.PEOPLE_SEARCH, ServingFixture.BERLIN,
                        midnight.plus(Duration.ofHours(20)).plusSeconds(i));
            }
        }

        ServingIndex index = fixture.refresher.refresh();

        TrafficCurve berlin = index.curve(Surface.PEOPLE_SEARCH, ServingFixture.BERLIN);
        assertThat(berlin.cumulativeShare(20)).as("5 %% of the day spread uniformly, 95 %% at 20:00").isLessThan(0.1);
        assertThat(berlin.cumulativeShare(21)).isGreaterThan(0.9);
        assertThat(index.curve(Surface.PEOPLE_SEARCH, ServingFixture.PARIS).cumulativeShare(12)).isEqualTo(0.5);
    }
}
