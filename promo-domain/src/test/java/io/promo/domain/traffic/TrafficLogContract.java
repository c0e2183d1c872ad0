package io.promo.domain.traffic;

import static io.promo.domain.testing.TestData.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import io.promo.domain.advertiser.Advertiser;
import io.promo.domain.advertiser.AdvertiserRepository;
import io.promo.domain.advertiser.AdvertiserStatus;
import io.promo.domain.campaign.Campaign;
import io.promo.domain.campaign.CampaignAction;
import io.promo.domain.campaign.CampaignRepository;
import io.promo.domain.ledger.BudgetLedger;
import io.promo.domain.ledger.EntryKind;
import io.promo.domain.ledger.IdempotencyKey;
import io.promo.domain.ledger.LedgerEntry;
import io.promo.domain.ledger.NotBilledReason;
import io.promo.domain.serving.ranking.CtrCounts;
import io.promo.domain.shared.Actor;
import io.promo.domain.shared.CampaignId;
import io.promo.domain.shared.EventId;
import io.promo.domain.shared.Money;
import io.promo.domain.shared.RoleCode;
import io.promo.domain.shared.UserId;
import io.promo.domain.testing.Race;
import io.promo.domain.testing.TestData;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link TrafficLog} must do; run against the fake and the PostgreSQL adapter. */
public abstract class TrafficLogContract {

    protected static final LocalDate TODAY = LocalDate.ofInstant(NOW, ZoneOffset.UTC);
    protected static final Duration REPEAT_WINDOW = Duration.ofMinutes(10);
    private static final String QUERY_HASH = "0123456789abcdef0123456789abcdef";
    private static final String IP_HASH = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
    private static final String UA_HASH = "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";

    protected abstract AdvertiserRepository advertisers();

    protected abstract CampaignRepository campaigns();

    protected abstract BudgetLedger ledger();

    protected abstract TrafficLog trafficLog();

    /** Adapters with shared storage empty it here; a fake made per test has nothing to do. */
    protected void emptyStorage() {
    }

    private Advertiser owner;
    private Campaign campaign;

    @BeforeEach
    void an_active_funded_campaign_exists() {
        emptyStorage();
        owner = TestData.anAdvertiser();
        advertisers().insert(owner);
        campaign = activeCampaign(1_000);
        topUp(campaign.id(), 5_000);
    }

    private Campaign activeCampaign(long dailyCents) {
        Campaign draft = TestData.aCampaign(owner.id(), TestData.settings().cpc(50).dailyBudget(dailyCents).build());
        campaigns().insert(draft);
        Campaign active = draft.apply(CampaignAction.ACTIVATE, Actor.ADMIN, NOW).orElseThrow();
        campaigns().updateIfUnchanged(active, draft.updatedAt());
        return active;
    }

    private void topUp(CampaignId id, long cents) {
        ledger().record(new LedgerEntry(TestData.IDS.newLedgerEntryId(), id, EntryKind.TOPUP, Money.ofCents(cents),
                new IdempotencyKey(IdempotencyKey.STRIPE, "pi_" + TestData.IDS.newEventId().value()),
                Optional.of("top-up"), NOW.minusSeconds(3600)));
    }

    protected static EventId newImpression() {
        return TestData.IDS.newEventId();
    }

    protected static UserId aViewer() {
        return new UserId("usr_" + TestData.IDS.newEventId().value().substring(5));
    }

    private TrafficEvent event(EventType type, CampaignId campaignId, EventId impression, UserId viewer, Instant at,
            Map<String, Object> extra) {
        return new TrafficEvent(TestData.IDS.newEventId(), type, campaignId, impression,
                Optional.of(new RoleCode("photographer")), TestData.BERLIN, QUERY_HASH, Optional.of(viewer),
                Optional.empty(), IP_HASH, UA_HASH, at, extra);
    }

