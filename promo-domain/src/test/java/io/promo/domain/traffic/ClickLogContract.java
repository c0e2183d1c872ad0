package io.promo.domain.traffic;

import static io.promo.domain.testing.TestData.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import io.promo.domain.advertiser.Advertiser;
import io.promo.domain.advertiser.AdvertiserStatus;
import io.promo.domain.campaign.Campaign;
import io.promo.domain.campaign.CampaignAction;
import io.promo.domain.ledger.IdempotencyKey;
import io.promo.domain.ledger.NotBilledReason;
import io.promo.domain.shared.Actor;
import io.promo.domain.shared.EventId;
import io.promo.domain.shared.Money;
import io.promo.domain.shared.UserId;
import io.promo.domain.testing.Race;
import io.promo.domain.testing.TestData;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;

/**
 * What every {@link ClickLog} must do (the atomic click: {@link ClickPolicy}'s rules, the spend and the event as
 * one; the billed clicks found again); run against the fake and the PostgreSQL adapter.
 */
public abstract class ClickLogContract extends TrafficContractSupport {

    @Test
    void a_valid_click_is_billed_once_and_logged_with_what_it_cost() {
        ClickLogged logged = logClick(newImpression(), aViewer(), NOW);

        assertThat(logged).isInstanceOf(ClickLogged.Billed.class);
        assertThat(logged.event().type()).isEqualTo(EventType.CLICK);
        assertThat(logged.event().billedCents()).isEqualTo(50);
        assertThat(stores.ledger().state(campaign.id(), TODAY).spentOnDay()).isEqualTo(Money.ofCents(50));
        assertThat(stores.ledger().findByIdempotencyKey(new IdempotencyKey(IdempotencyKey.CLICK, logged.event().eventId().value())))
                .isPresent();
        assertThat(stores.clicks().billedClicks(campaign.id(), NOW.minusSeconds(1), NOW.plusSeconds(1)))
                .containsExactly(new BilledClick(logged.event().eventId(), Money.ofCents(50), logged.event().ts()));
        DayTraffic today = today();
        assertThat(today.billedClicks()).isEqualTo(1);
        assertThat(today.spent()).isEqualTo(Money.ofCents(50));
        assertThat(stores.ledger().reconcile()).isEmpty();
    }

    @Test
    void a_second_click_of_the_same_impression_is_a_duplicate_and_costs_nothing() {
        EventId impression = newImpression();
        logClick(impression, aViewer(), NOW);

        ClickLogged second = logClick(impression, aViewer(), NOW.plusSeconds(1));

        assertThat(second).isEqualTo(new ClickLogged.Invalid(second.event(), InvalidClickReason.DUPLICATE_IMPRESSION));
        assertThat(second.event().type()).isEqualTo(EventType.INVALID_CLICK);
        assertThat(second.event().detail()).isEqualTo(new EventDetail.Invalid(InvalidClickReason.DUPLICATE_IMPRESSION));
        assertThat(stores.ledger().state(campaign.id(), TODAY).spentOnDay()).isEqualTo(Money.ofCents(50));
        assertThat(today().invalidClicks()).isEqualTo(Map.of(InvalidClickReason.DUPLICATE_IMPRESSION, 1L));
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
        assertThat(stores.ledger().state(campaign.id(), TODAY).spentOnDay()).isEqualTo(Money.ofCents(100));
    }

    @Test
    void the_advertisers_own_user_clicking_is_a_self_click() {
        ClickLogged logged = logClick(newImpression(), owner.userId(), NOW);

        assertThat(logged).isEqualTo(new ClickLogged.Invalid(logged.event(), InvalidClickReason.SELF_CLICK));
        assertThat(stores.ledger().state(campaign.id(), TODAY).spentOnDay()).isEqualTo(Money.ZERO);
    }

    @Test
    void a_click_on_a_suspended_campaign_or_advertiser_or_an_unknown_campaign_is_not_billable() {
        Campaign suspended = campaign.apply(CampaignAction.SUSPEND, Actor.ADMIN, NOW).orElseThrow();
        stores.campaigns().updateIfUnchanged(suspended, campaign.updatedAt());
        Campaign other = activeCampaign(1_000);
        topUp(other.id(), 1_000);
        Advertiser suspendedOwner = owner.changeStatus(AdvertiserStatus.SUSPENDED, Actor.ADMIN, NOW).orElseThrow();
        stores.advertisers().updateIfUnchanged(suspendedOwner, owner.updatedAt());

        ClickLogged onSuspended = logClick(newImpression(), aViewer(), NOW);
        ClickLogged ofSuspendedOwner = stores.clicks().logClick(click(other.id(), newImpression(), aViewer(), NOW, 50));
        ClickLogged unknown = stores.clicks().logClick(click(TestData.IDS.newCampaignId(), newImpression(), aViewer(), NOW, 50));

        for (ClickLogged logged : List.of(onSuspended, ofSuspendedOwner, unknown)) {
            assertThat(logged).isEqualTo(new ClickLogged.Invalid(logged.event(), InvalidClickReason.CAMPAIGN_NOT_BILLABLE));
        }
        assertThat(stores.ledger().state(campaign.id(), TODAY).spentTotal()).isEqualTo(Money.ZERO);
        assertThat(stores.ledger().state(other.id(), TODAY).spentTotal()).isEqualTo(Money.ZERO);
    }

