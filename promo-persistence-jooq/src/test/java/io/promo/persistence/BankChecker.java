package io.promo.persistence;

import io.promo.domain.ledger.BudgetLedger;
import io.promo.domain.ledger.BudgetState;
import io.promo.domain.ledger.Discrepancy;
import io.promo.domain.ledger.EntryKind;
import io.promo.domain.ledger.IdempotencyKey;
import io.promo.domain.ledger.NotBilledReason;
import io.promo.domain.shared.CampaignId;
import io.promo.persistence.BankHistory.FundCall;
import io.promo.persistence.BankHistory.SpendCall;
import io.promo.persistence.BankWorkload.CampaignSpec;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/**
 * Checks a finished {@link LedgerBankTest} run against the invariants of docs/design.md and lists every one
 * that is broken, so that one failure report names them all. It reads the ledger table itself with
 * plain SQL and recomputes every sum in Java; the adapter's counters and answers are only ever what is
 * being compared, never the reference.
 */
final class BankChecker {

    private static final int SHOWN_VIOLATIONS = 12;

    /** A ledger row as stored. */
    record Row(String entryId, String campaignId, EntryKind kind, long amount, IdempotencyKey key, Instant createdAt) {
        LocalDate utcDay() {
            return LocalDate.ofInstant(createdAt, ZoneOffset.UTC);
        }
    }

    /** Spend a credit for an invalid click took back from the budgets (ADR 0016), as stored. */
    record Release(String campaignId, LocalDate budgetDay, long amount) {
    }

    /** The caps of a campaign as stored. */
    record Caps(long cpc, long dailyBudget, Long totalBudget) {
    }

    /**
     * One campaign's ledger, summed by what moves its balance. {@code spent} and {@code spentOn} are net of the
     * spend that credits for invalid clicks took back from the budgets (ADR 0016, {@code promo_budget_release});
     * the gross figures only grow, which is what a refusal is checked against.
     */
    static final class Sums {
        long positiveFunds;
        long refunds;
        long spent;
        long grossSpent;
        final Map<LocalDate, Long> spentOn = new TreeMap<>();
        final Map<LocalDate, Long> grossSpentOn = new TreeMap<>();

        long balance() {
            return positiveFunds - refunds - grossSpent;
        }

        long spentOn(LocalDate day) {
            return spentOn.getOrDefault(day, 0L);
        }
    }

    private final BankWorkload workload;
    private final List<CampaignId> campaignIds;
    private final BankHistory history;
    private final BudgetLedger ledger;
    private final List<LocalDate> days;
    private final String replay;

    private final Map<String, Caps> caps = new HashMap<>();
    private final List<Row> rows = new ArrayList<>();
    private final List<Release> releases = new ArrayList<>();
    private final Map<String, long[]> budgetCounters = new HashMap<>();
    private final Map<String, Map<LocalDate, Long>> dailyCounters = new HashMap<>();
    private final List<String> repeatedKeys = new ArrayList<>();
    private final Map<String, Sums> sums = new HashMap<>();
    private final Map<String, Integer> indexOf = new HashMap<>();
    private final List<String> broken = new ArrayList<>();

    /**
     * @param days   the budget days the run spanned, in order
     * @param replay how to run this again, should the tables not read back
     */
    BankChecker(DataSource dataSource, BankWorkload workload, List<CampaignId> campaignIds, BankHistory history,
            BudgetLedger ledger, List<LocalDate> days, String replay) {
        this.workload = workload;
        this.campaignIds = campaignIds;
        this.history = history;
        this.ledger = ledger;
        this.days = days;
        this.replay = replay;
        load(dataSource);
        for (int i = 0; i < campaignIds.size(); i++) {
            sums.put(campaignIds.get(i).value(), new Sums());
            indexOf.put(campaignIds.get(i).value(), i);
        }
        for (Row row : rows) {
            Sums campaign = sums.computeIfAbsent(row.campaignId(), id -> new Sums());
            if (row.kind() == EntryKind.SPEND) {
                campaign.spent += row.amount();
                campaign.spentOn.merge(row.utcDay(), row.amount(), Long::sum);
                campaign.grossSpent += row.amount();
                campaign.grossSpentOn.merge(row.utcDay(), row.amount(), Long::sum);
            } else if (row.amount() < 0) {
                campaign.refunds -= row.amount();
            } else {
                campaign.positiveFunds += row.amount();
            }
        }
        for (Release release : releases) {
            Sums campaign = sums.computeIfAbsent(release.campaignId(), id -> new Sums());
            campaign.spent -= release.amount();
            campaign.spentOn.merge(release.budgetDay(), -release.amount(), Long::sum);
        }
    }

