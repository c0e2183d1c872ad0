package io.promo.domain.traffic;

import static io.promo.domain.testing.TestData.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import io.promo.domain.advertiser.Advertiser;
import io.promo.domain.campaign.Campaign;
import io.promo.domain.campaign.CampaignAction;
import io.promo.domain.campaign.Format;
import io.promo.domain.ledger.EntryKind;
import io.promo.domain.ledger.IdempotencyKey;
import io.promo.domain.ledger.LedgerEntry;
import io.promo.domain.shared.Actor;
import io.promo.domain.shared.CampaignId;
import io.promo.domain.shared.EventId;
import io.promo.domain.shared.Money;
import io.promo.domain.shared.RoleCode;
import io.promo.domain.shared.Surface;
import io.promo.domain.shared.UserId;
import io.promo.domain.testing.TestData;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;

/**
 * What the traffic log's contract suites share: storage given by the adapter's test, an active campaign funded
 * with $50 (50¢ cpc, $10 a day) of an advertiser, and events to log.
 */
public abstract class TrafficContractSupport {

    protected static final LocalDate TODAY = LocalDate.ofInstant(NOW, ZoneOffset.UTC);
    protected static final Duration REPEAT_WINDOW = Duration.ofMinutes(10);
    /** The burst window of the contract clicks; their limit is roomy, so that only the burst tests see the rule. */
    protected static final Duration BURST_WINDOW = Duration.ofMinutes(1);
    protected static final int ROOMY_BURST_LIMIT = 1_000;
    private static final String QUERY_HASH = "0123456789abcdef0123456789abcdef";
    private static final String IP_HASH = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
    private static final String UA_HASH = "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";

    /** The storage under test, the same instance for the whole test. */
    protected abstract TrafficStores stores();

    /** Adapters with shared storage empty it here; a fake made per test has nothing to do. */
    protected void emptyStorage() {
    }

    protected TrafficStores stores;
    protected Advertiser owner;
    protected Campaign campaign;

    @BeforeEach
    void an_active_funded_campaign_exists() {
        emptyStorage();
        stores = stores();
        owner = TestData.anAdvertiser();
        stores.advertisers().insert(owner);
        campaign = activeCampaign(1_000);
        topUp(campaign.id(), 5_000);
    }

    protected Campaign activeCampaign(long dailyCents) {
        Campaign draft = TestData.aCampaign(owner.id(), TestData.settings().cpc(50).dailyBudget(dailyCents).build());
        stores.campaigns().insert(draft);
        Campaign active = draft.apply(CampaignAction.ACTIVATE, Actor.ADMIN, NOW).orElseThrow();
        stores.campaigns().updateIfUnchanged(active, draft.updatedAt());
        return active;
    }

    protected void topUp(CampaignId id, long cents) {
        stores.ledger().record(new LedgerEntry(TestData.IDS.newLedgerEntryId(), id, EntryKind.TOPUP, Money.ofCents(cents),
                new IdempotencyKey(IdempotencyKey.STRIPE, "pi_" + TestData.IDS.newEventId().value()),
                Optional.of("top-up"), NOW.minusSeconds(3600)));
    }

    protected static EventId newImpression() {
        return TestData.IDS.newEventId();
    }

    protected static UserId aViewer() {
        return new UserId("usr_" + TestData.IDS.newEventId().value().substring(5));
    }

    protected static TrafficEvent event(CampaignId campaignId, EventId impression, UserId viewer, Instant at,
            EventDetail detail) {
        return new TrafficEvent(TestData.IDS.newEventId(), campaignId, impression,
                Optional.of(new RoleCode("photographer")), TestData.BERLIN, QUERY_HASH, Optional.of(viewer),
                Optional.empty(), IP_HASH, UA_HASH, at, detail);
    }

    protected static ClickToLog click(CampaignId campaignId, EventId impression, UserId viewer, Instant at, long cpcCents) {
        TrafficEvent click = event(campaignId, impression, viewer, at, EventDetail.UNCLASSIFIED);
        LedgerEntry spend = new LedgerEntry(TestData.IDS.newLedgerEntryId(), campaignId, EntryKind.SPEND,
                Money.ofCents(cpcCents), new IdempotencyKey(IdempotencyKey.CLICK, click.eventId().value()),
                Optional.of("click " + click.eventId()), at);
        return new ClickToLog(click, spend, LocalDate.ofInstant(at, ZoneOffset.UTC), at.minus(REPEAT_WINDOW),
                new ClickToLog.IpBurst(ROOMY_BURST_LIMIT, at.minus(BURST_WINDOW)));
    }

    protected ClickLogged logClick(EventId impression, UserId viewer, Instant at) {
        return stores.clicks().logClick(click(campaign.id(), impression, viewer, at, 50));
    }

    protected static List<TrafficEvent> impressions(int count, CampaignId campaignId, Instant at) {
        List<TrafficEvent> batch = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            batch.add(event(campaignId, newImpression(), aViewer(), at,
                    new EventDetail.Served(Surface.PEOPLE_SEARCH, i % 20 + 1, Money.ofCents(50), Format.FEATURED)));
        }
        return batch;
    }

    /** An invalid click decided without a lookup (a bot, say), appended as the click path does. */
    protected void appendInvalidClick(CampaignId campaignId, InvalidClickReason reason) {
        stores.clicks().appendInvalidClick(event(campaignId, newImpression(), aViewer(), NOW, new EventDetail.Invalid(reason)));
    }

    protected DayTraffic today() {
        List<DayTraffic> days = stores.reports().daily(campaign.id(), TODAY, TODAY);
        assertThat(days).hasSize(1);
        return days.get(0);
    }
}
