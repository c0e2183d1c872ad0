package io.promo.domain.serving.index;

import static io.promo.domain.testing.TestData.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import io.promo.domain.advertiser.Advertiser;
import io.promo.domain.advertiser.AdvertiserRepository;
import io.promo.domain.advertiser.AdvertiserStatus;
import io.promo.domain.campaign.AdSchedule;
import io.promo.domain.campaign.Campaign;
import io.promo.domain.campaign.CampaignAction;
import io.promo.domain.campaign.CampaignRepository;
import io.promo.domain.campaign.CampaignStatus;
import io.promo.domain.campaign.FrequencyCap;
import io.promo.domain.ledger.BudgetLedger;
import io.promo.domain.ledger.BudgetState;
import io.promo.domain.ledger.EntryKind;
import io.promo.domain.ledger.IdempotencyKey;
import io.promo.domain.ledger.LedgerEntry;
import io.promo.domain.pricing.Policy;
import io.promo.domain.pricing.PolicyRepository;
import io.promo.domain.pricing.PolicyScope;
import io.promo.domain.shared.Actor;
import io.promo.domain.shared.CampaignId;
import io.promo.domain.shared.Money;
import io.promo.domain.shared.Surface;
import io.promo.domain.testing.TestData;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link ServingChanges} must do (ADR 0038); run against the in-memory fake and the PostgreSQL adapter. An
 * adapter may answer more than changed, never less; with nothing written between two reads, it answers nothing.
 */
public abstract class ServingChangesContract {

