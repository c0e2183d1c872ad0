package io.promo.domain.serving.index;

import static org.assertj.core.api.Assertions.assertThat;

import io.promo.domain.advertiser.Advertiser;
import io.promo.domain.advertiser.AdvertiserStatus;
import io.promo.domain.advertiser.ChangeAdvertiserStatus;
import io.promo.domain.advertiser.ChangeAdvertiserStatusCommand;
import io.promo.domain.campaign.Campaign;
import io.promo.domain.campaign.CampaignAction;
import io.promo.domain.campaign.ChangeCampaignStatus;
import io.promo.domain.campaign.ChangeCampaignStatusCommand;
import io.promo.domain.campaign.Format;
import io.promo.domain.campaign.PacingMode;
import io.promo.domain.serving.DecisionRequest;
import io.promo.domain.serving.ServingFixture;
import io.promo.domain.serving.StallingCampaigns;
import io.promo.domain.serving.Viewer;
import io.promo.domain.serving.engine.Check;
import io.promo.domain.serving.index.ServingIndex;
import io.promo.domain.serving.index.ServingIndexRefresher;
import io.promo.domain.shared.Actor;
import io.promo.domain.shared.CampaignId;
import io.promo.domain.shared.Surface;
import io.promo.domain.testing.TestData;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A pause, end or suspension made on this node counts in its next decision, with no time passing: the use case
 * has the serving index catch up before it answers (ADR 0020). Elsewhere, and for a campaign that starts serving,
 * the refresh interval applies ({@link ServingIndexRefresherTest}).
 */
class StatusChangesServeAtOnceTest {

    private static final Instant NOW = Instant.parse("2026-12-10T10:15:00Z");

    private final ServingFixture fixture = new ServingFixture(NOW);
    private final ChangeCampaignStatus changeCampaign =
            new ChangeCampaignStatus(fixture.campaigns, fixture.refresher::refreshAfterChange, fixture.clock);
    private final ChangeAdvertiserStatus changeAdvertiser =
            new ChangeAdvertiserStatus(fixture.advertisers, fixture.refresher::refreshAfterChange, fixture.clock);
    private final Advertiser advertiser = fixture.advertiser();
    private final Campaign campaign = fixture.active(advertiser, "srv_o2", TestData.settings().keywords()
            .format(Format.FEATURED).cpc(50).dailyBudget(100).pacing(PacingMode.ACCELERATED).build(), 10_000);
    private final DecisionRequest search = new DecisionRequest(Surface.PEOPLE_SEARCH, Optional.empty(),
            ServingFixture.BERLIN, "", Viewer.anonymous("fp"), 20, ServingFixture.organic(10));

    private boolean shown() {
        return fixture.decide(search).sponsored().stream().anyMatch(s -> s.campaignId().equals(campaign.id()));
    }

    private void change(Actor actor, CampaignAction action) {
        changeCampaign.change(new ChangeCampaignStatusCommand(actor, campaign.id(), action)).orElseThrow();
    }

    @ParameterizedTest
    @EnumSource(value = CampaignAction.class, names = {"PAUSE", "END", "SUSPEND"})
    void pausing_ending_or_suspending_a_campaign_takes_effect_on_the_next_decision(CampaignAction action) {
        assertThat(shown()).isTrue();

        change(Actor.ADMIN, action);

        assertThat(shown()).as("no time has passed: the index was rebuilt by the change").isFalse();
        assertThat(fixture.diagnose(campaign.id(), search).decidingReason()).contains(Check.STATUS);
    }

    @Test
    void a_resumed_campaign_serves_again_within_the_refresh_interval_without_a_rebuild_of_its_own() {
        change(Actor.tenant(advertiser.id()), CampaignAction.PAUSE);
        assertThat(shown()).isFalse();
        ServingIndex paused = fixture.refresher.current().orElseThrow();

        change(Actor.tenant(advertiser.id()), CampaignAction.RESUME);

        assertThat(fixture.refresher.current()).as("starting to serve waits for the interval").containsSame(paused);
        fixture.clock.advance(fixture.settings.refreshInterval());
        assertThat(shown()).isTrue();
    }

    @ParameterizedTest
    @EnumSource(value = AdvertiserStatus.class, names = {"PAUSED", "SUSPENDED"})
    void pausing_or_suspending_the_advertiser_takes_effect_on_the_next_decision(AdvertiserStatus status) {
        assertThat(shown()).isTrue();

        changeAdvertiser.change(new ChangeAdvertiserStatusCommand(Actor.ADMIN, advertiser.id(), status)).orElseThrow();

        assertThat(shown()).isFalse();
        assertThat(fixture.diagnose(campaign.id(), search).decidingReason()).contains(Check.ADVERTISER);
    }

    @Test
    void a_refused_change_leaves_the_index_as_it_was() {
        ServingIndex before = fixture.refresher.refresh();

        assertThat(changeCampaign.change(new ChangeCampaignStatusCommand(Actor.tenant(advertiser.id()), campaign.id(),
                CampaignAction.SUSPEND)).isAccepted()).as("only an admin suspends").isFalse();

        assertThat(fixture.refresher.current()).containsSame(before);
    }

    @Test
    void a_change_committed_while_a_rebuild_reads_the_store_waits_for_a_rebuild_that_reads_it_after() throws Exception {
        StallingCampaigns store = new StallingCampaigns(fixture.campaigns);
        ServingIndexRefresher refresher = new ServingIndexRefresher(store, fixture.advertisers, fixture.policies,
                fixture.ledger, fixture.ctr, fixture.traffic, fixture.settings, fixture.clock);
        ChangeCampaignStatus change = new ChangeCampaignStatus(fixture.campaigns, refresher::refreshAfterChange,
                fixture.clock);
        refresher.refresh();
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            store.stallAfterRead();
            Future<ServingIndex> background = threads.submit(refresher::refresh);
            store.awaitStalledRead();
            Future<?> pause = threads.submit(() -> change.change(
                    new ChangeCampaignStatusCommand(Actor.ADMIN, campaign.id(), CampaignAction.PAUSE)).orElseThrow());
            assertThat(waitUntilStored(campaign.id())).as("the pause is committed").isTrue();

            store.resume();
            background.get(5, TimeUnit.SECONDS);
            pause.get(5, TimeUnit.SECONDS);

            assertThat(background.get().campaign(campaign.id()).orElseThrow().active)
                    .as("the rebuild under way read the campaign before the pause").isTrue();
            assertThat(refresher.current().orElseThrow().campaign(campaign.id()).orElseThrow().active)
                    .as("the pause answered only after a rebuild that read it").isFalse();
            assertThat(store.reads.get()).isEqualTo(3);
        } finally {
            store.resume();
            threads.shutdownNow();
        }
    }

    private boolean waitUntilStored(CampaignId id) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < deadline) {
            if (!fixture.campaigns.findById(id).orElseThrow().status().equals(campaign.status())) {
                return true;
            }
            Thread.sleep(5);
        }
        return false;
    }
}
