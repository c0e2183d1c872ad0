package io.promo.domain.serving.index;

import io.promo.domain.advertiser.Advertiser;
import io.promo.domain.advertiser.AdvertiserRepository;
import io.promo.domain.campaign.Campaign;
import io.promo.domain.campaign.CampaignRepository;
import io.promo.domain.ledger.BudgetLedger;
import io.promo.domain.ledger.BudgetState;
import io.promo.domain.pricing.Policy;
import io.promo.domain.pricing.PolicyRepository;
import io.promo.domain.shared.CampaignId;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@link ServingChanges} over the in-memory repositories, by comparison: each cursor remembers every row as it was
 * read, and the changes since it are the rows that differ now. Exactly the changed rows, so it is also the reference
 * the PostgreSQL adapter is held to ({@code ServingChangesContract}), which may answer more.
 */
public final class InMemoryServingChanges implements ServingChanges {

    private final CampaignRepository campaigns;
    private final AdvertiserRepository advertisers;
    private final PolicyRepository policies;
    private final BudgetLedger ledger;
    private final Map<String, Seen> seen = new ConcurrentHashMap<>();
    private final AtomicLong cursors = new AtomicLong();

    public InMemoryServingChanges(CampaignRepository campaigns, AdvertiserRepository advertisers,
            PolicyRepository policies, BudgetLedger ledger) {
        this.campaigns = campaigns;
        this.advertisers = advertisers;
        this.policies = policies;
        this.ledger = ledger;
    }

    private record Seen(LocalDate day, Map<CampaignId, Campaign> campaigns, Map<CampaignId, BudgetState> budgets,
            Map<Object, Advertiser> advertisers, Map<Object, Policy> policies) {
    }

    @Override
    public synchronized ServingChangeSet changesSince(ChangeCursor cursor, LocalDate day) {
        Seen before = cursor.isOrigin() ? null : seen.get(cursor.position());
        if (!cursor.isOrigin() && before == null) {
            throw new IllegalArgumentException("not a cursor of this adapter: " + cursor);
        }
        List<Campaign> allCampaigns = campaigns.findAll();
        List<CampaignId> ids = allCampaigns.stream().map(Campaign::id).toList();
        Map<CampaignId, BudgetState> allBudgets = ledger.states(ids, day);
        Map<CampaignId, Campaign> nowCampaigns = new HashMap<>();
        List<Campaign> changedCampaigns = new ArrayList<>();
        Map<CampaignId, BudgetState> changedBudgets = new HashMap<>();
        for (Campaign campaign : allCampaigns) {
            nowCampaigns.put(campaign.id(), campaign);
            BudgetState budget = allBudgets.get(campaign.id());
            if (before == null || !before.day.equals(day) || !campaign.equals(before.campaigns.get(campaign.id()))
                    || !budget.equals(before.budgets.get(campaign.id()))) {
                changedCampaigns.add(campaign);
                changedBudgets.put(campaign.id(), budget);
            }
        }
        Map<Object, Advertiser> nowAdvertisers = new HashMap<>();
        List<Advertiser> changedAdvertisers = new ArrayList<>();
        for (Advertiser advertiser : advertisers.findAll()) {
            nowAdvertisers.put(advertiser.id(), advertiser);
            if (before == null || !advertiser.equals(before.advertisers.get(advertiser.id()))) {
                changedAdvertisers.add(advertiser);
            }
        }
        Map<Object, Policy> nowPolicies = new HashMap<>();
        List<Policy> changedPolicies = new ArrayList<>();
        for (Policy policy : policies.findAll()) {
            nowPolicies.put(policy.scope(), policy);
            if (before == null || !policy.equals(before.policies.get(policy.scope()))) {
                changedPolicies.add(policy);
            }
        }
        String position = "v" + cursors.incrementAndGet();
        seen.put(position, new Seen(day, nowCampaigns, allBudgets, nowAdvertisers, nowPolicies));
        return new ServingChangeSet(before == null, changedCampaigns, changedAdvertisers, changedPolicies, changedBudgets,
                day, new ChangeCursor(position));
    }
}
