package io.promo.persistence;

import io.promo.domain.ledger.EntryKind;
import io.promo.domain.ledger.IdempotencyKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * What {@link LedgerBankTest} does, decided before any thread starts: the campaigns, what funds them at
 * setup, and each thread's list of operations. Everything comes from one seed, so the same seed gives
 * the same campaigns and the same operations per thread; only how the threads interleave differs.
 *
 * <p>Operations are generated round by round (operation i of every thread, then i + 1), so a duplicate
 * that copies one of the last few spends of the pool copies one that another thread runs at about the
 * same moment, while one copied from anywhere in the pool is a retry that comes later.
 */
final class BankWorkload {

    /** Index of the hot campaign: it gets a large share of the clicks and cannot afford them. */
    static final int HOT = 0;
    static final long HOT_CPC = 50;
    static final long HOT_DAILY_BUDGET = 2_000;
    /** Binds on the second budget day: 2,000¢ on the first day leaves 1,500¢ for the second. */
    static final long HOT_TOTAL_BUDGET = 3_500;
    /** More than the total budget, and the hot campaign is never refunded: its balance never binds. */
    static final long HOT_FUNDING = 10_000;

    private static final int OTHER_CAMPAIGNS = 40;
    /**
     * The other campaigns' budgets and setup funding fit a run of this many operations (the default
     * size) and grow in proportion for larger runs, which would otherwise spend their budgets in the
     * first minutes and refuse every later click.
     */
    private static final int OPERATIONS_BUDGETS_FIT = 2_400;
    private static final int SPEND_PERCENT = 70;
    private static final int HOT_SHARE_OF_SPENDS_PERCENT = 40;
    private static final int SIMULTANEOUS_DUPLICATE_CLICK_PERCENT = 8;
    private static final int LATE_DUPLICATE_CLICK_PERCENT = 4;
    private static final int DUPLICATE_FUNDING_PERCENT = 20;
    private static final long LARGEST_REFUND = 200;

    /**
     * @param refundFree never gets a negative adjustment, so its balance must never end below zero
     * @param starved    funded at setup for a few clicks and never topped up again: its balance binds
     *                   even at the end of the run, where a refilled balance would hide an overdraft
     */
    record CampaignSpec(int index, long cpc, long dailyBudget, Long totalBudget, long initialFunding,
            boolean refundFree, boolean starved) {
    }

    /** One call the workload makes to the ledger. */
    sealed interface BankOp permits Spend, Fund {
        int campaign();

        long cents();
    }

    /** Bill click {@code clickId} to the campaign at the cpc it was served with. */
    record Spend(int campaign, String clickId, long cents) implements BankOp {
    }

    /** Record a top-up, credit or (signed) adjustment under its idempotency key. */
    record Fund(int campaign, EntryKind kind, IdempotencyKey key, long cents) implements BankOp {
    }

    private final List<CampaignSpec> campaigns;
    private final List<List<BankOp>> plans;

    private BankWorkload(List<CampaignSpec> campaigns, List<List<BankOp>> plans) {
        this.campaigns = campaigns;
        this.plans = plans;
    }

