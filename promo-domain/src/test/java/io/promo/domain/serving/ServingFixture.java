package io.promo.domain.serving;

import io.promo.domain.advertiser.Advertiser;
import io.promo.domain.advertiser.AdvertiserStatus;
import io.promo.domain.advertiser.InMemoryAdvertiserRepository;
import io.promo.domain.campaign.Campaign;
import io.promo.domain.campaign.CampaignAction;
import io.promo.domain.campaign.CampaignSettings;
import io.promo.domain.campaign.InMemoryCampaignRepository;
import io.promo.domain.campaign.TargetEntity;
import io.promo.domain.campaign.TargetEntityType;
import io.promo.domain.ledger.BillClick;
import io.promo.domain.ledger.BillClickCommand;
import io.promo.domain.ledger.BudgetCalendar;
import io.promo.domain.ledger.FundingCommand;
import io.promo.domain.ledger.IdempotencyKey;
import io.promo.domain.ledger.InMemoryBudgetLedger;
import io.promo.domain.ledger.LedgerEntry;
import io.promo.domain.ledger.SpendOutcome;
import io.promo.domain.pricing.InMemoryPolicyRepository;
import io.promo.domain.pricing.Policy;
import io.promo.domain.pricing.PolicyLimits;
import io.promo.domain.pricing.PolicyScope;
import io.promo.domain.serving.diagnostics.Diagnosis;
import io.promo.domain.serving.diagnostics.WhyNotShown;
import io.promo.domain.serving.diagnostics.WhyNotShownQuery;
import io.promo.domain.serving.index.ServingIndexRefresher;
import io.promo.domain.serving.index.ServingSettings;
import io.promo.domain.serving.pacing.HourlyTrafficCounter;
import io.promo.domain.serving.ranking.InMemoryCtrStatistics;
import io.promo.domain.serving.share.ImpressionShareCounter;
import io.promo.domain.serving.share.InMemoryImpressionShareLog;
import io.promo.domain.serving.share.ShareCounts;
import io.promo.domain.shared.Actor;
import io.promo.domain.shared.CampaignId;
import io.promo.domain.shared.CityCode;
import io.promo.domain.shared.EventId;
import io.promo.domain.shared.Money;
import io.promo.domain.shared.RoleCode;
import io.promo.domain.shared.Surface;
import io.promo.domain.shared.UserId;
import io.promo.domain.testing.MutableClock;
import io.promo.domain.testing.TestData;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The serving use cases over the in-memory adapters and the real ledger rules, with a clock the test moves.
 * Ids are sequential, so pages are replayable.
 */
public final class ServingFixture {

    public static final CityCode BERLIN = TestData.BERLIN;
    public static final CityCode PARIS = TestData.PARIS;
    /** 25¢ floor, two sponsored results in the top 20, one above the fold: the app's deployment default. */
    public static final PolicyLimits DEPLOYMENT_DEFAULT = new PolicyLimits(Money.ofCents(25), 2, 1);

    /** Stands in for the keyed signature (traffic.QuerySignature): any stable hex of the normalized query will do here. */
    public static final QuerySigner SIGNER = query -> String.format("%08x", query.hashCode());

    public final MutableClock clock;
    public final SequentialIds ids = new SequentialIds("t");
    public final InMemoryAdvertiserRepository advertisers = new InMemoryAdvertiserRepository();
    public final InMemoryCampaignRepository campaigns = new InMemoryCampaignRepository();
    public final InMemoryPolicyRepository policies = new InMemoryPolicyRepository();
    public final InMemoryBudgetLedger ledger = new InMemoryBudgetLedger(campaigns, advertisers);
    public final InMemoryCtrStatistics ctr = new InMemoryCtrStatistics();
    public final BudgetCalendar calendar = BudgetCalendar.UTC;
    public final HourlyTrafficCounter traffic = new HourlyTrafficCounter(calendar, 8);
    public final ServingSettings settings;
    public final ServingIndexRefresher refresher;
    /** Every decision's auctions, for impression share; {@link #flushShares} writes them to {@link #shareLog}. */
    public final ImpressionShareCounter shares = new ImpressionShareCounter();
    public final InMemoryImpressionShareLog shareLog = new InMemoryImpressionShareLog();
    public final DecideAdPage decideAdPage;
    public final WhyNotShown whyNotShown;
    public final BillClick billClick;
    private final AtomicLong references = new AtomicLong();

    public ServingFixture(Instant start) {
        this(start, ServingSettings.defaults(DEPLOYMENT_DEFAULT, BudgetCalendar.UTC));
    }

    public ServingFixture(Instant start, ServingSettings settings) {
        this.clock = new MutableClock(start);
        this.settings = settings;
        this.refresher = new ServingIndexRefresher(campaigns, advertisers, policies, ledger, ctr, traffic, settings, clock);
        this.decideAdPage = new DecideAdPage(refresher, settings, ids, clock, traffic, SIGNER, shares);
        this.whyNotShown = new WhyNotShown(refresher, ledger::state, settings, clock);
        this.billClick = new BillClick(ledger, calendar, ids);
    }

