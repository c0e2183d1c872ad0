package io.promo.domain.traffic;

import static io.promo.domain.testing.TestData.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import io.promo.domain.campaign.Campaign;
import io.promo.domain.ledger.EntryKind;
import io.promo.domain.ledger.IdempotencyKey;
import io.promo.domain.ledger.LedgerEntry;
import io.promo.domain.shared.Money;
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
}