    Map<String, Sums> sums() {
        return sums;
    }

    /** Every invariant (or precondition of the run) that does not hold, with its first violations. */
    List<String> brokenInvariants() {
        broken.clear();
        history.failures().stream().findFirst().ifPresent(failure -> failure.error().printStackTrace());
        expectNone("no call to the ledger throws", history.failures().stream()
                .map(failure -> failure.caller() + " " + failure.op() + ": " + failure.error()).toList());
        Set<LocalDate> clickDays = history.spends().stream().map(SpendCall::budgetDay).collect(Collectors.toSet());
        expect(clickDays.equals(Set.copyOf(days)), "precondition: the run's clicks fall on every budget day " + days,
                "clicks fell on " + clickDays);
        checkDailyBudgets();
        checkTotalBudgets();
        checkBalances();
        checkClicksBilledOnce();
        checkFundingRecordedOnce();
        checkCountersEqualTheLedger();
        checkRefusals();
        checkHotCampaign();
        return List.copyOf(broken);
    }

    private void expectNone(String invariant, List<String> violations) {
        if (!violations.isEmpty()) {
            broken.add(invariant + ": " + violations.size() + " violation(s)" + System.lineSeparator() + "    "
                    + String.join(System.lineSeparator() + "    ", shown(violations)));
        }
    }

    private void expect(boolean holds, String invariant, String detail) {
        expectNone(invariant, holds ? List.of() : List.of(detail));
    }

    /** I1: a campaign's spend on a budget day (created_at in UTC) is within its daily budget. */
    private void checkDailyBudgets() {
        List<String> violations = new ArrayList<>();
        sums.forEach((campaign, sum) -> sum.spentOn.forEach((day, spent) -> {
            long daily = caps.get(campaign).dailyBudget();
            if (spent > daily) {
                violations.add(name(campaign) + " spent " + spent + "¢ on " + day + ", daily budget " + daily + "¢");
            }
        }));
        expectNone("I1 spend per campaign and budget day ≤ daily_budget_cents", violations);
    }

    /** I2: a campaign's total spend is within its total budget, if it has one. */
    private void checkTotalBudgets() {
        List<String> violations = new ArrayList<>();
        sums.forEach((campaign, sum) -> {
            Long total = caps.get(campaign).totalBudget();
            if (total != null && sum.spent > total) {
                violations.add(name(campaign) + " spent " + sum.spent + "¢ in total, total budget " + total + "¢");
            }
        });
        expectNone("I2 total spend ≤ total_budget_cents", violations);
    }

