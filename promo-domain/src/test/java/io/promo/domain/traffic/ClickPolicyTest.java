package io.promo.domain.traffic;

import static io.promo.domain.testing.TestData.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import io.promo.domain.advertiser.AdvertiserStatus;
import io.promo.domain.campaign.CampaignStatus;
import io.promo.domain.ledger.EntryKind;
import io.promo.domain.ledger.IdempotencyKey;
import io.promo.domain.ledger.LedgerEntry;
import io.promo.domain.ledger.NotBilledReason;
import io.promo.domain.ledger.SpendOutcome;
import io.promo.domain.shared.EventId;
import io.promo.domain.shared.Money;
import io.promo.domain.shared.UserId;
import io.promo.domain.testing.TestData;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The click rules that need stored facts, decided from the facts alone, in their order. */
class ClickPolicyTest {

    private static final UserId OWNER = new UserId("usr_owner");
    private static final UserId VIEWER = new UserId("usr_viewer");
    private static final ClickFacts.Payer BILLABLE =
            new ClickFacts.Payer(CampaignStatus.ACTIVE, AdvertiserStatus.ACTIVE, OWNER);

    private static TrafficEvent clickBy(Optional<UserId> user, Optional<String> anonymous) {
        EventId id = TestData.IDS.newEventId();
        return new TrafficEvent(id, TestData.IDS.newCampaignId(), TestData.IDS.newEventId(), Optional.empty(),
                TestData.BERLIN, "ab", user, anonymous, "cd", "ef", NOW, EventDetail.UNCLASSIFIED);
    }

    private static final TrafficEvent CLICK = clickBy(Optional.of(VIEWER), Optional.empty());

    private static Optional<InvalidClickReason> classify(TrafficEvent click, Optional<ClickFacts.Payer> payer,
            boolean impressionClicked, boolean viewerClickedLately) {
        return ClickPolicy.invalidReason(click, new ClickFacts(payer, impressionClicked, viewerClickedLately));
    }

    @Test
    void a_click_with_nothing_against_it_goes_on_to_the_spend() {
        assertThat(classify(CLICK, Optional.of(BILLABLE), false, false)).isEmpty();
        // A paused campaign's ad was served while it was active: its clicks are billable.
        assertThat(classify(CLICK, Optional.of(new ClickFacts.Payer(CampaignStatus.PAUSED, AdvertiserStatus.PAUSED, OWNER)),
                false, false)).isEmpty();
    }

    @Test
    void an_unknown_or_unbillable_campaign_or_advertiser_is_not_billable_whatever_else_holds() {
        assertThat(classify(CLICK, Optional.empty(), true, true)).contains(InvalidClickReason.CAMPAIGN_NOT_BILLABLE);
        for (CampaignStatus status : new CampaignStatus[] {CampaignStatus.DRAFT, CampaignStatus.ENDED, CampaignStatus.SUSPENDED}) {
            assertThat(classify(clickBy(Optional.of(OWNER), Optional.empty()),
                    Optional.of(new ClickFacts.Payer(status, AdvertiserStatus.ACTIVE, OWNER)), true, true))
                    .as(status.code()).contains(InvalidClickReason.CAMPAIGN_NOT_BILLABLE);
        }
        assertThat(classify(CLICK, Optional.of(new ClickFacts.Payer(CampaignStatus.ACTIVE, AdvertiserStatus.SUSPENDED, OWNER)),
                false, false)).contains(InvalidClickReason.CAMPAIGN_NOT_BILLABLE);
    }

    @Test
    void the_advertisers_own_user_is_a_self_click_before_a_duplicate_or_a_repeat() {
        TrafficEvent byOwner = clickBy(Optional.of(OWNER), Optional.empty());

        assertThat(classify(byOwner, Optional.of(BILLABLE), true, true)).contains(InvalidClickReason.SELF_CLICK);
        assertThat(classify(byOwner, Optional.of(BILLABLE), false, false)).contains(InvalidClickReason.SELF_CLICK);
    }

