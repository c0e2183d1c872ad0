package io.promo.persistence;

import io.promo.domain.ledger.BudgetLedger;
import io.promo.domain.ledger.LedgerEntry;
import io.promo.domain.ledger.NotBilledReason;
import io.promo.domain.ledger.SpendOutcome;
import io.promo.persistence.BankWorkload.BankOp;
import io.promo.persistence.BankWorkload.Fund;
import io.promo.persistence.BankWorkload.Spend;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Every call {@link LedgerBankTest} made to the ledger and what it answered, safe to append to from
 * many threads. Each call carries the {@link System#nanoTime()} just before it was made and just after
 * it returned: a call that returned before another started took effect before it (real-time order),
 * which is all the checker may assume about the order of commits.
 */
final class BankHistory {

    /** A click billed through {@link BudgetLedger#spend}: the entry offered, the day passed, the outcome. */
    record SpendCall(String caller, Spend op, LedgerEntry entry, LocalDate budgetDay, SpendOutcome outcome,
            long startNanos, long endNanos) {

        boolean billed() {
            return outcome.isBilled();
        }

        Optional<NotBilledReason> refusal() {
            return outcome instanceof SpendOutcome.NotBilled notBilled ? Optional.of(notBilled.reason())
                    : Optional.empty();
        }
    }

    /** A top-up, credit or adjustment through {@link BudgetLedger#record}. */
    record FundCall(String caller, Fund op, LedgerEntry entry, BudgetLedger.Recorded recorded, long startNanos,
            long endNanos) {
    }

    /** A call that threw instead of answering: never expected. */
    record Failure(String caller, BankOp op, RuntimeException error) {
    }

    private final Queue<SpendCall> spends = new ConcurrentLinkedQueue<>();
    private final Queue<FundCall> fundings = new ConcurrentLinkedQueue<>();
    private final Queue<Failure> failures = new ConcurrentLinkedQueue<>();

    void add(SpendCall call) {
        spends.add(call);
    }

    void add(FundCall call) {
        fundings.add(call);
    }

    void add(Failure failure) {
        failures.add(failure);
    }

    List<SpendCall> spends() {
        return List.copyOf(spends);
    }

    List<FundCall> fundings() {
        return List.copyOf(fundings);
    }

    List<Failure> failures() {
        return List.copyOf(failures);
    }
}
