package io.promo.domain.traffic;

import static io.promo.domain.testing.TestData.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import io.promo.domain.campaign.Campaign;
import io.promo.domain.ledger.EntryKind;
import io.promo.domain.ledger.IdempotencyKey;
import io.promo.domain.ledger.LedgerEntry;
import io.promo.domain.shared.EventId;
import io.promo.domain.shared.Money;
import io.promo.domain.shared.UserId;
import io.promo.domain.testing.TestData;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What every {@link TrafficReportSource} must answer about what the logs stored; run against the fake and PostgreSQL. */
public abstract class TrafficReportSourceContract extends TrafficContractSupport {

    @Test
    void impressions_and_invalid_clicks_are_counted_per_budget_day() {
        Campaign other = activeCampaign(1_000);
        stores.impressions().appendImpressions(impressions(30, campaign.id(), NOW));
        stores.impressions().appendImpressions(impressions(7, campaign.id(), NOW.minus(Duration.ofDays(1))));
        stores.impressions().appendImpressions(impressions(5, other.id(), NOW));
        logClick(newImpression(), aViewer(), NOW);
        appendInvalidClick(campaign.id(), InvalidClickReason.BOT_USER_AGENT);

        List<DayTraffic> days = stores.reports().daily(campaign.id(), TODAY.minusDays(3), TODAY);

        assertThat(days).extracting(DayTraffic::day).containsExactly(TODAY.minusDays(1), TODAY);
        assertThat(days.get(0).impressions()).isEqualTo(7);
        assertThat(days.get(1).impressions()).isEqualTo(30);
        assertThat(days.get(1).billedClicks()).isEqualTo(1);
        assertThat(days.get(1).invalidClicks()).isEqualTo(Map.of(InvalidClickReason.BOT_USER_AGENT, 1L));
    }

    @Test
    void credits_of_invalid_clicks_show_on_the_day_of_the_click() {
        ClickLogged billed = logClick(newImpression(), aViewer(), NOW);
        stores.ledger().record(new LedgerEntry(TestData.IDS.newLedgerEntryId(), campaign.id(), EntryKind.CREDIT,
                Money.ofCents(50), new IdempotencyKey(IdempotencyKey.INVALID_CLICK_CREDIT, billed.event().eventId().value()),
                Optional.of("invalid click"), NOW.plus(Duration.ofDays(2))));

        DayTraffic today = today();

        assertThat(today.creditedClicks()).isEqualTo(1);
        assertThat(today.credited()).isEqualTo(Money.ofCents(50));
    }

    @Test
    void a_billed_click_logs_its_bid_and_the_day_sums_what_bids_exceeded_prices_while_clicks_without_a_bid_add_nothing() {
        logClick(newImpression(), aViewer(), NOW);
        ClickToLog cleared = click(campaign.id(), newImpression(), aViewer(), NOW, 26);
        ClickLogged billed = stores.clicks().logClick(new ClickToLog(cleared.event(), cleared.spend(), cleared.budgetDay(),
                cleared.repeatSince(), cleared.ipBurst(), Money.ofCents(70)));

        assertThat(billed.event().detail()).isEqualTo(new EventDetail.Billed(Money.ofCents(26), Money.ofCents(70)));
        assertThat(today().billedClicks()).isEqualTo(2);
        assertThat(today().spent()).isEqualTo(Money.ofCents(76));
        assertThat(today().savings()).as("70 - 26, and 0 for the click that bid its price").isEqualTo(Money.ofCents(44));
    }

    @Test
    void the_bids_of_billed_clicks_are_answered_per_click_of_the_campaign_and_other_clicks_have_none() {
        ClickToLog cleared = click(campaign.id(), newImpression(), aViewer(), NOW, 26);
        ClickLogged secondPrice = stores.clicks().logClick(new ClickToLog(cleared.event(), cleared.spend(),
                cleared.budgetDay(), cleared.repeatSince(), cleared.ipBurst(), Money.ofCents(70)));
        UserId repeater = aViewer();
        ClickLogged firstPrice = logClick(newImpression(), repeater, NOW.minusSeconds(60));
        ClickLogged repeated = logClick(newImpression(), repeater, NOW);
        Campaign other = activeCampaign(1_000);
        topUp(other.id(), 5_000);
        ClickLogged othersClick = stores.clicks().logClick(click(other.id(), newImpression(), aViewer(), NOW, 50));

        Map<EventId, Money> bids = stores.reports().bidsOfBilledClicks(campaign.id(), List.of(
                secondPrice.event().eventId(), firstPrice.event().eventId(), repeated.event().eventId(),
                othersClick.event().eventId(), newImpression()));

        assertThat(repeated).as("a repeat click is invalid, never billed").isInstanceOf(ClickLogged.Invalid.class);
        assertThat(bids).isEqualTo(Map.of(secondPrice.event().eventId(), Money.ofCents(70),
                firstPrice.event().eventId(), Money.ofCents(50)));
        assertThat(stores.reports().bidsOfBilledClicks(campaign.id(), List.of())).isEmpty();
    }
}