    /**
     * I3: a spend never takes the balance below zero. The ledger does not record commit order
     * (created_at is the click's time, not the commit's), so the balance just before each spend cannot
     * be replayed. Three things can be checked soundly instead:
     * <ul>
     *   <li>If every spend left the balance ≥ 0, the last one to commit found at least its amount, which
     *   is at most all positive money (top-ups, credits, positive adjustments) minus whatever refunds and
     *   spends had committed before it. Hence Σspend ≤ Σpositive funds, i.e. the final balance is at
     *   least −Σrefunds, for every campaign. For a campaign never refunded that is: final balance ≥ 0.
     *   Campaigns do not share money, so the never-refunded ones are a sub-scenario of their own.</li>
     *   <li>Real-time order sharpens it for each billed click: what committed before it includes every
     *   refund and billed click whose call returned before this call started, and excludes all positive
     *   money whose call started after this call returned. If that upper bound on the balance it saw is
     *   below its amount, it overdrew.</li>
     * </ul>
     */
    private void checkBalances() {
        List<String> overdrawn = new ArrayList<>();
        List<String> refundFreeBelowZero = new ArrayList<>();
        for (CampaignSpec spec : workload.campaigns()) {
            String campaign = campaignIds.get(spec.index()).value();
            Sums sum = sums.get(campaign);
            if (sum.spent > sum.positiveFunds) {
                overdrawn.add(name(campaign) + " spent " + sum.spent + "¢ of " + sum.positiveFunds
                        + "¢ ever paid in (balance " + sum.balance() + "¢, refunds " + sum.refunds + "¢)");
            }
            if (spec.refundFree() && sum.balance() < 0) {
                refundFreeBelowZero.add(name(campaign) + " ends at " + sum.balance() + "¢ without any refund");
            }
        }
        expectNone("I3 Σspend ≤ Σ(top-ups + credits + positive adjustments), i.e. balance ≥ −Σrefunds", overdrawn);
        expectNone("I3 a campaign that was never refunded ends with a balance ≥ 0", refundFreeBelowZero);

        Map<String, Timelines> timelines = timelines();
        List<String> overdrawnAtTheTime = new ArrayList<>();
        for (SpendCall call : history.spends()) {
            if (!call.billed()) {
                continue;
            }
            Timelines money = timelines.get(call.entry().campaignId().value());
            long mostItCouldHaveSeen = money.positive.startedBy(call.endNanos())
                    - money.refunds.completedBefore(call.startNanos())
                    - money.billed.completedBefore(call.startNanos());
            if (mostItCouldHaveSeen < call.op().cents()) {
                overdrawnAtTheTime.add(describe(call) + " was billed when the balance was at most "
                        + mostItCouldHaveSeen + "¢");
            }
        }
        expectNone("I3 no click is billed while the balance (bounded by real-time order) is below its cpc", overdrawnAtTheTime);
        List<String> refundFreeCounters = new ArrayList<>();
        for (CampaignSpec spec : workload.campaigns()) {
            String campaign = campaignIds.get(spec.index()).value();
            long counter = budgetCounters.getOrDefault(campaign, new long[2])[0];
            if (spec.refundFree() && counter != sums.get(campaign).balance()) {
                refundFreeCounters.add(name(campaign) + " balance counter " + counter + "¢, ledger "
                        + sums.get(campaign).balance() + "¢");
            }
        }
        expectNone("I3/I7 a never-refunded campaign's balance counter equals its ledger balance", refundFreeCounters);
    }

    /**
     * I4: a click is billed at most once, at the cpc it was served with; and the history and the ledger
     * agree click by click: no billed click without its entry, no entry without its billed click.
     */
    private void checkClicksBilledOnce() {
        expectNone("I4/I6 no (processor, processor_ref) appears twice in the ledger", repeatedKeys);

        Map<String, Row> spendByClick = new HashMap<>();
        List<String> wrongKey = new ArrayList<>();
        for (Row row : rows) {
            if (row.kind() == EntryKind.SPEND) {
                if (!row.key().source().equals(IdempotencyKey.CLICK)) {
                    wrongKey.add(row.entryId() + " is a spend keyed " + row.key());
                }
                spendByClick.put(row.key().reference(), row);
            }
        }
        expectNone("I4 every spend is keyed by its click", wrongKey);

        Map<String, List<SpendCall>> billedByClick = history.spends().stream().filter(SpendCall::billed)
                .collect(Collectors.groupingBy(call -> call.op().clickId()));
        List<String> billedTwice = new ArrayList<>();
        List<String> lost = new ArrayList<>();
        List<String> wrong = new ArrayList<>();
        billedByClick.forEach((click, calls) -> {
            if (calls.size() > 1) {
                billedTwice.add("click " + click + " answered Billed " + calls.size() + " times: "
                        + calls.stream().map(SpendCall::caller).toList());
            }
            SpendCall call = calls.get(0);
            Row row = spendByClick.get(click);
            if (row == null) {
                lost.add(describe(call) + " answered Billed but the ledger has no spend for it");
                return;
            }
            long cpc = caps.get(row.campaignId()).cpc();
            if (!row.entryId().equals(call.entry().id().value())
                    || !row.campaignId().equals(call.entry().campaignId().value())
                    || row.amount() != call.op().cents() || row.amount() != cpc
                    || !row.utcDay().equals(call.budgetDay())) {
                wrong.add(describe(call) + " on " + call.budgetDay() + " is stored as " + row + " (cpc " + cpc + "¢)");
            }
        });
        List<String> phantoms = spendByClick.keySet().stream().filter(click -> !billedByClick.containsKey(click))
                .map(click -> "spend " + spendByClick.get(click) + " was never answered Billed").toList();
        expectNone("I4 no click is answered Billed twice", billedTwice);
        expectNone("I4 every click answered Billed has its spend in the ledger", lost);
        expectNone("I4 every spend in the ledger was answered Billed (no phantom)", phantoms);
        expectNone("I4 a billed click is stored as offered: its entry, campaign, cpc and budget day", wrong);
    }

