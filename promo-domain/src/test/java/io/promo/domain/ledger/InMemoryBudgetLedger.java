package io.promo.domain.ledger;

import io.promo.domain.advertiser.Advertiser;
import io.promo.domain.advertiser.AdvertiserRepository;
import io.promo.domain.campaign.Campaign;
import io.promo.domain.campaign.CampaignRepository;
import io.promo.domain.shared.CampaignId;
import io.promo.domain.shared.Money;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Fake for fast domain tests and simulations: one lock makes every spend atomic. Like the PostgreSQL
 * adapter it keeps counters beside the entries, so {@link #reconcile()} has something to prove.
 * {@link BudgetLedgerContract} keeps it honest.
 */
public final class InMemoryBudgetLedger implements BudgetLedger {

    private static final Comparator<LedgerEntry> NEWEST_FIRST = Comparator.comparing(LedgerEntry::createdAt)
            .thenComparing(e -> e.id().value()).reversed();

    private final CampaignRepository campaigns;
    private final AdvertiserRepository advertisers;
    private final List<LedgerEntry> entries = new ArrayList<>();
    private final Map<IdempotencyKey, LedgerEntry> byKey = new HashMap<>();
    private final Map<CampaignId, Long> balance = new HashMap<>();
    private final Map<CampaignId, Long> spentTotal = new HashMap<>();
    private final Map<CampaignId, Map<LocalDate, Long>> spentByDay = new HashMap<>();
    private final Map<IdempotencyKey, LocalDate> spendDays = new HashMap<>();
    /** ADR 0016: what credits for invalid clicks took back from the spend, as decided when each was recorded. */
    private final Map<CampaignId, Long> released = new HashMap<>();

    public InMemoryBudgetLedger(CampaignRepository campaigns, AdvertiserRepository advertisers) {
        this.campaigns = campaigns;
        this.advertisers = advertisers;
    }

    @Override
    public synchronized SpendOutcome spend(LedgerEntry spend, LocalDate budgetDay) {
        if (byKey.containsKey(spend.idempotencyKey())) {
            return new SpendOutcome.NotBilled(NotBilledReason.DUPLICATE);
        }
        Optional<Campaign> campaign = campaigns.findById(spend.campaignId());
        Optional<Advertiser> advertiser = campaign.flatMap(c -> advertisers.findById(c.advertiserId()));
        if (campaign.isEmpty() || advertiser.isEmpty()) {
            return new SpendOutcome.NotBilled(NotBilledReason.CAMPAIGN_NOT_BILLABLE);
        }
        long amount = spend.amount().cents();
        CampaignId id = spend.campaignId();
        BudgetSnapshot budget = new BudgetSnapshot(campaign.get().status(), advertiser.get().status(),
                campaign.get().settings().dailyBudget(), campaign.get().settings().totalBudget(),
                Money.ofCents(spentByDay.getOrDefault(id, Map.of()).getOrDefault(budgetDay, 0L)),
                Money.ofCents(spentTotal.getOrDefault(id, 0L)), Money.ofCents(balance.getOrDefault(id, 0L)));
        if (SpendPolicy.decide(budget, spend.amount()) instanceof SpendDecision.Refuse refused) {
            return new SpendOutcome.NotBilled(refused.reason());
        }
        append(spend);
        spendDays.put(spend.idempotencyKey(), budgetDay);
        spentByDay.computeIfAbsent(id, k -> new HashMap<>()).merge(budgetDay, amount, Long::sum);
        spentTotal.merge(id, amount, Long::sum);
        return new SpendOutcome.Billed(spend);
    }

    @Override
    public synchronized Recorded record(LedgerEntry entry) {
        if (entry.kind() == EntryKind.SPEND) {
            throw new IllegalArgumentException("spends go through spend()");
        }
        LedgerEntry earlier = byKey.get(entry.idempotencyKey());
        if (earlier != null) {
            return new Recorded(earlier, false);
        }
        if (campaigns.findById(entry.campaignId()).isEmpty()) {
            throw new IllegalArgumentException("unknown campaign " + entry.campaignId());
        }
        append(entry);
        releasedSpend(entry).ifPresent(spend -> {
            spentByDay.get(spend.campaignId()).merge(spendDays.get(spend.idempotencyKey()), -entry.amount().cents(), Long::sum);
            spentTotal.merge(spend.campaignId(), -entry.amount().cents(), Long::sum);
            released.merge(spend.campaignId(), entry.amount().cents(), Long::sum);
        });
        return new Recorded(entry, true);
    }

    /** The spend {@code entry} takes back from the budgets, if it is a credit for a billed click of its campaign. */
    private Optional<LedgerEntry> releasedSpend(LedgerEntry entry) {
        return entry.releasedSpend().map(byKey::get).filter(spend -> spend.kind() == EntryKind.SPEND
                && spend.campaignId().equals(entry.campaignId()));
    }

    private void append(LedgerEntry entry) {
        entries.add(entry);
        byKey.put(entry.idempotencyKey(), entry);
        balance.merge(entry.campaignId(), entry.balanceEffect().cents(), Long::sum);
    }

    @Override
    public synchronized BudgetState state(CampaignId campaignId, LocalDate day) {
        return new BudgetState(
                Money.ofCents(balance.getOrDefault(campaignId, 0L)),
                Money.ofCents(spentByDay.getOrDefault(campaignId, Map.of()).getOrDefault(day, 0L)),
                Money.ofCents(spentTotal.getOrDefault(campaignId, 0L)),
                day);
    }

    @Override
    public synchronized List<LedgerEntry> entries(CampaignId campaignId, LedgerPage page) {
        Optional<LedgerEntry> cursor = page.before().flatMap(id -> entries.stream().filter(e -> e.id().equals(id)).findFirst());
        return entries.stream()
                .filter(e -> e.campaignId().equals(campaignId))
                .sorted(NEWEST_FIRST)
                .filter(e -> cursor.isEmpty() || NEWEST_FIRST.compare(e, cursor.get()) > 0)
                .limit(page.limit())
                .toList();
    }

    @Override
    public synchronized Optional<LedgerEntry> findByIdempotencyKey(IdempotencyKey key) {
        return Optional.ofNullable(byKey.get(key));
    }

    @Override
    public synchronized List<Discrepancy> reconcile() {
        List<Discrepancy> found = new ArrayList<>();
        Map<CampaignId, Long> ledgerBalance = new HashMap<>();
        Map<CampaignId, Long> ledgerSpent = new HashMap<>();
        for (LedgerEntry e : entries) {
            ledgerBalance.merge(e.campaignId(), e.balanceEffect().cents(), Long::sum);
            if (e.kind() == EntryKind.SPEND) {
                ledgerSpent.merge(e.campaignId(), e.amount().cents(), Long::sum);
            }
        }
        released.forEach((id, cents) -> ledgerSpent.merge(id, -cents, Long::sum));
        for (CampaignId id : ledgerBalance.keySet()) {
            compare(found, id, "balance", ledgerBalance.get(id), balance.getOrDefault(id, 0L));
            compare(found, id, "spent_total", ledgerSpent.getOrDefault(id, 0L), spentTotal.getOrDefault(id, 0L));
            long byDays = spentByDay.getOrDefault(id, Map.of()).values().stream().mapToLong(Long::longValue).sum();
            compare(found, id, "spent_by_day", ledgerSpent.getOrDefault(id, 0L), byDays);
        }
        return found;
    }

    private static void compare(List<Discrepancy> found, CampaignId id, String counter, long ledger, long kept) {
        if (ledger != kept) {
            found.add(new Discrepancy(id, counter, ledger, kept));
        }
    }
}
