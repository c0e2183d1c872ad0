package io.promo.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import io.promo.domain.advertiser.Advertiser;
import io.promo.domain.campaign.Campaign;
import io.promo.domain.campaign.CampaignAction;
import io.promo.domain.campaign.PacingMode;
import io.promo.domain.ledger.BudgetCalendar;
import io.promo.domain.ledger.BudgetLedger;
import io.promo.domain.ledger.EntryKind;
import io.promo.domain.ledger.IdempotencyKey;
import io.promo.domain.ledger.LedgerEntry;
import io.promo.domain.ledger.NotBilledReason;
import io.promo.domain.ledger.SpendOutcome;
import io.promo.domain.shared.Actor;
import io.promo.domain.shared.CampaignId;
import io.promo.domain.shared.Money;
import io.promo.domain.testing.TestData;
import io.promo.persistence.BankHistory.FundCall;
import io.promo.persistence.BankHistory.SpendCall;
import io.promo.persistence.BankWorkload.BankOp;
import io.promo.persistence.BankWorkload.CampaignSpec;
import io.promo.persistence.BankWorkload.Fund;
import io.promo.persistence.BankWorkload.Spend;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * In the spirit of Jepsen's bank test: many threads hit the real {@link JooqBudgetLedger} on the embedded
 * PostgreSQL at once with clicks (some billed twice on purpose, at once and later), top-ups (some
 * delivered twice), credits and refunds or reinstatements, while the budget day turns over at midnight
 * halfway through. Every call and its answer goes into a {@link BankHistory}; afterwards
 * {@link BankChecker} reads the tables back and checks I1–I4, I6 and I7 against the history.
 *
 * <p><b>Seed.</b> The seed decides the campaigns and each thread's list of operations
 * ({@link BankWorkload}); it is printed first and heads the failure message. The same seed (with
 * the same thread and operation counts) replays the same operations per thread, but not the same
 * interleaving: the scheduler and PostgreSQL decide that, so a failure found under one interleaving may
 * need a few runs of its seed to show again.
 * <pre>
 * mvn -B verify -pl promo-persistence-jooq -am -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dtest='LedgerBankTest' -Dledger.bank.seed=42
 * </pre>
 * Surefire hands the command line's {@code -D} user properties to the forked test JVM as system
 * properties, so no {@code -DargLine} is needed.
 *
 * <p><b>Size.</b> By default 8 threads × 300 operations: a few seconds of operations and of checking.
 * A larger run, 16 threads × 5,000 operations (a minute or two on two cores):
 * <pre>
 * mvn -B verify -pl promo-persistence-jooq -am -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dtest='LedgerBankTest' -Dledger.bank.threads=16 -Dledger.bank.operations=5000
 * </pre>
 */
class LedgerBankTest {

    private static final long SEED = Long.getLong("ledger.bank.seed", ThreadLocalRandom.current().nextLong());
    private static final int THREADS = Integer.getInteger("ledger.bank.threads", 8);
    private static final int OPERATIONS = Integer.getInteger("ledger.bank.operations", 300);

    private static final LocalDate FIRST_DAY = LocalDate.of(2026, 11, 27);
    private static final LocalDate SECOND_DAY = FIRST_DAY.plusDays(1);
    /** The run's clock covers this span, midnight in its middle. */
    private static final Duration RUN_SPAN = Duration.ofHours(4);
    private static final int ADVERTISERS = 4;
    private static final Duration RUN_TIMEOUT = Duration.ofMinutes(30);

    private final PostgresRepositories repositories = PostgresFixture.repositories();
    private final BudgetLedger ledger = repositories.ledger();
    private final BankHistory history = new BankHistory();

    @Test
    void concurrent_clicks_top_ups_credits_and_adjustments_across_a_day_boundary_keep_every_invariant()
            throws Exception {
        String replay = "seed=" + SEED + ", " + THREADS + " threads × " + OPERATIONS + " operations; replay with"
                + " -Dledger.bank.seed=" + SEED + " -Dledger.bank.threads=" + THREADS
                + " -Dledger.bank.operations=" + OPERATIONS;
        BankWorkload workload = BankWorkload.generate(SEED, THREADS, OPERATIONS);
        System.out.println("LedgerBankTest seed=" + SEED + "; replay with -Dledger.bank.seed=" + SEED
                + " (" + THREADS + " threads × " + OPERATIONS + " operations, workload "
                + workload.fingerprint() + ")");
        PostgresFixture.emptyDatabase();
        BankClock clock = new BankClock(workload.totalOperations());
        List<CampaignId> campaigns = setUp(workload, clock);

        long started = System.nanoTime();
        run(workload, campaigns, clock, replay);
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        long checking = System.nanoTime();
        BankChecker checker = new BankChecker(TestDatabase.dataSource(), workload, campaigns, history, ledger,
                List.of(FIRST_DAY, SECOND_DAY), replay);
        List<String> broken = checker.brokenInvariants();
        printSummary(workload, checker, campaigns, took, Duration.ofNanos(System.nanoTime() - checking));
        assertThat(broken).as("LedgerBankTest, " + replay)
                .withFailMessage("%s", broken.size() + " invariant(s) broken:" + System.lineSeparator()
                        + String.join(System.lineSeparator(), broken))
                .isEmpty();
    }