    /**
     * I6 and the funding side of idempotency: one entry per key, written by exactly one call, and every
     * call with that key answered with that same entry.
     */
    private void checkFundingRecordedOnce() {
        Map<IdempotencyKey, Row> entryByKey = rows.stream().filter(row -> row.kind() != EntryKind.SPEND)
                .collect(Collectors.toMap(Row::key, row -> row, (a, b) -> a));
        Map<IdempotencyKey, List<FundCall>> callsByKey = history.fundings().stream()
                .collect(Collectors.groupingBy(call -> call.op().key()));
        List<String> violations = new ArrayList<>();
        callsByKey.forEach((key, calls) -> {
            Row row = entryByKey.get(key);
            long writers = calls.stream().filter(call -> call.recorded().newlyWritten()).count();
            if (row == null) {
                violations.add(key + ": " + calls.size() + " calls, no entry in the ledger");
                return;
            }
            if (writers != 1) {
                violations.add(key + ": " + writers + " of " + calls.size() + " calls answered newlyWritten=true");
            }
            FundCall first = calls.get(0);
            if (row.kind() != first.op().kind() || row.amount() != first.op().cents()
                    || !row.campaignId().equals(campaignIds.get(first.op().campaign()).value())) {
                violations.add(key + ": stored as " + row + ", asked for " + first.op());
            }
            for (FundCall call : calls) {
                if (!call.recorded().entry().id().value().equals(row.entryId())) {
                    violations.add(key + ": " + call.caller() + " was answered with entry "
                            + call.recorded().entry().id() + ", the ledger holds " + row.entryId());
                }
                if (call.recorded().newlyWritten() && !call.entry().id().equals(call.recorded().entry().id())) {
                    violations.add(key + ": " + call.caller() + " wrote " + call.recorded().entry().id()
                            + " but offered " + call.entry().id());
                }
            }
        });
        entryByKey.keySet().stream().filter(key -> !callsByKey.containsKey(key))
                .forEach(key -> violations.add(key + ": in the ledger, never recorded by the run"));
        expectNone("I6 each top-up, credit and adjustment key is one entry, written by exactly one call", violations);
    }

