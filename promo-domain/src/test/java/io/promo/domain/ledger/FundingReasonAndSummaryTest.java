package io.promo.domain.ledger;

import static io.promo.domain.shared.Outcomes.violatedFields;
import static org.assertj.core.api.Assertions.assertThat;

import io.promo.domain.advertiser.Advertiser;
import io.promo.domain.advertiser.InMemoryAdvertiserRepository;
import io.promo.domain.campaign.Campaign;
import io.promo.domain.campaign.CampaignAction;
import io.promo.domain.campaign.CampaignSettings;
import io.promo.domain.campaign.InMemoryCampaignRepository;
import io.promo.domain.shared.Actor;
import io.promo.domain.shared.EventId;
import io.promo.domain.shared.Money;
import io.promo.domain.testing.MutableClock;
import io.promo.domain.testing.TestData;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A credit's reason fits the ledger's column; what a campaign may still spend today, with and without a total budget. */
class FundingReasonAndSummaryTest {

    private final MutableClock clock = MutableClock.at("2026-11-27T10:00:00Z");
    private final InMemoryAdvertiserRepository advertisers = new InMemoryAdvertiserRepository();
    private final InMemoryCampaignRepository campaigns = new InMemoryCampaignRepository();
    private final InMemoryBudgetLedger ledger = new InMemoryBudgetLedger(campaigns, advertisers);
    private final RecordFunding recordFunding = new RecordFunding(ledger, campaigns, TestData.IDS, clock);
    private final BillClick billClick = new BillClick(ledger, BudgetCalendar.UTC, TestData.IDS);
    private final BudgetQueries queries = new BudgetQueries(ledger, campaigns, BudgetCalendar.UTC, clock);
    private final Advertiser owner = TestData.anAdvertiser();

    FundingReasonAndSummaryTest() {
        advertisers.insert(owner);
    }

    private Campaign active(CampaignSettings settings) {
        Campaign draft = TestData.aCampaign(owner.id(), settings);
        campaigns.insert(draft);
        Campaign active = draft.apply(CampaignAction.ACTIVATE, Actor.ADMIN, TestData.NOW).orElseThrow();
        campaigns.updateIfUnchanged(active, draft.updatedAt());
        return active;
    }

    private void topUp(Campaign campaign, long cents) {
        recordFunding.record(FundingCommand.topUp(campaign.id(), Money.ofCents(cents), IdempotencyKey.STRIPE,
                "pi_" + campaign.id().value())).orElseThrow();
    }

    private void click(Campaign campaign, String eventId) {
        billClick.bill(new BillClickCommand(campaign.id(), new EventId(eventId), Money.ofCents(50), clock.instant()));
    }

    @Test
    void a_credit_reason_of_exactly_the_column_length_is_recorded_and_one_longer_is_refused_naming_reason() {
        Campaign campaign = active(TestData.settings().build());
        String longest = "r".repeat(LedgerEntry.MAX_REASON_LENGTH);

        assertThat(violatedFields(recordFunding.record(FundingCommand.credit(Actor.ADMIN, campaign.id(),
                Money.ofCents(100), longest + "r", "req_long")))).containsExactly("reason");
        assertThat(recordFunding.record(FundingCommand.credit(Actor.ADMIN, campaign.id(), Money.ofCents(100), longest,
                "req_fits")).orElseThrow().entry().reason()).contains(longest);
    }

    @Test
    void a_total_budget_nearly_used_up_caps_what_the_campaign_may_still_spend_today() {
        Campaign campaign = active(TestData.settings().cpc(50).dailyBudget(200).totalBudget(250L).build());
        topUp(campaign, 5_000);
        for (int i = 1; i <= 4; i++) {
            click(campaign, "pevt_" + i);
        }
        clock.advance(Duration.ofDays(1));

        BudgetSummary summary = queries.summary(Actor.ADMIN, campaign.id()).orElseThrow();

        assertThat(summary.remainingDailyBudget()).isEqualTo(Money.ofCents(200));
        assertThat(summary.remainingTotalBudget()).contains(Money.ofCents(50));
        assertThat(summary.remainingToday()).isEqualTo(Money.ofCents(50));
    }

    @Test
    void without_a_total_budget_only_the_daily_budget_and_the_balance_limit_todays_spend() {
        Campaign campaign = active(TestData.settings().cpc(50).dailyBudget(1_000).totalBudget(null).build());
        topUp(campaign, 5_000);
        click(campaign, "pevt_1");

        BudgetSummary summary = queries.summary(Actor.ADMIN, campaign.id()).orElseThrow();

        assertThat(summary.remainingTotalBudget()).isEqualTo(Optional.empty());
        assertThat(summary.remainingToday()).isEqualTo(Money.ofCents(950));
    }
}