    @Test
    void a_valid_click_the_daily_budget_no_longer_covers_is_logged_as_a_click_billed_zero_with_the_reason() {
        for (int i = 0; i < 20; i++) {
            assertThat(logClick(newImpression(), aViewer(), NOW)).isInstanceOf(ClickLogged.Billed.class);
        }

        ClickLogged over = logClick(newImpression(), aViewer(), NOW);

        assertThat(over).isEqualTo(new ClickLogged.NotBilled(over.event(), NotBilledReason.DAILY_BUDGET));
        assertThat(over.event().type()).isEqualTo(EventType.CLICK);
        assertThat(over.event().detail()).isEqualTo(new EventDetail.NotBilled(NotBilledReason.DAILY_BUDGET));
        DayTraffic today = today();
        assertThat(today.billedClicks()).isEqualTo(20);
        assertThat(today.notBilledClicks()).isEqualTo(Map.of(NotBilledReason.DAILY_BUDGET, 1L));
        assertThat(today.spent()).isEqualTo(Money.ofCents(1_000));
        assertThat(stores.ledger().reconcile()).isEmpty();
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
        assertThat(stores.ledger().state(campaign.id(), TODAY).spentTotal()).isEqualTo(Money.ofCents(50));
        DayTraffic today = today();
        assertThat(today.billedClicks()).isEqualTo(1);
        assertThat(today.invalidClicks()).isEqualTo(Map.of(InvalidClickReason.DUPLICATE_IMPRESSION, 7L));
        assertThat(stores.ledger().reconcile()).isEmpty();
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
        assertThat(stores.ledger().state(campaign.id(), TODAY).spentTotal()).isEqualTo(Money.ofCents(50));
    }

    private ClickLogged clickFromIp(String ipHash, int burstLimit, Instant at) {
        ClickToLog click = click(campaign.id(), newImpression(), aViewer(), at, 50);
        TrafficEvent fromIp = new TrafficEvent(click.event().eventId(), click.event().campaignId(),
                click.event().impressionId(), click.event().role(), click.event().city(), click.event().queryHash(),
                click.event().userId(), click.event().anonFpHash(), ipHash, click.event().uaHash(), at, EventDetail.UNCLASSIFIED);
        return stores.clicks().logClick(new ClickToLog(fromIp, click.spend(), click.budgetDay(), click.repeatSince(),
                new ClickToLog.IpBurst(burstLimit, at.minus(BURST_WINDOW))));
    }

    @Test
    void an_ips_clicks_beyond_the_burst_limit_are_refused_counting_every_click_logged_until_the_window_passes() {
        String ip = "cccccccccccccccccccccccccccccccc";
        assertThat(clickFromIp(ip, 3, NOW)).isInstanceOf(ClickLogged.Billed.class);
        // An invalid click another node logged without a lookup counts too: every click of the ip does.
        stores.clicks().appendInvalidClick(ClickPolicy.invalid(new TrafficEvent(TestData.IDS.newEventId(), campaign.id(),
                newImpression(), Optional.empty(), TestData.BERLIN, "0123456789abcdef0123456789abcdef", Optional.of(aViewer()),
                Optional.empty(), ip, "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb", NOW, EventDetail.UNCLASSIFIED),
                InvalidClickReason.BOT_USER_AGENT).event());
        assertThat(clickFromIp(ip, 3, NOW.plusSeconds(1))).isInstanceOf(ClickLogged.Billed.class);

        ClickLogged refused = clickFromIp(ip, 3, NOW.plusSeconds(2));
        ClickLogged otherIp = clickFromIp("dddddddddddddddddddddddddddddddd", 3, NOW.plusSeconds(2));
        Instant windowLater = NOW.plus(BURST_WINDOW);

        assertThat(refused).isInstanceOfSatisfying(ClickLogged.Invalid.class,
                invalid -> assertThat(invalid.reason()).isEqualTo(InvalidClickReason.IP_BURST));
        assertThat(otherIp).isInstanceOf(ClickLogged.Billed.class);
        // The first two left the window; the second billed and the refused one are still in it.
        assertThat(clickFromIp(ip, 3, windowLater.plusMillis(500))).isInstanceOf(ClickLogged.Billed.class);
        assertThat(clickFromIp(ip, 3, windowLater.plusMillis(600))).isInstanceOfSatisfying(ClickLogged.Invalid.class,
                invalid -> assertThat(invalid.reason()).isEqualTo(InvalidClickReason.IP_BURST));
        assertThat(clickFromIp(ip, 3, windowLater.plusMillis(2_500))).isInstanceOf(ClickLogged.Billed.class);
        assertThat(stores.ledger().state(campaign.id(), TODAY).spentTotal()).isEqualTo(Money.ofCents(5 * 50));
    }

    @Test
    void one_ip_clicking_twelve_impressions_at_once_through_many_nodes_is_allowed_the_burst_limit_only() throws Exception {
        String ip = "eeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee";
        List<Callable<ClickLogged>> clicks = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            clicks.add(() -> clickFromIp(ip, 3, NOW));
        }

        List<ClickLogged> logged = Race.run(clicks);

        assertThat(logged).filteredOn(ClickLogged.Billed.class::isInstance).hasSize(3);
        assertThat(logged).filteredOn(l -> l instanceof ClickLogged.Invalid invalid
                && invalid.reason() == InvalidClickReason.IP_BURST).hasSize(9);
        assertThat(stores.ledger().state(campaign.id(), TODAY).spentTotal()).isEqualTo(Money.ofCents(3 * 50));
        assertThat(today().invalidClicks()).isEqualTo(Map.of(InvalidClickReason.IP_BURST, 9L));
        assertThat(stores.ledger().reconcile()).isEmpty();
    }
}