    /** I7: reconcile finds nothing, and the counters equal sums recomputed here from the rows. */
    private void checkCountersEqualTheLedger() {
        expectNone("I7 ledger().reconcile() finds no discrepancy",
                ledger.reconcile().stream().map(Discrepancy::toString).toList());

        List<String> violations = new ArrayList<>();
        Set<String> campaigns = new HashSet<>(sums.keySet());
        campaigns.addAll(budgetCounters.keySet());
        for (String campaign : campaigns) {
            Sums sum = sums.getOrDefault(campaign, new Sums());
            long[] counter = budgetCounters.getOrDefault(campaign, new long[2]);
            if (counter[0] != sum.balance() || counter[1] != sum.spent) {
                violations.add(name(campaign) + " promo_campaign_budget (balance " + counter[0] + ", spent_total "
                        + counter[1] + "), ledger (" + sum.balance() + ", " + sum.spent + ")");
            }
            Set<LocalDate> spendDays = new HashSet<>(sum.spentOn.keySet());
            spendDays.addAll(dailyCounters.getOrDefault(campaign, Map.of()).keySet());
            for (LocalDate day : spendDays) {
                long counted = dailyCounters.getOrDefault(campaign, Map.of()).getOrDefault(day, 0L);
                if (counted != sum.spentOn(day)) {
                    violations.add(name(campaign) + " promo_campaign_daily_spend " + day + " " + counted
                            + ", ledger " + sum.spentOn(day));
                }
            }
        }
        expectNone("I7 promo_campaign_budget and promo_campaign_daily_spend equal the ledger's sums", violations);

        List<String> states = new ArrayList<>();
        for (LocalDate day : days) {
            Map<CampaignId, BudgetState> many = ledger.states(campaignIds, day);
            for (CampaignId id : campaignIds) {
                compareState("state", id, day, ledger.state(id, day), states);
                compareState("states", id, day, many.get(id), states);
            }
        }
        expectNone("I7 ledger().state() and states() equal the ledger's sums", states);
    }

    private void compareState(String how, CampaignId id, LocalDate day, BudgetState state, List<String> violations) {
        Sums sum = sums.get(id.value());
        if (state == null || state.balance().cents() != sum.balance() || state.spentTotal().cents() != sum.spent
                || state.spentOnDay().cents() != sum.spentOn(day)) {
            violations.add(name(id.value()) + " " + how + " on " + day + " " + state + ", ledger (balance "
                    + sum.balance() + ", on day " + sum.spentOn(day) + ", total " + sum.spent + ")");
        }
    }

    /**
     * A refusal must be true when it is given, and the money it names can only have moved one way
     * since: gross spend on a day and in total only grow, so a DAILY_BUDGET or TOTAL_BUDGET refusal must still
     * be visible in the final gross sums; a DUPLICATE needs the click's spend in the ledger; a BALANCE refusal
     * needs a moment in its call when the balance could have been short.
     */
    private void checkRefusals() {
        Set<String> billedClicks = rows.stream().filter(row -> row.kind() == EntryKind.SPEND)
                .map(row -> row.key().reference()).collect(Collectors.toSet());
        Map<String, Timelines> timelines = timelines();
        List<String> violations = new ArrayList<>();
        for (SpendCall call : history.spends()) {
            if (call.refusal().isEmpty()) {
                continue;
            }
            String campaign = call.entry().campaignId().value();
            Sums sum = sums.get(campaign);
            Caps cap = caps.get(campaign);
            long amount = call.op().cents();
            boolean justified = switch (call.refusal().get()) {
                case DUPLICATE -> billedClicks.contains(call.op().clickId());
                // Against the gross spend, which only grows: a release after the refusal may have lowered the net.
                case DAILY_BUDGET -> sum.grossSpentOn.getOrDefault(call.budgetDay(), 0L) + amount > cap.dailyBudget();
                case TOTAL_BUDGET -> cap.totalBudget() != null && sum.grossSpent + amount > cap.totalBudget();
                case BALANCE -> {
                    Timelines money = timelines.get(campaign);
                    long leastItCouldHaveSeen = money.positive.completedBefore(call.startNanos())
                            - money.refunds.startedBy(call.endNanos()) - money.billed.startedBy(call.endNanos());
                    yield leastItCouldHaveSeen < amount;
                }
                case CAMPAIGN_NOT_BILLABLE -> false;
            };
            if (!justified) {
                violations.add(describe(call) + " on " + call.budgetDay() + " refused " + call.refusal().get()
                        + " (final: spent that day " + sum.spentOn(call.budgetDay()) + "¢, total " + sum.spent
                        + "¢, balance " + sum.balance() + "¢; caps " + cap + ")");
            }
        }
        expectNone("every refusal was true when given (no lost click)", violations);
    }

