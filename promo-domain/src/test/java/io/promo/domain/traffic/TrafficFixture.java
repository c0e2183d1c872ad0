package io.promo.domain.traffic;

import io.promo.domain.advertiser.Advertiser;
import io.promo.domain.advertiser.AdvertiserRepository;
import io.promo.domain.campaign.Campaign;
import io.promo.domain.campaign.CampaignAction;
import io.promo.domain.campaign.CampaignRepository;
import io.promo.domain.campaign.Format;
import io.promo.domain.ledger.BudgetCalendar;
import io.promo.domain.ledger.BudgetLedger;
import io.promo.domain.ledger.BudgetQueries;
import io.promo.domain.ledger.EntryKind;
import io.promo.domain.ledger.IdempotencyKey;
import io.promo.domain.ledger.LedgerEntry;
import io.promo.domain.report.TrafficReports;
import io.promo.domain.serving.share.InMemoryImpressionShareLog;
import io.promo.domain.shared.Actor;
import io.promo.domain.shared.CampaignId;
import io.promo.domain.shared.EventId;
import io.promo.domain.shared.Money;
import io.promo.domain.shared.RoleCode;
import io.promo.domain.shared.Surface;
import io.promo.domain.testing.MutableClock;
import io.promo.domain.testing.TestData;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The traffic use cases over any storage: the in-memory fakes by default, or the PostgreSQL adapters (a
 * persistence test passes them in). Clicks come from distinct users and ips unless a test says otherwise.
 */
public final class TrafficFixture {

    public static final byte[] TOKEN_SECRET = "token-secret-of-at-least-thirty-two-bytes".getBytes(StandardCharsets.US_ASCII);
    public static final byte[] HASH_SECRET = "hash-secret-of-at-least-thirty-two-bytes!".getBytes(StandardCharsets.US_ASCII);
    public static final String BROWSER = "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15"
            + " (KHTML, like Gecko) Version/17.5 Safari/605.1.15";

    public final MutableClock clock;
    public final AdvertiserRepository advertisers;
    public final CampaignRepository campaigns;
    public final BudgetLedger ledger;
    public final TrafficStores stores;
    public final BudgetCalendar calendar = BudgetCalendar.UTC;
    public final ClickTokenSigner signer;
    public final ClientHasher hasher = new ClientHasher(HASH_SECRET);
    public final RecordClick recordClick;
    public final CreditInvalidClicks creditInvalidClicks;
    public final TrafficReports reports;
    private int clicks;

    /** Over the in-memory fakes. */
    public static TrafficFixture inMemory(Instant start) {
        return new TrafficFixture(start, TrafficStores.inMemory());
    }

    /** The impression-share counts the reports read (in memory: the decisions that count them are serving's). */
    public final InMemoryImpressionShareLog shareLog = new InMemoryImpressionShareLog();

    public TrafficFixture(Instant start, TrafficStores stores) {
        this.clock = new MutableClock(start);
        this.stores = stores;
        this.advertisers = stores.advertisers();
        this.campaigns = stores.campaigns();
        this.ledger = stores.ledger();
        this.signer = new ClickTokenSigner(List.of(SigningKey.active("k1", TOKEN_SECRET)), Duration.ofMinutes(30), clock);
        this.recordClick = new RecordClick(signer, hasher, BotUserAgents.standard(), ClickRules.DEFAULTS, stores.clicks(), calendar,
                TestData.IDS, clock);
        this.creditInvalidClicks = new CreditInvalidClicks(campaigns, stores.clicks(), ledger, TestData.IDS, clock);
        this.reports = new TrafficReports(campaigns, advertisers, stores.reports(), new BudgetQueries(ledger, campaigns, calendar, clock),
                stores.conversionReports(), shareLog);
    }

    public Advertiser advertiser() {
        Advertiser advertiser = TestData.anAdvertiser();
        advertisers.insert(advertiser);
        return advertiser;
    }

    /** An active campaign of {@code owner}: 50¢ cpc, the given daily budget, $100 total, {@code balanceCents} topped up. */
    public Campaign activeCampaign(Advertiser owner, long dailyCents, long balanceCents) {
        Campaign draft = TestData.aCampaign(owner.id(), TestData.settings().cpc(50).dailyBudget(dailyCents).build());
        campaigns.insert(draft);
        Campaign active = draft.apply(CampaignAction.ACTIVATE, Actor.ADMIN, clock.instant()).orElseThrow();
        campaigns.updateIfUnchanged(active, draft.updatedAt());
        ledger.record(new LedgerEntry(TestData.IDS.newLedgerEntryId(), active.id(), EntryKind.TOPUP,
                Money.ofCents(balanceCents), new IdempotencyKey(IdempotencyKey.STRIPE, "pi_" + active.id().value()),
                Optional.of("top-up"), clock.instant()));
        return active;
    }

    public String token(CampaignId campaignId, long cpcCents) {
        return token(campaignId, cpcCents, cpcCents);
    }

    /** A token of a result served at {@code priceCents} (the clearing price) for a campaign bidding {@code bidCents}. */
    public String token(CampaignId campaignId, long priceCents, long bidCents) {
        return signer.sign(new ClickClaims(TestData.IDS.newEventId(), campaignId, Money.ofCents(priceCents),
                Money.ofCents(bidCents), clock.instant(),
                Surface.PEOPLE_SEARCH, TestData.BERLIN, Optional.of(new RoleCode("photographer")),
                "0123456789abcdef0123456789abcdef"));
    }

    /** A click by a new user from a new ip, on a fresh impression of the campaign. */
    public ClickResult click(CampaignId campaignId, long cpcCents) {
        return click(token(campaignId, cpcCents), BROWSER);
    }

    public ClickResult click(String token, String userAgent) {
        int n = ++clicks;
        return recordClick.click(new ClickCommand(token, "usr_clicker" + n, null,
                "10." + (n / 65_536 % 256) + "." + (n / 256 % 256) + "." + (n % 256), userAgent));
    }

    /** {@code count} impressions of the campaign, served now, appended as one batch. */
    public void impressions(CampaignId campaignId, int count) {
        List<TrafficEvent> batch = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            EventId id = TestData.IDS.newEventId();
            batch.add(new TrafficEvent(id, campaignId, id, Optional.empty(), TestData.BERLIN,
                    "0123456789abcdef0123456789abcdef", Optional.empty(), Optional.of(hasher.fingerprint("fp" + i)),
                    hasher.ip("10.9.9." + (i % 256)), hasher.userAgent(BROWSER), clock.instant(),
                    new EventDetail.Served(Surface.PEOPLE_SEARCH, 1, Money.ofCents(50), Format.FEATURED)));
        }
        stores.impressions().appendImpressions(batch);
    }
}