    static BankWorkload generate(long seed, int threads, int operationsPerThread) {
        Random master = new Random(seed);
        int budgetScale = Math.max(1, threads * operationsPerThread / OPERATIONS_BUDGETS_FIT);
        List<CampaignSpec> campaigns = campaigns(master, budgetScale);
        List<Random> perThread = new ArrayList<>();
        List<List<BankOp>> plans = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            perThread.add(new Random(master.nextLong()));
            plans.add(new ArrayList<>(operationsPerThread));
        }
        Generator generator = new Generator(campaigns, threads);
        for (int i = 0; i < operationsPerThread; i++) {
            for (int t = 0; t < threads; t++) {
                plans.get(t).add(generator.next(perThread.get(t), t, i));
            }
        }
        return new BankWorkload(List.copyOf(campaigns), plans.stream().map(List::copyOf).toList());
    }

    List<CampaignSpec> campaigns() {
        return campaigns;
    }

    CampaignSpec campaign(int index) {
        return campaigns.get(index);
    }

    List<BankOp> plan(int thread) {
        return plans.get(thread);
    }

    /** The top-ups that fund campaigns before the run, one per campaign funded up front. */
    List<Fund> setupFundings() {
        return campaigns.stream().filter(spec -> spec.initialFunding() > 0)
                .map(spec -> new Fund(spec.index(), EntryKind.TOPUP,
                        new IdempotencyKey(IdempotencyKey.STRIPE, "pi_setup_" + spec.index()), spec.initialFunding()))
                .toList();
    }

    /** A digest of every operation of every thread: equal digests, equal workloads (e.g. a replayed seed). */
    String fingerprint() {
        return Integer.toHexString((campaigns.toString() + plans.toString()).hashCode());
    }

    int totalOperations() {
        return plans.stream().mapToInt(List::size).sum();
    }

    /**
     * The hot campaign, then campaigns whose budgets and funding vary: some without a total budget,
     * some never funded before clicks arrive, a quarter starved, a third never refunded.
     */
    private static List<CampaignSpec> campaigns(Random random, int scale) {
        List<CampaignSpec> campaigns = new ArrayList<>();
        campaigns.add(new CampaignSpec(HOT, HOT_CPC, HOT_DAILY_BUDGET, HOT_TOTAL_BUDGET, HOT_FUNDING, true, false));
        for (int i = 1; i <= OTHER_CAMPAIGNS; i++) {
            long cpc = 5 + random.nextInt(196);
            // Not always a whole number of clicks: the last click of a day must not squeeze in.
            long daily = cpc * (2 + random.nextInt(15)) * scale + random.nextInt((int) cpc);
            Long total = random.nextBoolean() ? null : daily + random.nextInt((int) daily * 2 + 1);
            boolean starved = i % 4 == 1;
            long funding = starved ? cpc * (1 + random.nextInt(5)) * scale
                    : random.nextInt(4) == 0 ? 0 : cpc * random.nextInt(20) * scale;
            campaigns.add(new CampaignSpec(i, cpc, daily, total, funding, i % 3 == 0, starved));
        }
        return campaigns;
    }

    /** Draws operations; remembers earlier ones so that some later ones repeat them. */
    private static final class Generator {
        private final List<CampaignSpec> campaigns;
        private final int threads;
        private final List<Spend> spends = new ArrayList<>();
        private final List<Fund> fundings = new ArrayList<>();

        Generator(List<CampaignSpec> campaigns, int threads) {
            this.campaigns = campaigns;
            this.threads = threads;
        }

        BankOp next(Random random, int thread, int index) {
            return random.nextInt(100) < SPEND_PERCENT ? spend(random, thread, index) : funding(random, thread, index);
        }

        private Spend spend(Random random, int thread, int index) {
            int roll = random.nextInt(100);
            if (!spends.isEmpty() && roll < SIMULTANEOUS_DUPLICATE_CLICK_PERCENT) {
                int recent = Math.min(spends.size(), 2 * threads);
                return spends.get(spends.size() - 1 - random.nextInt(recent));
            }
            if (!spends.isEmpty() && roll < SIMULTANEOUS_DUPLICATE_CLICK_PERCENT + LATE_DUPLICATE_CLICK_PERCENT) {
                return spends.get(random.nextInt(spends.size()));
            }
            int campaign = random.nextInt(100) < HOT_SHARE_OF_SPENDS_PERCENT ? HOT : other(random);
            Spend spend = new Spend(campaign, "click-" + thread + "-" + index, campaigns.get(campaign).cpc());
            spends.add(spend);
            return spend;
        }

        private Fund funding(Random random, int thread, int index) {
            if (!fundings.isEmpty() && random.nextInt(100) < DUPLICATE_FUNDING_PERCENT) {
                // A webhook delivered again, or an admin's request retried.
                return fundings.get(random.nextInt(fundings.size()));
            }
            String suffix = thread + "-" + index;
            int roll = random.nextInt(100);
            Fund fund;
            if (roll < 40) {
                int campaign = random.nextInt(10) == 0 ? HOT : other(random);
                while (campaigns.get(campaign).starved()) {
                    campaign = other(random);
                }
                long cpc = campaigns.get(campaign).cpc();
                fund = new Fund(campaign, EntryKind.TOPUP, stripe("pi_" + suffix),
                        cpc * (1 + random.nextInt(8)) + random.nextInt((int) cpc));
            } else if (roll < 60 && !spends.isEmpty()) {
                // Credit back a click found invalid: keyed by the click, so a second look grants nothing. Never
                // the hot campaign's: a credit frees budget (ADR 0016), and its budget bound is checked exactly.
                Spend click = spends.get(random.nextInt(spends.size()));
                while (click.campaign() == HOT && spends.stream().anyMatch(s -> s.campaign() != HOT)) {
                    click = spends.get(random.nextInt(spends.size()));
                }
                fund = new Fund(click.campaign(), EntryKind.CREDIT,
                        new IdempotencyKey(IdempotencyKey.INVALID_CLICK_CREDIT, click.clickId()), click.cents());
            } else if (roll < 70) {
                int campaign = other(random);
                fund = new Fund(campaign, EntryKind.CREDIT, new IdempotencyKey(IdempotencyKey.ADMIN_CREDIT,
                        "goodwill-" + suffix), campaigns.get(campaign).cpc() * (1 + random.nextInt(3)));
            } else {
                int campaign = other(random);
                CampaignSpec spec = campaigns.get(campaign);
                if (spec.refundFree() || random.nextInt(10) < 3) {
                    fund = new Fund(campaign, EntryKind.ADJUSTMENT, stripe("dp_won_" + suffix),
                            1 + random.nextInt((int) spec.cpc()));
                } else {
                    fund = new Fund(campaign, EntryKind.ADJUSTMENT, stripe("re_" + suffix),
                            -(1 + random.nextInt((int) Math.min(2 * spec.cpc(), LARGEST_REFUND))));
                }
            }
            fundings.add(fund);
            return fund;
        }

        private int other(Random random) {
            return 1 + random.nextInt(campaigns.size() - 1);
        }

        private static IdempotencyKey stripe(String reference) {
            return new IdempotencyKey(IdempotencyKey.STRIPE, reference);
        }
    }
}