    /**
     * The hot campaign wants far more clicks than it can pay for on each day, and its balance never
     * binds (funded beyond its total budget at setup, never refunded). So on each day the ledger must
     * bill until the next click no longer fits: the day's spend ends within one cpc of the least of the
     * daily budget and what remains of the total budget.
     */
    private void checkHotCampaign() {
        String hot = campaignIds.get(BankWorkload.HOT).value();
        Caps cap = caps.get(hot);
        Sums sum = sums.get(hot);
        expect(sum.refunds == 0, "precondition: the hot campaign is never refunded", "refunded " + sum.refunds + "¢");
        long funding = workload.campaign(BankWorkload.HOT).initialFunding();
        expect(funding >= cap.totalBudget() + cap.cpc(), "precondition: the hot campaign's balance cannot bind",
                "funded " + funding + "¢ for a total budget of " + cap.totalBudget() + "¢");
        long spentBefore = 0;
        for (LocalDate day : days) {
            long demandRefused = history.spends().stream()
                    .filter(call -> call.op().campaign() == BankWorkload.HOT && call.budgetDay().equals(day))
                    .filter(call -> call.refusal().filter(r -> r == NotBilledReason.DAILY_BUDGET
                            || r == NotBilledReason.TOTAL_BUDGET).isPresent())
                    .count();
            expect(demandRefused > 0, "precondition: clicks on the hot campaign exceeded its budget on " + day,
                    "no click was refused for DAILY_BUDGET or TOTAL_BUDGET");
            long limit = Math.min(cap.dailyBudget(), cap.totalBudget() - spentBefore);
            long spent = sum.spentOn(day);
            expect(spent > limit - cap.cpc() && spent <= limit, "hot campaign " + name(hot) + " on " + day
                    + " spends within one cpc (" + cap.cpc() + "¢) of min(daily budget, remaining total budget) = "
                    + limit + "¢", "spent " + spent + "¢");
            spentBefore += sum.spentOn(day);
        }
    }

    /** Per campaign: positive money, refunds and billed clicks, each with the call interval it happened in. */
    private Map<String, Timelines> timelines() {
        Map<String, List<long[]>> positive = new HashMap<>();
        Map<String, List<long[]>> refunds = new HashMap<>();
        Map<String, List<long[]>> billed = new HashMap<>();
        for (FundCall call : history.fundings()) {
            if (call.recorded().newlyWritten()) {
                long cents = call.op().cents();
                (cents > 0 ? positive : refunds)
                        .computeIfAbsent(call.entry().campaignId().value(), c -> new ArrayList<>())
                        .add(new long[] {call.startNanos(), call.endNanos(), Math.abs(cents)});
            }
        }
        for (SpendCall call : history.spends()) {
            if (call.billed()) {
                billed.computeIfAbsent(call.entry().campaignId().value(), c -> new ArrayList<>())
                        .add(new long[] {call.startNanos(), call.endNanos(), call.op().cents()});
            }
        }
        Map<String, Timelines> timelines = new HashMap<>();
        for (CampaignId id : campaignIds) {
            String campaign = id.value();
            timelines.put(campaign, new Timelines(new Timeline(positive.getOrDefault(campaign, List.of())),
                    new Timeline(refunds.getOrDefault(campaign, List.of())),
                    new Timeline(billed.getOrDefault(campaign, List.of()))));
        }
        return timelines;
    }

    private record Timelines(Timeline positive, Timeline refunds, Timeline billed) {
    }

    /**
     * Amounts that each took effect somewhere inside a call interval [start, end] of {@link System#nanoTime()}:
     * what certainly happened before an instant (the call had returned) and what possibly did (it had started).
     */
    static final class Timeline {
        private final long[] ends;
        private final long[] sumsByEnd;
        private final long[] starts;
        private final long[] sumsByStart;

        Timeline(List<long[]> intervals) {
            List<long[]> byEnd = intervals.stream().sorted(Comparator.comparingLong(i -> i[1])).toList();
            List<long[]> byStart = intervals.stream().sorted(Comparator.comparingLong(i -> i[0])).toList();
            ends = byEnd.stream().mapToLong(i -> i[1]).toArray();
            starts = byStart.stream().mapToLong(i -> i[0]).toArray();
            sumsByEnd = prefixSums(byEnd);
            sumsByStart = prefixSums(byStart);
        }

