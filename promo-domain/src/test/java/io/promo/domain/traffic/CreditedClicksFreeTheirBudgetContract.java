package io.promo.domain.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import io.promo.domain.advertiser.Advertiser;
import io.promo.domain.campaign.Campaign;
import io.promo.domain.campaign.CampaignAction;
import io.promo.domain.ledger.BudgetState;
import io.promo.domain.ledger.EntryKind;
import io.promo.domain.ledger.IdempotencyKey;
import io.promo.domain.ledger.LedgerEntry;
import io.promo.domain.ledger.NotBilledReason;
import io.promo.domain.shared.Actor;
import io.promo.domain.shared.Money;
import io.promo.domain.testing.TestData;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * ADR 0016: a click credited as invalid was never really bought, so its cost leaves the budgets it counted
 * against (its own day's spend and the total spend) as well as coming back to the balance. A campaign that hit
 * its daily or total budget and is credited for invalid clicks may spend that much again; counters still equal
 * the ledger's sums. Run on the in-memory adapters and on PostgreSQL.
 */
public abstract class CreditedClicksFreeTheirBudgetContract {

    protected static final Instant MORNING = Instant.parse("2026-11-23T09:00:00Z");

    /** A fixture over empty storage, its clock at {@code start} (a UTC budget day). */
    protected abstract TrafficFixture traffic(Instant start);

    private TrafficFixture traffic;
    private Advertiser owner;

    @BeforeEach
    void an_advertiser() {
        traffic = traffic(MORNING);
        owner = traffic.advertiser();
    }

    private LocalDate today() {
        return LocalDate.ofInstant(traffic.clock.instant(), ZoneOffset.UTC);
    }

    private BudgetState state(Campaign campaign, LocalDate day) {
        return traffic.ledger.state(campaign.id(), day);
    }

    private CreditedClicks creditFrom(Campaign campaign, Instant from) {
        return traffic.creditInvalidClicks.credit(new CreditInvalidClicksCommand(Actor.ADMIN, campaign.id(), from,
                traffic.clock.instant().plusSeconds(1), "click farm found by review")).orElseThrow();
    }

    /** An active campaign, 50¢ cpc, with {@code dailyCents} a day and {@code totalCents} in all, well funded. */
    private Campaign campaign(long dailyCents, Long totalCents) {
        Campaign draft = TestData.aCampaign(owner.id(),
                TestData.settings().cpc(50).dailyBudget(dailyCents).totalBudget(totalCents).build());
        traffic.campaigns.insert(draft);
        Campaign active = draft.apply(CampaignAction.ACTIVATE, Actor.ADMIN, traffic.clock.instant()).orElseThrow();
        traffic.campaigns.updateIfUnchanged(active, draft.updatedAt());
        traffic.ledger.record(new LedgerEntry(TestData.IDS.newLedgerEntryId(), active.id(), EntryKind.TOPUP,
                Money.ofCents(10_000), new IdempotencyKey(IdempotencyKey.STRIPE, "pi_" + active.id().value()),
                Optional.of("top-up"), traffic.clock.instant()));
        return active;
    }

    /** How a click result names a reason it was not billed. */
    private static String refusedFor(NotBilledReason reason) {
        return reason.name().toLowerCase(Locale.ROOT);
    }

    private ClickResult click(Campaign campaign) {
        traffic.clock.advance(Duration.ofSeconds(1));
        return traffic.click(campaign.id(), 50);
    }

    @Test
    void a_campaign_at_its_daily_budget_credited_for_invalid_clicks_today_may_spend_that_much_again_today() {
        Campaign campaign = campaign(100, null);
        Instant start = traffic.clock.instant();
        click(campaign);
        click(campaign);
        assertThat(click(campaign).reason()).contains(refusedFor(NotBilledReason.DAILY_BUDGET));

        CreditedClicks credited = creditFrom(campaign, start);

        assertThat(credited.newlyCredited()).isEqualTo(2);
        assertThat(state(campaign, today()).spentOnDay()).isEqualTo(Money.ZERO);
        assertThat(click(campaign).billed()).isTrue();
        assertThat(click(campaign).billed()).isTrue();
        assertThat(click(campaign).reason()).contains(refusedFor(NotBilledReason.DAILY_BUDGET));
        BudgetState after = state(campaign, today());
        assertThat(after.spentOnDay()).isEqualTo(Money.ofCents(100));
        assertThat(after.spentTotal()).isEqualTo(Money.ofCents(100));
        assertThat(after.balance()).isEqualTo(Money.ofCents(10_000 - 100));
        assertThat(traffic.ledger.reconcile()).isEmpty();
    }

    @Test
    void a_campaign_at_its_total_budget_credited_for_invalid_clicks_may_spend_that_much_again() {
        Campaign campaign = campaign(100, 150L);
        click(campaign);
        click(campaign);
        Instant endOfFirstDay = traffic.clock.instant().plusSeconds(1);
        traffic.clock.advance(Duration.ofDays(1));
        click(campaign);
        assertThat(click(campaign).reason()).contains(refusedFor(NotBilledReason.TOTAL_BUDGET));

        traffic.creditInvalidClicks.credit(new CreditInvalidClicksCommand(Actor.ADMIN, campaign.id(), MORNING,
                endOfFirstDay, "click farm found by review")).orElseThrow();

        assertThat(state(campaign, today()).spentTotal()).isEqualTo(Money.ofCents(50));
        assertThat(click(campaign).billed()).isTrue();
        assertThat(click(campaign).reason()).contains(refusedFor(NotBilledReason.DAILY_BUDGET));
        traffic.clock.advance(Duration.ofDays(1));
        assertThat(click(campaign).billed()).isTrue();
        assertThat(click(campaign).reason()).contains(refusedFor(NotBilledReason.TOTAL_BUDGET));
        assertThat(state(campaign, today()).spentTotal()).isEqualTo(Money.ofCents(150));
        assertThat(traffic.ledger.reconcile()).isEmpty();
    }

    @Test
    void a_credit_for_a_click_of_an_earlier_day_frees_that_days_spend_and_the_total_but_not_todays_budget() {
        Campaign campaign = campaign(100, null);
        LocalDate yesterday = today();
        click(campaign);
        Instant endOfYesterday = traffic.clock.instant().plusSeconds(1);
        traffic.clock.advance(Duration.ofDays(1));
        click(campaign);
        click(campaign);

        CreditedClicks credited = traffic.creditInvalidClicks.credit(new CreditInvalidClicksCommand(Actor.ADMIN,
                campaign.id(), MORNING, endOfYesterday, "click farm found by review")).orElseThrow();

        assertThat(credited.newlyCredited()).isEqualTo(1);
        assertThat(state(campaign, yesterday).spentOnDay()).isEqualTo(Money.ZERO);
        assertThat(state(campaign, today()).spentOnDay()).isEqualTo(Money.ofCents(100));
        assertThat(state(campaign, today()).spentTotal()).isEqualTo(Money.ofCents(100));
        assertThat(click(campaign).reason()).contains(refusedFor(NotBilledReason.DAILY_BUDGET));
        assertThat(traffic.ledger.reconcile()).isEmpty();
    }

    @Test
    void a_click_credited_twice_frees_its_budget_once() {
        Campaign campaign = campaign(100, null);
        Instant start = traffic.clock.instant();
        click(campaign);
        click(campaign);

        creditFrom(campaign, start);
        creditFrom(campaign, start);

        assertThat(state(campaign, today()).spentOnDay()).isEqualTo(Money.ZERO);
        assertThat(state(campaign, today()).balance()).isEqualTo(Money.ofCents(10_000));
        assertThat(traffic.ledger.reconcile()).isEmpty();
    }

    @Test
    void an_admins_goodwill_credit_adds_money_but_frees_no_budget() {
        Campaign campaign = campaign(100, null);
        click(campaign);
        click(campaign);

        traffic.ledger.record(new LedgerEntry(TestData.IDS.newLedgerEntryId(), campaign.id(), EntryKind.CREDIT,
                Money.ofCents(100), new IdempotencyKey(IdempotencyKey.ADMIN_CREDIT, "goodwill-1"),
                Optional.of("goodwill"), traffic.clock.instant()));

        assertThat(state(campaign, today()).spentOnDay()).isEqualTo(Money.ofCents(100));
        assertThat(click(campaign).reason()).contains(refusedFor(NotBilledReason.DAILY_BUDGET));
        assertThat(traffic.ledger.reconcile()).isEmpty();
    }
}