    /** Advertisers, then every campaign activated, then the top-ups that fund some of them up front. */
    private List<CampaignId> setUp(BankWorkload workload, BankClock clock) {
        List<Advertiser> advertisers = new ArrayList<>();
        for (int i = 0; i < ADVERTISERS; i++) {
            Advertiser advertiser = TestData.anAdvertiser();
            repositories.advertisers().insert(advertiser);
            advertisers.add(advertiser);
        }
        List<CampaignId> campaigns = new ArrayList<>();
        for (CampaignSpec spec : workload.campaigns()) {
            Campaign draft = TestData.aCampaign(advertisers.get(spec.index() % ADVERTISERS).id(), TestData.settings()
                    .name("Bank campaign " + spec.index())
                    .cpc(spec.cpc())
                    .dailyBudget(spec.dailyBudget())
                    .totalBudget(spec.totalBudget())
                    .startDate(FIRST_DAY.minusDays(7))
                    .endDate(SECOND_DAY.plusDays(7))
                    .pacing(PacingMode.ACCELERATED)
                    .build());
            repositories.campaigns().insert(draft);
            Campaign active = draft.apply(CampaignAction.ACTIVATE, Actor.ADMIN, clock.setupTime()).orElseThrow();
            if (!repositories.campaigns().updateIfUnchanged(active, draft.updatedAt())) {
                throw new IllegalStateException("cannot activate " + draft.id());
            }
            campaigns.add(active.id());
        }
        for (Fund funding : workload.setupFundings()) {
            perform("setup", funding, campaigns, clock.setupTime());
        }
        return List.copyOf(campaigns);
    }

    /** Every thread runs its own list of operations; all start together. */
    private void run(BankWorkload workload, List<CampaignId> campaigns, BankClock clock, String replay)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                workers.add(pool.submit(() -> {
                    start.await();
                    List<BankOp> plan = workload.plan(thread);
                    for (int i = 0; i < plan.size(); i++) {
                        perform("t" + thread + "#" + i, plan.get(i), campaigns, clock.tick());
                    }
                    return null;
                }));
            }
            start.countDown();
            long deadline = System.nanoTime() + RUN_TIMEOUT.toNanos();
            for (Future<?> worker : workers) {
                try {
                    worker.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                } catch (java.util.concurrent.TimeoutException e) {
                    throw new AssertionError("the run did not finish within " + RUN_TIMEOUT + " [" + replay + "]", e);
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** One call to the ledger, timed, and its answer (or exception) in the history. */
    private void perform(String caller, BankOp op, List<CampaignId> campaigns, Instant now) {
        CampaignId campaign = campaigns.get(op.campaign());
        try {
            if (op instanceof Spend spend) {
                LedgerEntry entry = new LedgerEntry(TestData.IDS.newLedgerEntryId(), campaign, EntryKind.SPEND,
                        Money.ofCents(spend.cents()), new IdempotencyKey(IdempotencyKey.CLICK, spend.clickId()),
                        Optional.of("click " + spend.clickId()), now);
                LocalDate budgetDay = BudgetCalendar.UTC.dayOf(entry.createdAt());
                long startNanos = System.nanoTime();
                SpendOutcome outcome = ledger.spend(entry, budgetDay);
                history.add(new SpendCall(caller, spend, entry, budgetDay, outcome, startNanos, System.nanoTime()));
            } else if (op instanceof Fund fund) {
                LedgerEntry entry = new LedgerEntry(TestData.IDS.newLedgerEntryId(), campaign, fund.kind(),
                        Money.ofCents(fund.cents()), fund.key(),
                        Optional.of(fund.kind().code() + " " + fund.key().reference()), now);
                long startNanos = System.nanoTime();
                BudgetLedger.Recorded recorded = ledger.record(entry);
                history.add(new FundCall(caller, fund, entry, recorded, startNanos, System.nanoTime()));
            }
        } catch (RuntimeException e) {
            history.add(new BankHistory.Failure(caller, op, e));
        }
    }

    private void printSummary(BankWorkload workload, BankChecker checker, List<CampaignId> campaigns, Duration took,
            Duration checked) {
        Map<String, Long> outcomes = new TreeMap<>(history.spends().stream().collect(Collectors.groupingBy(
                call -> call.refusal().map(NotBilledReason::name).orElse("BILLED"), Collectors.counting())));
        long written = history.fundings().stream().filter(call -> call.recorded().newlyWritten()).count();
        BankChecker.Sums hot = checker.sums().get(campaigns.get(BankWorkload.HOT).value());
        System.out.printf("LedgerBankTest: %d operations in %d ms (%.0f/s), checked in %d ms; clicks %s;"
                        + " fundings %d written, %d repeated; hot campaign spent %s; days %s%n",
                workload.totalOperations(), took.toMillis(), workload.totalOperations() * 1e9 / took.toNanos(),
                checked.toMillis(),
                outcomes, written, history.fundings().size() - written, hot.spentOn,
                new TreeSet<>(history.spends().stream().map(SpendCall::budgetDay).toList()));
    }

    /** The run's time: every operation moves it one step, and midnight falls halfway through the run. */
    private static final class BankClock {
        private final AtomicLong ticks = new AtomicLong();
        private final Instant first;
        private final Duration step;

        BankClock(int operations) {
            step = RUN_SPAN.dividedBy(Math.max(1, operations));
            first = BudgetCalendar.UTC.startOf(SECOND_DAY).minus(step.multipliedBy(operations / 2));
        }

        Instant tick() {
            return first.plus(step.multipliedBy(ticks.getAndIncrement()));
        }

        Instant setupTime() {
            return first.minus(Duration.ofHours(1));
        }
    }
}