        /** Σ amounts whose call had returned strictly before {@code nanos}. */
        long completedBefore(long nanos) {
            return sumsByEnd[countBelow(ends, nanos, false)];
        }

        /** Σ amounts whose call had started by {@code nanos}. */
        long startedBy(long nanos) {
            return sumsByStart[countBelow(starts, nanos, true)];
        }

        private static long[] prefixSums(List<long[]> intervals) {
            long[] sums = new long[intervals.size() + 1];
            for (int i = 0; i < intervals.size(); i++) {
                sums[i + 1] = sums[i] + intervals.get(i)[2];
            }
            return sums;
        }

        /** How many of the sorted {@code values} are below {@code nanos} (or equal, when inclusive). */
        private static int countBelow(long[] values, long nanos, boolean inclusive) {
            long bound = inclusive ? nanos : nanos - 1;
            int found = Arrays.binarySearch(values, bound);
            if (found < 0) {
                return -found - 1;
            }
            while (found + 1 < values.length && values[found + 1] == bound) {
                found++;
            }
            return found + 1;
        }
    }

    private void load(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            try (ResultSet rs = statement.executeQuery(
                    "select campaign_id, cpc_cents, daily_budget_cents, total_budget_cents from promo_campaign")) {
                while (rs.next()) {
                    Integer total = rs.getObject(4, Integer.class);
                    caps.put(rs.getString(1), new Caps(rs.getLong(2), rs.getLong(3),
                            total == null ? null : total.longValue()));
                }
            }
            try (ResultSet rs = statement.executeQuery("select entry_id, campaign_id, kind, amount_cents, processor,"
                    + " processor_ref, created_at from promo_budget_ledger")) {
                while (rs.next()) {
                    rows.add(new Row(rs.getString(1), rs.getString(2), EntryKind.parse("kind", rs.getString(3)),
                            rs.getLong(4), new IdempotencyKey(rs.getString(5), rs.getString(6)),
                            rs.getObject(7, OffsetDateTime.class).toInstant()));
                }
            }
            try (ResultSet rs = statement.executeQuery(
                    "select campaign_id, budget_day, amount_cents from promo_budget_release")) {
                while (rs.next()) {
                    releases.add(new Release(rs.getString(1), rs.getObject(2, LocalDate.class), rs.getLong(3)));
                }
            }
            try (ResultSet rs = statement.executeQuery(
                    "select campaign_id, balance_cents, spent_total_cents from promo_campaign_budget")) {
                while (rs.next()) {
                    budgetCounters.put(rs.getString(1), new long[] {rs.getLong(2), rs.getLong(3)});
                }
            }
            try (ResultSet rs = statement.executeQuery(
                    "select campaign_id, budget_day, spent_cents from promo_campaign_daily_spend")) {
                while (rs.next()) {
                    dailyCounters.computeIfAbsent(rs.getString(1), c -> new HashMap<>())
                            .put(rs.getObject(2, LocalDate.class), rs.getLong(3));
                }
            }
            try (ResultSet rs = statement.executeQuery("select processor, processor_ref, count(*)"
                    + " from promo_budget_ledger group by processor, processor_ref having count(*) > 1")) {
                while (rs.next()) {
                    repeatedKeys.add(rs.getString(1) + ":" + rs.getString(2) + " × " + rs.getLong(3));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the ledger back; " + replay, e);
        }
    }

    private String name(String campaignId) {
        return "campaign #" + indexOf.get(campaignId) + " " + campaignId;
    }

    private String describe(SpendCall call) {
        return "click " + call.op().clickId() + " (" + call.caller() + ", " + name(call.entry().campaignId().value())
                + ", " + call.op().cents() + "¢)";
    }


    /** The first few violations and how many more: enough to debug, short enough to read. */
    private static List<String> shown(List<String> violations) {
        if (violations.size() <= SHOWN_VIOLATIONS) {
            return violations;
        }
        List<String> shown = new ArrayList<>(violations.subList(0, SHOWN_VIOLATIONS));
        shown.add("… and " + (violations.size() - SHOWN_VIOLATIONS) + " more");
        return shown;
    }
}
