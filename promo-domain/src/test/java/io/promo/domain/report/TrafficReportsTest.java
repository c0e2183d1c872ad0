package io.promo.domain.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.promo.domain.advertiser.Advertiser;
import io.promo.domain.campaign.Campaign;
import io.promo.domain.ledger.EntryKind;
import io.promo.domain.ledger.LedgerPage;
import io.promo.domain.serving.ranking.CtrCounts;
import io.promo.domain.serving.share.HourlyShare;
import io.promo.domain.serving.share.LostReason;
import io.promo.domain.serving.share.ShareCounts;
import io.promo.domain.ledger.NotBilledReason;
import io.promo.domain.shared.Actor;
import io.promo.domain.shared.Money;
import io.promo.domain.shared.Outcome;
import io.promo.domain.shared.Rejection;
import io.promo.domain.traffic.CreditInvalidClicksCommand;
import io.promo.domain.traffic.InvalidClickReason;
import io.promo.domain.traffic.TrafficCtrStatistics;
import io.promo.domain.traffic.TrafficFixture;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TrafficReportsTest {

    private static final Instant MONDAY = Instant.parse("2026-11-23T09:00:00Z");
    private static final LocalDate MONDAY_DAY = LocalDate.of(2026, 11, 23);

    private final TrafficFixture traffic = TrafficFixture.inMemory(MONDAY);
    private final Advertiser owner = traffic.advertiser();
    private final Campaign campaign = traffic.activeCampaign(owner, 200, 10_000);

    /** Monday: 40 impressions, 4 billed clicks of 50¢, 1 over the daily budget, 2 bots. Tuesday: 10 and 1 click. */
    private void twoDaysOfTraffic() {
        traffic.impressions(campaign.id(), 40);
        for (int i = 0; i < 5; i++) {
            traffic.click(campaign.id(), 50);
        }
        traffic.click(traffic.token(campaign.id(), 50), "curl/8.5.0");
        traffic.click(traffic.token(campaign.id(), 50), "Googlebot/2.1");
        traffic.clock.advance(Duration.ofDays(1));
        traffic.impressions(campaign.id(), 10);
        traffic.click(campaign.id(), 50);
    }

    @Test
    void a_campaign_report_has_every_day_with_counts_ctr_spend_average_cpc_and_remaining_budgets() {
        twoDaysOfTraffic();

        CampaignReport report = traffic.reports.campaign(Actor.tenant(owner.id()), campaign.id(), MONDAY_DAY.minusDays(1),
                MONDAY_DAY.plusDays(1)).orElseThrow();

        assertThat(report.days()).extracting(CampaignReport.Day::day)
                .containsExactly(MONDAY_DAY.minusDays(1), MONDAY_DAY, MONDAY_DAY.plusDays(1));
        assertThat(report.days().get(0).figures()).isEqualTo(TrafficFigures.NONE);
        TrafficFigures monday = report.days().get(1).figures();
        assertThat(monday.impressions()).isEqualTo(40);
        assertThat(monday.clicks()).isEqualTo(5);
        assertThat(monday.billedClicks()).isEqualTo(4);
        assertThat(monday.notBilledClicks()).isEqualTo(Map.of(NotBilledReason.DAILY_BUDGET, 1L));
        assertThat(monday.invalidClicks()).isEqualTo(Map.of(InvalidClickReason.BOT_USER_AGENT, 2L));
        assertThat(monday.ctr()).isEqualTo(5.0 / 40);
        assertThat(monday.spent()).isEqualTo(Money.ofCents(200));
        assertThat(monday.averageCpc()).isEqualTo(Money.ofCents(50));
        assertThat(report.days().get(1).remainingDailyBudget()).isEqualTo(Money.ZERO);
        TrafficFigures tuesday = report.days().get(2).figures();
        assertThat(tuesday.impressions()).isEqualTo(10);
        assertThat(tuesday.billedClicks()).isEqualTo(1);
        assertThat(report.days().get(2).remainingDailyBudget()).isEqualTo(Money.ofCents(150));
        assertThat(report.totals().impressions()).isEqualTo(50);
        assertThat(report.totals().billedClicks()).isEqualTo(5);
        assertThat(report.totals().spent()).isEqualTo(Money.ofCents(250));
        assertThat(report.remaining().balance()).isEqualTo(Money.ofCents(10_000 - 250));
        assertThat(report.remaining().remainingDailyBudget()).isEqualTo(Money.ofCents(150));
        assertThat(report.remaining().remainingTotalBudget()).contains(Money.ofCents(10_000 - 250));
    }

    @Test
    void the_reports_carry_impression_share_per_day_and_zeros_for_days_before_it_was_counted() {
        traffic.shareLog.add(List.of(
                new HourlyShare(campaign.id(), MONDAY_DAY, 9, new ShareCounts(3, 0, 0, 2, 1, 4, 0)),
                new HourlyShare(campaign.id(), MONDAY_DAY, 10, new ShareCounts(1, 0, 0, 0, 0, 1, 0))));
        Campaign other = traffic.activeCampaign(owner, 200, 10_000);
        traffic.shareLog.add(List.of(new HourlyShare(other.id(), MONDAY_DAY, 9, new ShareCounts(2, 0, 0, 0, 0, 0, 0))));

        CampaignReport report = traffic.reports.campaign(Actor.tenant(owner.id()), campaign.id(), MONDAY_DAY.minusDays(300),
                MONDAY_DAY).orElseThrow();

        assertThat(report.days()).hasSize(301);
        assertThat(report.days().get(0).auctions()).isEqualTo(ShareCounts.NONE);
        assertThat(report.days().get(0).auctions().impressionShare()).isZero();
        ShareCounts monday = report.days().get(300).auctions();
        assertThat(monday.candidateAuctions()).isEqualTo(12);
        assertThat(monday.impressions()).isEqualTo(4);
        assertThat(monday.impressionShare()).isEqualTo(4.0 / 12);
        assertThat(monday.lostShare(LostReason.RANK)).isEqualTo(5.0 / 12);
        assertThat(monday.lostShare(LostReason.BUDGET)).isEqualTo(2.0 / 12);
        assertThat(monday.lostShare(LostReason.PACING)).isEqualTo(1.0 / 12);
        assertThat(report.auctions()).isEqualTo(monday);

        AdvertiserReport advertiser = traffic.reports.advertiser(Actor.tenant(owner.id()), owner.id(), MONDAY_DAY,
                MONDAY_DAY).orElseThrow();
        // Both campaigns were created at the fixture's one instant, so their order is their ids' (random): by id.
        assertThat(advertiser.campaigns()).hasSize(2);
        assertThat(advertiser.campaigns()).filteredOn(c -> c.campaignId().equals(campaign.id()))
                .extracting(AdvertiserReport.CampaignTotals::auctions).containsExactly(monday);
        assertThat(advertiser.campaigns()).filteredOn(c -> c.campaignId().equals(other.id()))
                .extracting(AdvertiserReport.CampaignTotals::auctions).containsExactly(new ShareCounts(2, 0, 0, 0, 0, 0, 0));
        assertThat(advertiser.auctions().candidateAuctions()).isEqualTo(14);
        assertThat(advertiser.auctions().impressions()).isEqualTo(6);
    }

    @Test
    void report_spend_equals_the_ledgers_spend() {
        twoDaysOfTraffic();

        CampaignReport report = traffic.reports.campaign(Actor.ADMIN, campaign.id(), MONDAY_DAY, MONDAY_DAY.plusDays(1))
                .orElseThrow();

        long ledgerSpend = traffic.ledger.entries(campaign.id(), LedgerPage.first(500)).stream()
                .filter(e -> e.kind() == EntryKind.SPEND).mapToLong(e -> e.amount().cents()).sum();
        assertThat(report.totals().spent()).isEqualTo(Money.ofCents(ledgerSpend));
        assertThat(traffic.ledger.reconcile()).isEmpty();
    }

    @Test
    void a_day_whose_clicks_were_credited_as_invalid_shows_them_billed_and_credited_and_its_budget_free_again() {
        twoDaysOfTraffic();
        traffic.creditInvalidClicks.credit(new CreditInvalidClicksCommand(Actor.ADMIN, campaign.id(), MONDAY,
                MONDAY.plusSeconds(1), "click farm")).orElseThrow();

        CampaignReport report = traffic.reports.campaign(Actor.tenant(owner.id()), campaign.id(), MONDAY_DAY, MONDAY_DAY)
                .orElseThrow();

        TrafficFigures monday = report.days().get(0).figures();
        assertThat(monday.spent()).as("what the day's clicks were billed").isEqualTo(Money.ofCents(200));
        assertThat(monday.averageCpc()).isEqualTo(Money.ofCents(50));
        assertThat(monday.creditedClicks()).isEqualTo(4);
        assertThat(monday.credited()).isEqualTo(Money.ofCents(200));
        assertThat(report.days().get(0).remainingDailyBudget()).as("credits free the budget (ADR 0016)")
                .isEqualTo(Money.ofCents(200));
        assertThat(traffic.ledger.reconcile()).isEmpty();
    }

    @Test
    void another_tenants_campaign_is_not_found_and_a_backwards_or_too_long_period_is_invalid() {
        Advertiser other = traffic.advertiser();

        Outcome<CampaignReport> foreign = traffic.reports.campaign(Actor.tenant(other.id()), campaign.id(), MONDAY_DAY,
                MONDAY_DAY);
        Outcome<CampaignReport> backwards = traffic.reports.campaign(Actor.ADMIN, campaign.id(), MONDAY_DAY,
                MONDAY_DAY.minusDays(1));
        Outcome<CampaignReport> tooLong = traffic.reports.campaign(Actor.ADMIN, campaign.id(), MONDAY_DAY,
                MONDAY_DAY.plusDays(TrafficReports.MAX_DAYS));

        assertThat(((Outcome.Rejected<?>) foreign).rejection().kind()).isEqualTo(Rejection.Kind.NOT_FOUND);
        assertThat(((Outcome.Rejected<?>) backwards).rejection().kind()).isEqualTo(Rejection.Kind.INVALID);
        assertThat(((Outcome.Rejected<?>) tooLong).rejection().kind()).isEqualTo(Rejection.Kind.INVALID);
        assertThat(((Outcome.Rejected<?>) traffic.reports.advertiser(Actor.tenant(other.id()), owner.id(), MONDAY_DAY,
                MONDAY_DAY)).rejection().kind()).isEqualTo(Rejection.Kind.NOT_FOUND);
    }

    @Test
    void advertiser_totals_add_up_its_campaigns() {
        Campaign second = traffic.activeCampaign(owner, 1_000, 1_000);
        twoDaysOfTraffic();
        traffic.impressions(second.id(), 5);
        traffic.click(second.id(), 70);

        AdvertiserReport report = traffic.reports.advertiser(Actor.tenant(owner.id()), owner.id(), MONDAY_DAY,
                MONDAY_DAY.plusDays(1)).orElseThrow();

        // Both campaigns are created at TestData.NOW, and ids made in one millisecond have no order among themselves.
        assertThat(report.campaigns()).extracting(AdvertiserReport.CampaignTotals::campaignId)
                .containsExactlyInAnyOrder(campaign.id(), second.id());
        assertThat(report.totals().impressions()).isEqualTo(55);
        assertThat(report.totals().billedClicks()).isEqualTo(6);
        assertThat(report.totals().spent()).isEqualTo(Money.ofCents(320));
        assertThat(report.totals().averageCpc()).isEqualTo(Money.ofCents(53));
        assertThat(report.totals().invalidClicks()).isEqualTo(Map.of(InvalidClickReason.BOT_USER_AGENT, 2L));
    }

    /**
     * Monday's clicks were signed before tokens carried the bid (the bid reads as the price); Tuesday's paid a 26¢
     * second price on the campaign's 50¢ bid.
     */
    @Test
    void reports_show_the_average_bid_beside_the_average_paid_and_the_savings_and_a_day_before_bids_saved_nothing() {
        traffic.click(campaign.id(), 50);
        traffic.click(campaign.id(), 50);
        traffic.clock.advance(Duration.ofDays(1));
        traffic.click(traffic.token(campaign.id(), 26, 50), TrafficFixture.BROWSER);
        traffic.click(traffic.token(campaign.id(), 26, 50), TrafficFixture.BROWSER);

        CampaignReport report = traffic.reports.campaign(Actor.tenant(owner.id()), campaign.id(), MONDAY_DAY,
                MONDAY_DAY.plusDays(1)).orElseThrow();
        AdvertiserReport advertiserReport = traffic.reports.advertiser(Actor.tenant(owner.id()), owner.id(), MONDAY_DAY,
                MONDAY_DAY.plusDays(1)).orElseThrow();

        TrafficFigures monday = report.days().get(0).figures();
        assertThat(monday.averageCpc()).isEqualTo(Money.ofCents(50));
        assertThat(monday.averageBid()).as("before bids: the bid is what was paid").isEqualTo(Money.ofCents(50));
        assertThat(monday.savings()).isEqualTo(Money.ZERO);
        TrafficFigures tuesday = report.days().get(1).figures();
        assertThat(tuesday.averageCpc()).as("paid").isEqualTo(Money.ofCents(26));
        assertThat(tuesday.averageBid()).as("bid").isEqualTo(Money.ofCents(50));
        assertThat(tuesday.savings()).as("2 × (50 - 26)").isEqualTo(Money.ofCents(48));
        assertThat(report.totals().spent()).isEqualTo(Money.ofCents(152));
        assertThat(report.totals().savings()).isEqualTo(Money.ofCents(48));
        assertThat(report.totals().averageBid()).as("(152 + 48) / 4").isEqualTo(Money.ofCents(50));
        assertThat(report.totals().averageCpc()).isEqualTo(Money.ofCents(38));
        assertThat(advertiserReport.totals().savings()).isEqualTo(Money.ofCents(48));
        assertThat(advertiserReport.campaigns().get(0).totals()).isEqualTo(report.totals());
        assertThat(TrafficFigures.NONE.savings()).isEqualTo(Money.ZERO);
        assertThat(TrafficFigures.NONE.averageBid()).isEqualTo(Money.ZERO);
    }

    @Test
    void the_ctr_feed_counts_impressions_and_valid_clicks_of_the_last_days() {
        twoDaysOfTraffic();

        assertThat(new TrafficCtrStatistics(traffic.stores.ctrFeed(), traffic.calendar, traffic.clock, 30).countsByCampaign())
                .isEqualTo(Map.of(campaign.id(), new CtrCounts(50, 6)));
        assertThat(new TrafficCtrStatistics(traffic.stores.ctrFeed(), traffic.calendar, traffic.clock, 1).countsByCampaign())
                .isEqualTo(Map.of(campaign.id(), new CtrCounts(10, 1)));
    }
}
