package io.promo.domain.funding;

import io.promo.domain.advertiser.Advertiser;
import io.promo.domain.advertiser.AdvertiserStatus;
import io.promo.domain.advertiser.InMemoryAdvertiserRepository;
import io.promo.domain.campaign.Campaign;
import io.promo.domain.campaign.CampaignAction;
import io.promo.domain.campaign.InMemoryCampaignRepository;
import io.promo.domain.ledger.BudgetCalendar;
import io.promo.domain.ledger.BudgetState;
import io.promo.domain.ledger.EntryKind;
import io.promo.domain.ledger.InMemoryBudgetLedger;
import io.promo.domain.ledger.LedgerEntry;
import io.promo.domain.ledger.LedgerPage;
import io.promo.domain.ledger.RecordFunding;
import io.promo.domain.shared.Actor;
import io.promo.domain.shared.CampaignId;
import io.promo.domain.shared.Money;
import io.promo.domain.testing.MutableClock;
import io.promo.domain.testing.TestData;
import java.time.ZoneOffset;
import java.util.List;

/**
 * The funding use cases over in-memory fakes, with one advertiser (card on file) and one active
 * campaign. Public so that the billing adapter's tests can drive the same use cases.
 */
public final class FundingFixture {

    public static final String CURRENCY = "usd";
    public static final TopUpLimits LIMITS = new TopUpLimits(Money.ofCents(500), Money.ofCents(100_000));

    public final MutableClock clock = MutableClock.at("2026-11-27T10:00:00Z");
    public final InMemoryAdvertiserRepository advertisers = new InMemoryAdvertiserRepository();
    public final InMemoryCampaignRepository campaigns = new InMemoryCampaignRepository();
    public final InMemoryBudgetLedger ledger = new InMemoryBudgetLedger(campaigns, advertisers);
    public final InMemoryProcessedPaymentEvents processedEvents = new InMemoryProcessedPaymentEvents();
    /** Shared by every use case this fixture makes: a new one is promo after a restart, or another node. */
    public final InMemoryTopUpRequests topUpRequests = new InMemoryTopUpRequests();
    public final RecordFunding recordFunding = new RecordFunding(ledger, campaigns, TestData.IDS, clock);
    private final BudgetCalendar calendar = new BudgetCalendar(ZoneOffset.UTC);

    public final Advertiser advertiser;
    public final Campaign campaign;

    public FundingFixture() {
        advertiser = TestData.anAdvertiser();
        advertisers.insert(advertiser);
        campaign = activeCampaign(advertiser);
    }

    public Campaign activeCampaign(Advertiser owner) {
        Campaign draft = TestData.aCampaign(owner.id());
        campaigns.insert(draft);
        return change(draft, CampaignAction.ACTIVATE);
    }

    public Campaign change(Campaign campaign, CampaignAction action) {
        Campaign stored = campaigns.findById(campaign.id()).orElseThrow();
        Campaign changed = stored.apply(action, Actor.ADMIN, clock.instant()).orElseThrow();
        campaigns.updateIfUnchanged(changed, stored.updatedAt());
        return changed;
    }

    public Advertiser change(Advertiser advertiser, AdvertiserStatus status) {
        Advertiser stored = advertisers.findById(advertiser.id()).orElseThrow();
        Advertiser changed = stored.changeStatus(status, Actor.ADMIN, clock.instant()).orElseThrow();
        advertisers.updateIfUnchanged(changed, stored.updatedAt());
        return changed;
    }

    public TopUpCampaign topUpCampaign(PaymentGateway gateway) {
        return new TopUpCampaign(campaigns, advertisers, gateway, recordFunding, topUpRequests, LIMITS, CURRENCY, clock);
    }

    public HandlePaymentEvent handlePaymentEvent(PaymentGateway gateway) {
        return new HandlePaymentEvent(processedEvents, ledger, recordFunding, gateway, topUpRequests, CURRENCY, clock);
    }

    public Money balance() {
        return balance(campaign.id());
    }

    public Money balance(CampaignId id) {
        BudgetState state = ledger.state(id, calendar.dayOf(clock.instant()));
        return state.balance();
    }

    public List<LedgerEntry> entries() {
        return ledger.entries(campaign.id(), LedgerPage.first(100));
    }

    public List<LedgerEntry> entries(EntryKind kind) {
        return entries().stream().filter(e -> e.kind() == kind).toList();
    }
}
