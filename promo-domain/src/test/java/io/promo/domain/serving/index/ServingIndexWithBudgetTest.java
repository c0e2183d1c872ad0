package io.promo.domain.serving.index;

import static org.assertj.core.api.Assertions.assertThat;

import io.promo.domain.testing.TestData;
import io.promo.domain.advertiser.Advertiser;
import io.promo.domain.campaign.Campaign;
import io.promo.domain.ledger.BudgetState;
import io.promo.domain.serving.ServingFixture;
import io.promo.domain.shared.Money;
import io.promo.domain.shared.Surface;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * A diagnosis decides on the snapshot with one campaign's budget state read live (ADR 0020): the copy answers the
 * new state wherever the engine or the diagnosis reads the campaign, and the snapshot decisions use is untouched.
 */
class ServingIndexWithBudgetTest {

    private static final Instant NOW = Instant.parse("2026-12-10T10:15:00Z");

    private final ServingFixture fixture = new ServingFixture(NOW);
    private final Advertiser advertiser = fixture.advertiser();
    private final Campaign first = fixture.active(advertiser, "srv_w1", TestData.settings().build(), 5_000);
    private final Campaign second = fixture.active(advertiser, "srv_w2", TestData.settings().build(), 5_000);

    @Test
    void the_copy_reads_the_new_budget_by_id_and_in_its_city_slice_and_the_snapshot_keeps_its_own() {
        ServingIndex snapshot = fixture.refresher.refresh();

        ServingIndex copy = snapshot.withBudget(first.id(), spent(snapshot, 70));

        assertThat(copy.campaign(first.id()).orElseThrow().spentToday).isEqualTo(70);
        assertThat(inSlice(copy, first).spentToday).isEqualTo(70);
        assertThat(snapshot.campaign(first.id()).orElseThrow().spentToday).isZero();
        assertThat(inSlice(snapshot, first).spentToday).isZero();
        assertThat(copy.campaign(second.id())).containsSame(snapshot.campaign(second.id()).orElseThrow());
        assertThat(copy.campaignCount()).isEqualTo(snapshot.campaignCount());
    }

    @Test
    void a_second_replacement_keeps_the_first() {
        ServingIndex snapshot = fixture.refresher.refresh();

        ServingIndex copy = snapshot.withBudget(first.id(), spent(snapshot, 70)).withBudget(second.id(),
                spent(snapshot, 90));

        assertThat(copy.campaign(first.id()).orElseThrow().spentToday).isEqualTo(70);
        assertThat(copy.campaign(second.id()).orElseThrow().spentToday).isEqualTo(90);
        assertThat(inSlice(copy, first).spentToday).isEqualTo(70);
        assertThat(inSlice(copy, second).spentToday).isEqualTo(90);
        assertThat(snapshot.campaign(second.id()).orElseThrow().spentToday).isZero();
    }

    private static BudgetState spent(ServingIndex index, long cents) {
        return new BudgetState(Money.ofCents(5_000 - cents), Money.ofCents(cents), Money.ofCents(cents), index.day());
    }

    private static ServingCampaign inSlice(ServingIndex index, Campaign campaign) {
        EntityTable table = index.slice(Surface.PEOPLE_SEARCH, ServingFixture.BERLIN).byEntity;
        return table.one(table.find(campaign.target().id()));
    }
}