    @Test
    void an_anonymous_viewer_is_never_a_self_click() {
        assertThat(classify(clickBy(Optional.empty(), Optional.of("0123abcd")), Optional.of(BILLABLE), false, false)).isEmpty();
    }

    @Test
    void a_clicked_impression_is_a_duplicate_before_a_repeat_and_a_repeat_alone_is_a_repeat() {
        assertThat(classify(CLICK, Optional.of(BILLABLE), true, true)).contains(InvalidClickReason.DUPLICATE_IMPRESSION);
        assertThat(classify(CLICK, Optional.of(BILLABLE), true, false)).contains(InvalidClickReason.DUPLICATE_IMPRESSION);
        assertThat(classify(CLICK, Optional.of(BILLABLE), false, true)).contains(InvalidClickReason.REPEATED_VIEWER);
    }

    @Test
    void the_spend_bills_the_click_or_names_why_not_and_an_unbillable_or_repeated_spend_makes_it_invalid() {
        LedgerEntry spend = new LedgerEntry(TestData.IDS.newLedgerEntryId(), CLICK.campaignId(), EntryKind.SPEND,
                Money.ofCents(60), new IdempotencyKey(IdempotencyKey.CLICK, CLICK.eventId().value()), Optional.empty(), NOW);

        assertThat(ClickPolicy.afterSpend(CLICK, new SpendOutcome.Billed(spend))).isEqualTo(new ClickLogged.Billed(
                CLICK.withDetail(new EventDetail.Billed(Money.ofCents(60))), spend));
        for (NotBilledReason money : new NotBilledReason[] {NotBilledReason.DAILY_BUDGET, NotBilledReason.TOTAL_BUDGET,
                NotBilledReason.BALANCE}) {
            assertThat(ClickPolicy.afterSpend(CLICK, new SpendOutcome.NotBilled(money))).isEqualTo(
                    new ClickLogged.NotBilled(CLICK.withDetail(new EventDetail.NotBilled(money)), money));
        }
        assertThat(ClickPolicy.afterSpend(CLICK, new SpendOutcome.NotBilled(NotBilledReason.CAMPAIGN_NOT_BILLABLE)))
                .isEqualTo(ClickPolicy.invalid(CLICK, InvalidClickReason.CAMPAIGN_NOT_BILLABLE));
        assertThat(ClickPolicy.afterSpend(CLICK, new SpendOutcome.NotBilled(NotBilledReason.DUPLICATE)))
                .isEqualTo(new ClickLogged.Invalid(CLICK.asInvalid(InvalidClickReason.DUPLICATE_IMPRESSION),
                        InvalidClickReason.DUPLICATE_IMPRESSION));
    }

    private static ClickToLog clickWithBurstLimit(int limit) {
        LedgerEntry spend = new LedgerEntry(TestData.IDS.newLedgerEntryId(), CLICK.campaignId(), EntryKind.SPEND,
                Money.ofCents(50), new IdempotencyKey(IdempotencyKey.CLICK, CLICK.eventId().value()), Optional.empty(), NOW);
        return new ClickToLog(CLICK, spend, java.time.LocalDate.ofInstant(NOW, java.time.ZoneOffset.UTC), NOW, new ClickToLog.IpBurst(limit, NOW.minusSeconds(60)));
    }

    @Test
    void an_ip_with_the_limits_clicks_in_the_window_is_a_burst_before_any_other_rule() {
        ClickFacts everythingAgainst = new ClickFacts(Optional.empty(), true, true, 3);

        assertThat(ClickPolicy.invalidReason(clickWithBurstLimit(3), everythingAgainst)).contains(InvalidClickReason.IP_BURST);
        assertThat(ClickPolicy.invalidReason(clickWithBurstLimit(4), everythingAgainst))
                .contains(InvalidClickReason.CAMPAIGN_NOT_BILLABLE);
        assertThat(ClickPolicy.invalidReason(clickWithBurstLimit(3), new ClickFacts(Optional.of(BILLABLE), false, false, 2)))
                .isEmpty();
    }
}