    private ClickToLog click(CampaignId campaignId, EventId impression, UserId viewer, Instant at, long cpcCents) {
        TrafficEvent click = event(EventType.CLICK, campaignId, impression, viewer, at, Map.of());
        LedgerEntry spend = new LedgerEntry(TestData.IDS.newLedgerEntryId(), campaignId, EntryKind.SPEND,
                Money.ofCents(cpcCents), new IdempotencyKey(IdempotencyKey.CLICK, click.eventId().value()),
                Optional.of("click " + click.eventId()), at);
        return new ClickToLog(click, spend, LocalDate.ofInstant(at, ZoneOffset.UTC), at.minus(REPEAT_WINDOW));
    }

    private ClickLogged logClick(EventId impression, UserId viewer, Instant at) {
        return trafficLog().logClick(click(campaign.id(), impression, viewer, at, 50));
    }

    private List<TrafficEvent> impressions(int count, CampaignId campaignId, Instant at) {
        List<TrafficEvent> batch = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            batch.add(event(EventType.IMPRESSION, campaignId, newImpression(), aViewer(), at,
                    Map.of(TrafficEvent.POSITION, (long) (i % 20 + 1), TrafficEvent.CPC_CENTS, 50L)));
        }
        return batch;
    }

    private DayTraffic today() {
        List<DayTraffic> days = trafficLog().daily(campaign.id(), TODAY, TODAY);
        assertThat(days).hasSize(1);
        return days.get(0);
    }

    @Test
    void a_valid_click_is_billed_once_and_logged_with_what_it_cost() {
        ClickLogged logged = logClick(newImpression(), aViewer(), NOW);

        assertThat(logged).isInstanceOf(ClickLogged.Billed.class);
        assertThat(logged.event().type()).isEqualTo(EventType.CLICK);
        assertThat(logged.event().billedCents()).isEqualTo(50);
        assertThat(ledger().state(campaign.id(), TODAY).spentOnDay()).isEqualTo(Money.ofCents(50));
        assertThat(ledger().findByIdempotencyKey(new IdempotencyKey(IdempotencyKey.CLICK, logged.event().eventId().value())))
                .isPresent();
        assertThat(trafficLog().billedClicks(campaign.id(), NOW.minusSeconds(1), NOW.plusSeconds(1)))
                .containsExactly(new BilledClick(logged.event().eventId(), Money.ofCents(50), logged.event().ts()));
        DayTraffic today = today();
        assertThat(today.billedClicks()).isEqualTo(1);
        assertThat(today.spent()).isEqualTo(Money.ofCents(50));
        assertThat(ledger().reconcile()).isEmpty();
    }

    @Test
    void a_second_click_of_the_same_impression_is_a_duplicate_and_costs_nothing() {
        EventId impression = newImpression();
        logClick(impression, aViewer(), NOW);

        ClickLogged second = logClick(impression, aViewer(), NOW.plusSeconds(1));

        assertThat(second).isEqualTo(new ClickLogged.Invalid(second.event(), InvalidClickReason.DUPLICATE_IMPRESSION));
        assertThat(second.event().type()).isEqualTo(EventType.INVALID_CLICK);
        assertThat(second.event().extra()).isEqualTo(Map.of("reason", "duplicate_impression"));
        assertThat(ledger().state(campaign.id(), TODAY).spentOnDay()).isEqualTo(Money.ofCents(50));
        assertThat(today().invalidClicks()).isEqualTo(Map.of("duplicate_impression", 1L));
    }

    @Test
    void the_same_viewer_on_the_same_campaign_within_the_window_is_a_repeat_and_after_it_a_new_click() {
        UserId viewer = aViewer();
        logClick(newImpression(), viewer, NOW);

        ClickLogged within = logClick(newImpression(), viewer, NOW.plus(REPEAT_WINDOW).minusSeconds(1));
        ClickLogged after = logClick(newImpression(), viewer, NOW.plus(REPEAT_WINDOW).plusSeconds(1));

        assertThat(within).isInstanceOf(ClickLogged.Invalid.class);
        assertThat(((ClickLogged.Invalid) within).reason()).isEqualTo(InvalidClickReason.REPEATED_VIEWER);
        assertThat(after).isInstanceOf(ClickLogged.Billed.class);
        assertThat(ledger().state(campaign.id(), TODAY).spentOnDay()).isEqualTo(Money.ofCents(100));
    }

    @Test
    void the_advertisers_own_user_clicking_is_a_self_click() {
        ClickLogged logged = logClick(newImpression(), owner.userId(), NOW);

        assertThat(logged).isEqualTo(new ClickLogged.Invalid(logged.event(), InvalidClickReason.SELF_CLICK));
        assertThat(ledger().state(campaign.id(), TODAY).spentOnDay()).isEqualTo(Money.ZERO);
    }

    @Test
    void a_click_on_a_suspended_campaign_or_advertiser_or_an_unknown_campaign_is_not_billable() {
        Campaign suspended = campaign.apply(CampaignAction.SUSPEND, Actor.ADMIN, NOW).orElseThrow();
        campaigns().updateIfUnchanged(suspended, campaign.updatedAt());
        Campaign other = activeCampaign(1_000);
        topUp(other.id(), 1_000);
        Advertiser suspendedOwner = owner.changeStatus(AdvertiserStatus.SUSPENDED, Actor.ADMIN, NOW).orElseThrow();
        advertisers().updateIfUnchanged(suspendedOwner, owner.updatedAt());

        ClickLogged onSuspended = logClick(newImpression(), aViewer(), NOW);
        ClickLogged ofSuspendedOwner = trafficLog().logClick(click(other.id(), newImpression(), aViewer(), NOW, 50));
        ClickLogged unknown = trafficLog().logClick(click(TestData.IDS.newCampaignId(), newImpression(), aViewer(), NOW, 50));

        for (ClickLogged logged : List.of(onSuspended, ofSuspendedOwner, unknown)) {
            assertThat(logged).isEqualTo(new ClickLogged.Invalid(logged.event(), InvalidClickReason.CAMPAIGN_NOT_BILLABLE));
        }
        assertThat(ledger().state(campaign.id(), TODAY).spentTotal()).isEqualTo(Money.ZERO);
        assertThat(ledger().state(other.id(), TODAY).spentTotal()).isEqualTo(Money.ZERO);
    }

    @Test
    void a_valid_click_the_daily_budget_no_longer_covers_is_logged_as_a_click_billed_zero_with_the_reason() {
        for (int i = 0; i < 20; i++) {
            assertThat(logClick(newImpression(), aViewer(), NOW)).isInstanceOf(ClickLogged.Billed.class);
        }

        ClickLogged over = logClick(newImpression(), aViewer(), NOW);

        assertThat(over).isEqualTo(new ClickLogged.NotBilled(over.event(), NotBilledReason.DAILY_BUDGET));
        assertThat(over.event().type()).isEqualTo(EventType.CLICK);
        assertThat(over.event().extra()).isEqualTo(Map.of("billed_cents", 0L, "reason", "daily_budget"));
        DayTraffic today = today();
        assertThat(today.billedClicks()).isEqualTo(20);
        assertThat(today.notBilledClicks()).isEqualTo(Map.of("daily_budget", 1L));
        assertThat(today.spent()).isEqualTo(Money.ofCents(1_000));
        assertThat(ledger().reconcile()).isEmpty();
    }

    @Test
    void one_impression_clicked_from_eight_threads_at_once_is_billed_once() throws Exception {
        EventId impression = newImpression();
        List<Callable<ClickLogged>> clicks = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            UserId viewer = aViewer();
            clicks.add(() -> logClick(impression, viewer, NOW));
        }

        List<ClickLogged> logged = Race.run(clicks);

        assertThat(logged).filteredOn(ClickLogged.Billed.class::isInstance).hasSize(1);
        assertThat(logged).filteredOn(l -> l instanceof ClickLogged.Invalid invalid
                && invalid.reason() == InvalidClickReason.DUPLICATE_IMPRESSION).hasSize(7);
        assertThat(ledger().state(campaign.id(), TODAY).spentTotal()).isEqualTo(Money.ofCents(50));
        DayTraffic today = today();
        assertThat(today.billedClicks()).isEqualTo(1);
        assertThat(today.invalidClicks()).isEqualTo(Map.of("duplicate_impression", 7L));
        assertThat(ledger().reconcile()).isEmpty();
    }

    @Test
    void one_viewer_clicking_eight_impressions_of_a_campaign_at_once_is_billed_once() throws Exception {
        UserId viewer = aViewer();
        List<Callable<ClickLogged>> clicks = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            clicks.add(() -> logClick(newImpression(), viewer, NOW));
        }

        List<ClickLogged> logged = Race.run(clicks);

        assertThat(logged).filteredOn(ClickLogged.Billed.class::isInstance).hasSize(1);
        assertThat(logged).filteredOn(l -> l instanceof ClickLogged.Invalid invalid
                && invalid.reason() == InvalidClickReason.REPEATED_VIEWER).hasSize(7);
        assertThat(ledger().state(campaign.id(), TODAY).spentTotal()).isEqualTo(Money.ofCents(50));
    }

    @Test
    void impressions_and_invalid_clicks_are_counted_per_budget_day_and_feed_the_ctr() {
        Campaign other = activeCampaign(1_000);
        trafficLog().appendImpressions(impressions(30, campaign.id(), NOW));
        trafficLog().appendImpressions(impressions(7, campaign.id(), NOW.minus(Duration.ofDays(1))));
        trafficLog().appendImpressions(impressions(5, other.id(), NOW));
        logClick(newImpression(), aViewer(), NOW);
        TrafficEvent bot = event(EventType.CLICK, campaign.id(), newImpression(), aViewer(), NOW, Map.of())
                .asInvalid(InvalidClickReason.BOT_USER_AGENT);
        trafficLog().appendInvalidClick(bot);

        List<DayTraffic> days = trafficLog().daily(campaign.id(), TODAY.minusDays(3), TODAY);

        assertThat(days).extracting(DayTraffic::day).containsExactly(TODAY.minusDays(1), TODAY);
        assertThat(days.get(0).impressions()).isEqualTo(7);
        assertThat(days.get(1).impressions()).isEqualTo(30);
        assertThat(days.get(1).billedClicks()).isEqualTo(1);
        assertThat(days.get(1).invalidClicks()).isEqualTo(Map.of("bot_user_agent", 1L));
        assertThat(trafficLog().ctrCountsSince(TODAY.minusDays(30)))
                .containsEntry(campaign.id(), new CtrCounts(37, 1))
                .containsEntry(other.id(), new CtrCounts(5, 0));
        assertThat(trafficLog().ctrCountsSince(TODAY)).containsEntry(campaign.id(), new CtrCounts(30, 1));
    }

    @Test
    void an_appended_batch_is_found_by_any_of_its_events() {
        List<TrafficEvent> batch = impressions(3, campaign.id(), NOW);
        assertThat(trafficLog().containsEvent(batch.get(1).eventId())).isFalse();

        trafficLog().appendImpressions(batch);

        assertThat(batch).allSatisfy(e -> assertThat(trafficLog().containsEvent(e.eventId())).isTrue());
    }

    @Test
    void credits_of_invalid_clicks_show_on_the_day_of_the_click() {
        ClickLogged billed = logClick(newImpression(), aViewer(), NOW);
        ledger().record(new LedgerEntry(TestData.IDS.newLedgerEntryId(), campaign.id(), EntryKind.CREDIT,
                Money.ofCents(50), new IdempotencyKey(IdempotencyKey.INVALID_CLICK_CREDIT, billed.event().eventId().value()),
                Optional.of("invalid click"), NOW.plus(Duration.ofDays(2))));

        DayTraffic today = today();

        assertThat(today.creditedClicks()).isEqualTo(1);
        assertThat(today.credited()).isEqualTo(Money.ofCents(50));
    }
}