    protected static final LocalDate TODAY = LocalDate.of(2026, 11, 27);
    private static final AdSchedule BUSINESS_HOURS = new AdSchedule(List.of(
            AdSchedule.Window.of(EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), 9, 17)));

    protected abstract AdvertiserRepository advertisers();

    protected abstract CampaignRepository campaigns();

    protected abstract PolicyRepository policies();

    protected abstract BudgetLedger ledger();

    protected abstract ServingChanges changes();

    /** Adapters with shared storage empty it here. */
    protected void emptyStorage() {
    }

    private final AtomicInteger references = new AtomicInteger();
    private Advertiser owner;
    private Campaign campaign;
    private Campaign untouched;

    @BeforeEach
    void an_advertiser_with_two_funded_active_campaigns() {
        emptyStorage();
        owner = TestData.anAdvertiser();
        advertisers().insert(owner);
        campaign = activeCampaign();
        untouched = activeCampaign();
        topUp(campaign.id(), 5_000);
        topUp(untouched.id(), 5_000);
    }

    private Campaign activeCampaign() {
        Campaign draft = TestData.aCampaign(owner.id(), TestData.settings().cpc(50).dailyBudget(1_000).build());
        campaigns().insert(draft);
        Campaign active = draft.apply(CampaignAction.ACTIVATE, Actor.ADMIN, NOW).orElseThrow();
        assertThat(campaigns().updateIfUnchanged(active, draft.updatedAt())).isTrue();
        return active;
    }

    private void topUp(CampaignId id, long cents) {
        ledger().record(new LedgerEntry(TestData.IDS.newLedgerEntryId(), id, EntryKind.TOPUP, Money.ofCents(cents),
                new IdempotencyKey(IdempotencyKey.STRIPE, "pi_" + references.incrementAndGet()), Optional.empty(), NOW));
    }

    private ChangeCursor readEverything() {
        return changes().changesSince(ChangeCursor.ORIGIN, TODAY).next();
    }

    @Test
    void from_the_origin_every_row_is_answered_with_its_budget_state() {
        Policy policy = policies().upsert(TestData.aPolicy(new PolicyScope(Surface.PEOPLE_SEARCH, Optional.empty(),
                TestData.BERLIN), 40));

        ServingChangeSet all = changes().changesSince(ChangeCursor.ORIGIN, TODAY);

        assertThat(all.complete()).isTrue();
        assertThat(all.campaigns()).extracting(Campaign::id).containsExactlyInAnyOrder(campaign.id(), untouched.id());
        assertThat(all.campaigns()).contains(campaigns().findById(campaign.id()).orElseThrow());
        assertThat(all.advertisers()).extracting(Advertiser::id).containsExactly(owner.id());
        assertThat(all.policies()).extracting(Policy::scope).containsExactly(policy.scope());
        assertThat(all.budgets().get(campaign.id()))
                .isEqualTo(new BudgetState(Money.ofCents(5_000), Money.ZERO, Money.ZERO, TODAY));
        assertThat(all.day()).isEqualTo(TODAY);
    }

    @Test
    void with_nothing_written_since_the_cursor_nothing_is_answered() {
        ChangeCursor cursor = readEverything();

        ServingChangeSet none = changes().changesSince(cursor, TODAY);

        assertThat(none.isEmpty()).isTrue();
        assertThat(changes().changesSince(none.next(), TODAY).isEmpty()).isTrue();
    }

    @Test
    void a_paused_campaign_is_answered_as_it_is_now_and_the_untouched_one_is_not() {
        ChangeCursor cursor = readEverything();
        Campaign stored = campaigns().findById(campaign.id()).orElseThrow();
        Campaign paused = stored.apply(CampaignAction.PAUSE, Actor.ADMIN, NOW.plusSeconds(1)).orElseThrow();
        assertThat(campaigns().updateIfUnchanged(paused, stored.updatedAt())).isTrue();

        ServingChangeSet changed = changes().changesSince(cursor, TODAY);

        assertThat(changed.complete()).isFalse();
        assertThat(changed.campaigns()).extracting(Campaign::id).contains(campaign.id()).doesNotContain(untouched.id());
        assertThat(changed.campaigns()).filteredOn(c -> c.id().equals(campaign.id()))
                .extracting(Campaign::status).containsExactly(CampaignStatus.PAUSED);
        assertThat(changed.budgets()).containsKey(campaign.id());
    }

    /**
     * A change answers the campaign with every setting the repository reads, those an adapter keeps beside the
     * campaign's own row included (a schedule, a frequency cap): the index must not lose them on an incremental refresh.
     */
    @Test
    void an_edited_campaign_is_answered_with_every_setting_the_repository_holds() {
        ChangeCursor cursor = readEverything();
        Campaign stored = campaigns().findById(campaign.id()).orElseThrow();
        Campaign capped = new Campaign(stored.id(), stored.advertiserId(), stored.surface(), stored.target(),
                stored.settings().withFrequencyCap(Optional.of(new FrequencyCap(2, 24))).withSchedule(BUSINESS_HOURS),
                stored.status(),
                stored.createdAt(), NOW.plusSeconds(1));
        assertThat(campaigns().updateIfUnchanged(capped, stored.updatedAt())).isTrue();

        ServingChangeSet changed = changes().changesSince(cursor, TODAY);

        Campaign now = campaigns().findById(campaign.id()).orElseThrow();
        assertThat(now.settings().frequencyCap()).contains(new FrequencyCap(2, 24));
        assertThat(now.settings().schedule()).isEqualTo(BUSINESS_HOURS);
        assertThat(changed.campaigns()).filteredOn(c -> c.id().equals(campaign.id())).containsExactly(now);
        assertThat(changes().changesSince(ChangeCursor.ORIGIN, TODAY).campaigns())
                .filteredOn(c -> c.id().equals(campaign.id())).containsExactly(now);
    }

    @Test
    void a_spend_answers_the_campaign_with_its_new_budget_state() {
        ChangeCursor cursor = readEverything();
        ledger().spend(new LedgerEntry(TestData.IDS.newLedgerEntryId(), campaign.id(), EntryKind.SPEND, Money.ofCents(50),
                new IdempotencyKey(IdempotencyKey.CLICK, "pevt_click1"), Optional.empty(), NOW), TODAY);

        ServingChangeSet changed = changes().changesSince(cursor, TODAY);

        assertThat(changed.campaigns()).extracting(Campaign::id).contains(campaign.id()).doesNotContain(untouched.id());
        assertThat(changed.budgets().get(campaign.id()))
                .isEqualTo(new BudgetState(Money.ofCents(4_950), Money.ofCents(50), Money.ofCents(50), TODAY));
    }

    @Test
    void a_top_up_answers_the_campaign_with_its_new_balance() {
        ChangeCursor cursor = readEverything();
        topUp(untouched.id(), 1_000);

        ServingChangeSet changed = changes().changesSince(cursor, TODAY);

        assertThat(changed.campaigns()).extracting(Campaign::id).contains(untouched.id());
        assertThat(changed.budgets().get(untouched.id()).balance()).isEqualTo(Money.ofCents(6_000));
    }

    @Test
    void a_new_campaign_an_advertiser_status_and_a_policy_are_answered() {
        ChangeCursor cursor = readEverything();
        Campaign added = activeCampaign();
        Advertiser stored = advertisers().findById(owner.id()).orElseThrow();
        Advertiser paused = stored.changeStatus(AdvertiserStatus.PAUSED, Actor.ADMIN, NOW.plusSeconds(1)).orElseThrow();
        assertThat(advertisers().updateIfUnchanged(paused, stored.updatedAt())).isTrue();
        Policy policy = policies().upsert(TestData.aPolicy(new PolicyScope(Surface.PEOPLE_SEARCH, Optional.empty(),
                TestData.PARIS), 60));

        ServingChangeSet changed = changes().changesSince(cursor, TODAY);

        assertThat(changed.campaigns()).extracting(Campaign::id).contains(added.id());
        assertThat(changed.budgets().get(added.id()).balance()).isEqualTo(Money.ZERO);
        assertThat(changed.advertisers()).extracting(Advertiser::status).containsExactly(AdvertiserStatus.PAUSED);
        assertThat(changed.policies()).extracting(Policy::scope).contains(policy.scope());
    }

    @Test
    void a_change_read_once_is_not_answered_again() {
        ChangeCursor cursor = readEverything();
        topUp(campaign.id(), 1_000);
        ServingChangeSet first = changes().changesSince(cursor, TODAY);
        assertThat(first.campaigns()).extracting(Campaign::id).contains(campaign.id());

        assertThat(changes().changesSince(first.next(), TODAY).isEmpty()).isTrue();
    }
}