    public Advertiser advertiser() {
        Advertiser advertiser = Advertiser.onboard(ids.newAdvertiserId(), new UserId("usr_" + references.incrementAndGet()),
                Optional.empty(), clock.instant());
        advertisers.insert(advertiser);
        return advertiser;
    }

    public void setStatus(Advertiser advertiser, AdvertiserStatus status) {
        Advertiser stored = advertisers.findById(advertiser.id()).orElseThrow();
        Advertiser changed = stored.changeStatus(status, Actor.ADMIN, clock.instant()).orElseThrow();
        if (!advertisers.updateIfUnchanged(changed, stored.updatedAt())) {
            throw new IllegalStateException("lost a race in a single-threaded test");
        }
    }

    public static TargetEntity profile(String id) {
        return new TargetEntity(TargetEntityType.SERVICE_PROFILE, id);
    }

    /** A draft of {@code settings} promoting {@code entityId} on people search, stored. */
    public Campaign draft(Advertiser advertiser, String entityId, CampaignSettings settings) {
        Campaign draft = Campaign.draft(ids.newCampaignId(), advertiser.id(), Surface.PEOPLE_SEARCH, profile(entityId),
                settings, clock.instant());
        campaigns.insert(draft);
        return draft;
    }

    /** An active campaign promoting {@code entityId}, with {@code balanceCents} topped up. */
    public Campaign active(Advertiser advertiser, String entityId, CampaignSettings settings, long balanceCents) {
        Campaign campaign = move(draft(advertiser, entityId, settings), CampaignAction.ACTIVATE);
        if (balanceCents > 0) {
            topUp(campaign.id(), balanceCents);
        }
        return campaign;
    }

    public Campaign move(Campaign campaign, CampaignAction action) {
        Campaign stored = campaigns.findById(campaign.id()).orElseThrow();
        Campaign changed = stored.apply(action, Actor.ADMIN, clock.instant()).orElseThrow();
        if (!campaigns.updateIfUnchanged(changed, stored.updatedAt())) {
            throw new IllegalStateException("lost a race in a single-threaded test");
        }
        return changed;
    }

    public void topUp(CampaignId campaignId, long cents) {
        ledger.record(new LedgerEntry(ids.newLedgerEntryId(), campaignId, io.promo.domain.ledger.EntryKind.TOPUP,
                Money.ofCents(cents), new IdempotencyKey(IdempotencyKey.STRIPE, "pi_" + references.incrementAndGet()),
                Optional.of("test top-up"), clock.instant()));
    }

    /** Bills {@code cents} to the campaign now, through the real ledger rules. */
    public SpendOutcome spend(CampaignId campaignId, long cents) {
        return billClick.bill(new BillClickCommand(campaignId, ids.newEventId(), Money.ofCents(cents), clock.instant()));
    }

    public Policy policy(Optional<RoleCode> role, CityCode city, long floorCents, int density, int aboveFold) {
        return policies.upsert(new Policy(ids.newPolicyId(), new PolicyScope(Surface.PEOPLE_SEARCH, role, city),
                new PolicyLimits(Money.ofCents(floorCents), density, aboveFold), clock.instant()));
    }

    public static DecisionRequest search(CityCode city, String query, String... organic) {
        return new DecisionRequest(Surface.PEOPLE_SEARCH, Optional.empty(), city, query,
                Viewer.anonymous("fp-test"), DecisionRequest.DEFAULT_PAGE_SIZE, List.of(organic));
    }

    /** {@code count} organic matches srv_o1 … srv_o{count}, with {@code promoted} inserted at the given ranks. */
    public static List<String> organic(int count) {
        List<String> ids = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            ids.add("srv_o" + i);
        }
        return ids;
    }

    /** As the app decides: the background refresh has run (if the index was stale), then the decision. */
    public DecisionPage decide(DecisionRequest request) {
        refresher.refreshIfStale();
        return decideAdPage.decide(request);
    }

    /** Writes the counted auctions to {@link #shareLog}; returns the campaign's figures of the fixture's day. */
    public ShareCounts flushShares(CampaignId campaignId) {
        shares.flushTo(shareLog);
        java.time.LocalDate day = calendar.dayOf(clock.instant());
        return shareLog.daily(campaignId, day, day).getOrDefault(day, ShareCounts.NONE);
    }

    public Diagnosis diagnose(CampaignId campaignId, DecisionRequest request) {
        refresher.refreshIfStale();
        return whyNotShown.explain(WhyNotShownQuery.replaying(Actor.ADMIN, campaignId, request)).orElseThrow();
    }
}
