package io.promo.domain.campaign;

import static io.promo.domain.shared.Outcomes.kindOf;
import static org.assertj.core.api.Assertions.assertThat;

import io.promo.domain.shared.Actor;
import io.promo.domain.shared.AdvertiserId;
import io.promo.domain.shared.Money;
import io.promo.domain.shared.Outcome;
import io.promo.domain.shared.Rejection;
import io.promo.domain.shared.ServingSnapshot;
import io.promo.domain.testing.MutableClock;
import io.promo.domain.testing.TestData;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ChangeCampaignStatusTest {

    private static final Instant LATER = Instant.parse("2026-11-28T09:00:00Z");

    private final MutableClock clock = new MutableClock(LATER);
    private final InMemoryCampaignRepository campaigns = new InMemoryCampaignRepository();
    private final ChangeCampaignStatus changeStatus = new ChangeCampaignStatus(campaigns, ServingSnapshot.NONE, clock);

    private final AdvertiserId owner = TestData.IDS.newAdvertiserId();
    private final Campaign draft = TestData.aCampaign(owner);

    ChangeCampaignStatusTest() {
        campaigns.insert(draft);
    }

    @Test
    void a_tenant_activates_its_own_draft() {
        Outcome<Campaign> outcome = change(Actor.tenant(owner), CampaignAction.ACTIVATE);

        assertThat(outcome.orElseThrow().status()).isEqualTo(CampaignStatus.ACTIVE);
        assertThat(stored().status()).isEqualTo(CampaignStatus.ACTIVE);
        assertThat(stored().updatedAt()).isEqualTo(LATER);
    }

    @Test
    void a_tenant_cannot_suspend_its_campaign() {
        Outcome<Campaign> outcome = change(Actor.tenant(owner), CampaignAction.SUSPEND);

        assertThat(kindOf(outcome)).isEqualTo(Rejection.Kind.FORBIDDEN);
        assertThat(stored()).isEqualTo(draft);
    }

    @Test
    void another_tenant_gets_not_found_and_nothing_changes() {
        Outcome<Campaign> outcome = change(Actor.tenant(TestData.IDS.newAdvertiserId()), CampaignAction.END);

        assertThat(kindOf(outcome)).isEqualTo(Rejection.Kind.NOT_FOUND);
        assertThat(stored()).isEqualTo(draft);
    }

    @Test
    void an_unknown_campaign_is_not_found() {
        Outcome<Campaign> outcome = changeStatus.change(
                new ChangeCampaignStatusCommand(Actor.ADMIN, TestData.IDS.newCampaignId(), CampaignAction.END));

        assertThat(kindOf(outcome)).isEqualTo(Rejection.Kind.NOT_FOUND);
    }

    @Test
    void an_admin_suspends_a_campaign_and_reinstating_it_leaves_it_paused() {
        change(Actor.tenant(owner), CampaignAction.ACTIVATE).orElseThrow();
        clock.advance(Duration.ofMinutes(1));
        change(Actor.ADMIN, CampaignAction.SUSPEND).orElseThrow();
        assertThat(stored().status()).isEqualTo(CampaignStatus.SUSPENDED);

        assertThat(kindOf(change(Actor.tenant(owner), CampaignAction.RESUME)))
                .isEqualTo(Rejection.Kind.ILLEGAL_TRANSITION);
        assertThat(kindOf(change(Actor.tenant(owner), CampaignAction.REINSTATE))).isEqualTo(Rejection.Kind.FORBIDDEN);

        clock.advance(Duration.ofMinutes(1));
        change(Actor.ADMIN, CampaignAction.REINSTATE).orElseThrow();
        assertThat(stored().status()).isEqualTo(CampaignStatus.PAUSED);
    }

    @Test
    void asking_again_for_the_current_status_writes_nothing() {
        Campaign active = change(Actor.tenant(owner), CampaignAction.ACTIVATE).orElseThrow();
        clock.advance(Duration.ofHours(1));

        Campaign again = change(Actor.tenant(owner), CampaignAction.ACTIVATE).orElseThrow();

        assertThat(again.updatedAt()).isEqualTo(active.updatedAt());
        assertThat(stored()).isSameAs(active);
    }

    @Test
    void an_illegal_transition_writes_nothing() {
        Outcome<Campaign> outcome = change(Actor.tenant(owner), CampaignAction.PAUSE);

        assertThat(kindOf(outcome)).isEqualTo(Rejection.Kind.ILLEGAL_TRANSITION);
        assertThat(stored()).isSameAs(draft);
    }

    @Test
    void a_status_change_keeps_a_settings_change_made_concurrently() {
        Campaign richer = draft.withSettings(draft.settings().withDailyBudget(Money.ofCents(5_000)), LATER);
        CampaignRepository racing = new UpdateCampaignTest.RacingCampaignRepository(campaigns,
                () -> campaigns.updateIfUnchanged(richer, draft.updatedAt()));

        new ChangeCampaignStatus(racing, ServingSnapshot.NONE, clock)
                .change(new ChangeCampaignStatusCommand(Actor.tenant(owner), draft.id(), CampaignAction.ACTIVATE))
                .orElseThrow();

        assertThat(stored().status()).isEqualTo(CampaignStatus.ACTIVE);
        assertThat(stored().settings().dailyBudget()).isEqualTo(Money.ofCents(5_000));
    }

    private Outcome<Campaign> change(Actor actor, CampaignAction action) {
        return changeStatus.change(new ChangeCampaignStatusCommand(actor, draft.id(), action));
    }

    private Campaign stored() {
        return campaigns.findById(draft.id()).orElseThrow();
    }
}
