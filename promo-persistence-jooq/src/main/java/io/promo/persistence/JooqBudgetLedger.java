package io.promo.persistence;

import static io.promo.persistence.jooq.generated.Tables.PROMO_BUDGET_LEDGER;
import static io.promo.persistence.jooq.generated.Tables.PROMO_BUDGET_RELEASE;
import static io.promo.persistence.jooq.generated.Tables.PROMO_CAMPAIGN_BUDGET;
import static io.promo.persistence.jooq.generated.Tables.PROMO_CAMPAIGN_DAILY_SPEND;

import io.promo.domain.advertiser.AdvertiserStatus;
import io.promo.domain.campaign.CampaignStatus;
import io.promo.domain.ledger.Billability;
import io.promo.domain.ledger.BudgetLedger;
import io.promo.domain.ledger.BudgetSnapshot;
import io.promo.domain.ledger.BudgetState;
import io.promo.domain.ledger.Discrepancy;
import io.promo.domain.ledger.EntryKind;
import io.promo.domain.ledger.IdempotencyKey;
import io.promo.domain.ledger.LedgerEntry;
import io.promo.domain.ledger.LedgerPage;
import io.promo.domain.ledger.NotBilledReason;
import io.promo.domain.ledger.SpendDecision;
import io.promo.domain.ledger.SpendOutcome;
import io.promo.domain.ledger.SpendPolicy;
import io.promo.domain.shared.CampaignId;
import io.promo.domain.shared.Money;
import io.promo.persistence.jooq.generated.tables.records.PromoBudgetLedgerRecord;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.exception.DataAccessException;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * {@link BudgetLedger} on {@code promo_budget_ledger} and the campaign's budget row beside it
 * ({@code promo_campaign_budget}: counters, copies of the campaign's terms, the current day's spend); ADR 0005 and
 * ADR 0011 explain the design.
 *
 * <p>A spend first tries one statement: move the budget row if it is on the click's budget day and every check
 * holds, and only then append the entry. Under READ COMMITTED that conditional update re-checks its conditions on
 * the latest committed row after waiting for its lock, so concurrent spends queue on a campaign's row and none can
 * pass a check another has already used up. When the statement writes nothing (a refusal, the first click of a
 * new day, a click of a day already closed), the spend is decided again in the same transaction with the row
 * locked, which also names the reason. A repeated click is refused by the idempotency index.
 *
 * <p>No deadlock: a spend locks its budget row, then its idempotency key, then (rarely) a closed day's row. A
 * top-up, credit or adjustment takes its key, then the budget row; its key is never a click's, so no spend can
 * wait for it while holding the row.
 */
public final class JooqBudgetLedger implements BudgetLedger {

    private static final String IDEMPOTENCY_INDEX = "promo_budget_ledger_idempotency";

    private static final String BILLABLE_CAMPAIGN = sqlList(Billability.BILLABLE_CAMPAIGN_STATUSES.stream()
            .map(CampaignStatus::code).collect(Collectors.toSet()));
    private static final String BILLABLE_ADVERTISER = sqlList(Billability.BILLABLE_ADVERTISER_STATUSES.stream()
            .map(AdvertiserStatus::code).collect(Collectors.toSet()));

    // The common case in one statement: move the budget row if it is on the click's budget day and every check
    // holds, and append the entry only then. The checks are SpendPolicy's limits, repeated here because only in
    // the update's WHERE are they atomic with the write (ADR 0022); SpendStatementAgreesWithSpendPolicyTest holds
    // them to the policy. Parameters: 1 campaign_id, 2 amount, 3 budget_day, then 4 entry_id, 5 processor,
    // 6 processor_ref, 7 reason, 8 created_at.
    private static final String SPEND_ON_CURRENT_DAY = """
            with spend as (
              select cast(? as text) as campaign_id, cast(? as int) as amount_cents, cast(? as date) as budget_day
            ), moved as (
              update promo_campaign_budget b
              set balance_cents = b.balance_cents - spend.amount_cents,
                  spent_total_cents = b.spent_total_cents + spend.amount_cents,
                  spent_on_day_cents = b.spent_on_day_cents + spend.amount_cents
              from spend
              where b.campaign_id = spend.campaign_id
                and b.spend_day = spend.budget_day
                and b.campaign_status in (%s) and b.advertiser_status in (%s)
                and b.spent_on_day_cents + spend.amount_cents <= b.daily_budget_cents
                and (b.total_budget_cents is null or b.spent_total_cents + spend.amount_cents <= b.total_budget_cents)
                and b.balance_cents >= spend.amount_cents
              returning b.campaign_id, spend.amount_cents
            )
            insert into promo_budget_ledger
              (entry_id, campaign_id, kind, amount_cents, processor, processor_ref, reason, created_at)
            select ?, moved.campaign_id, 'spend', moved.amount_cents, ?, ?, ?, ? from moved
            """.formatted(BILLABLE_CAMPAIGN, BILLABLE_ADVERTISER);

    // The slow path's entry, appended once the budget row is locked.
    private static final String INSERT_SPEND = """
            insert into promo_budget_ledger
              (entry_id, campaign_id, kind, amount_cents, processor, processor_ref, reason, created_at)
            values (?, ?, 'spend', ?, ?, ?, ?, ?)
            """;

    private static final String LOCK_BUDGET_ROW = """
            select campaign_status, advertiser_status, daily_budget_cents, total_budget_cents,
                   balance_cents, spent_total_cents, spend_day, spent_on_day_cents
            from promo_campaign_budget where campaign_id = ?
            for update
            """;

    // The budget states the serving index reads, for one day: where that day's spend is kept follows the spend's own
    // rule (spendUnderLock): on the budget row for its spend day, in the closed-day table for an earlier day, nothing
    // for a later one. Parameters: 1 budget_day, 2 the campaign ids as text[].
    private static final String BUDGET_STATES = """
            select b.campaign_id, b.balance_cents, b.spent_total_cents,
                   case when b.spend_day = asked.day then b.spent_on_day_cents
                        when b.spend_day > asked.day then coalesce((select c.spent_cents
                            from promo_campaign_closed_day_spend c
                            where c.campaign_id = b.campaign_id and c.budget_day = asked.day), 0)
                        else 0 end
            from (select cast(? as date) as day) asked
            cross join unnest(cast(? as text[])) as wanted(campaign_id)
            join promo_campaign_budget b on b.campaign_id = wanted.campaign_id
            """;

    private static final String CLOSED_DAY_SPEND =
            "select spent_cents from promo_campaign_closed_day_spend where campaign_id = ? and budget_day = ?";

    // Parameters: 1 campaign_id, 2 budget_day, 3 cents to add.
    private static final String ADD_TO_CLOSED_DAY = """
            insert into promo_campaign_closed_day_spend as d (campaign_id, budget_day, spent_cents)
            values (?, ?, ?)
            on conflict (campaign_id, budget_day) do update set spent_cents = d.spent_cents + excluded.spent_cents
            """;

    // Run with the row locked, so the current day's figures are set, not added. Parameters: 1 amount, 2 amount,
    // 3 spend_day, 4 spent_on_day_cents, 5 campaign_id.
    private static final String MOVE_BUDGET_ROW = """
            update promo_campaign_budget
            set balance_cents = balance_cents - ?, spent_total_cents = spent_total_cents + ?,
                spend_day = ?, spent_on_day_cents = ?
            where campaign_id = ?
            """;

    // The budget row exists from the campaign's creation on (V11). Parameters: 1 entry_id, 2 campaign_id, 3 kind,
    // 4 amount, 5 processor, 6 processor_ref, 7 reason, 8 created_at, 9 balance effect.
    private static final String RECORD = """
            with entry as (
              insert into promo_budget_ledger
                (entry_id, campaign_id, kind, amount_cents, processor, processor_ref, reason, created_at)
              values (?, ?, ?, ?, ?, ?, ?, cast(? as timestamptz))
              on conflict (processor, processor_ref) do nothing
              returning campaign_id
            )
            update promo_campaign_budget b set balance_cents = b.balance_cents + cast(? as bigint)
            from entry where b.campaign_id = entry.campaign_id
            """;

    // A credit for an invalid click (ADR 0016), in one transaction after its entry is appended: the budget row,
    // locked by this update, gets the money back and the spend taken back from the total and, when the click's
    // day is still the row's current day, from that day. Parameters: 1 amount, 2 amount, 3 click's budget day,
    // 4 amount, 5 campaign_id.
    private static final String RELEASE_SPEND_FROM_BUDGET_ROW = """
            update promo_campaign_budget
            set balance_cents = balance_cents + ?, spent_total_cents = spent_total_cents - ?,
                spent_on_day_cents = case when spend_day = ? then spent_on_day_cents - ? else spent_on_day_cents end
            where campaign_id = ?
            returning spend_day
            """;

    // The click's day was closed: take the spend back there. Run as a statement of its own, after the budget row
    // is locked, so that it sees a day a concurrent spend has just closed. Parameters: 1 amount, 2 campaign_id,
    // 3 budget_day.
    private static final String RELEASE_SPEND_FROM_CLOSED_DAY = """
            update promo_campaign_closed_day_spend set spent_cents = spent_cents - ?
            where campaign_id = ? and budget_day = ?
            """;

    private static final String RECONCILE = """
            with ledger as (
              select campaign_id, sum(balance) as balance, sum(spent_total) as spent_total from (
                select campaign_id, case when kind = 'spend' then -amount_cents else amount_cents end as balance,
                       case when kind = 'spend' then amount_cents else 0 end as spent_total
                from promo_budget_ledger
                union all
                -- ADR 0016: spend a credit for an invalid click took back from the budgets.
                select campaign_id, 0, -amount_cents from promo_budget_release
              ) moves group by campaign_id
            ), ledger_days as (
              select campaign_id, budget_day, sum(spent) as spent from (
                select campaign_id, (created_at at time zone ?)::date as budget_day, amount_cents as spent
                from promo_budget_ledger where kind = 'spend'
                union all
                select campaign_id, budget_day, -amount_cents from promo_budget_release
              ) days group by 1, 2
            )
            select coalesce(l.campaign_id, b.campaign_id), 'balance', coalesce(l.balance, 0), coalesce(b.balance_cents, 0)
            from ledger l full join promo_campaign_budget b on b.campaign_id = l.campaign_id
            where coalesce(l.balance, 0) <> coalesce(b.balance_cents, 0)
            union all
            select coalesce(l.campaign_id, b.campaign_id), 'spent_total', coalesce(l.spent_total, 0),
                   coalesce(b.spent_total_cents, 0)
            from ledger l full join promo_campaign_budget b on b.campaign_id = l.campaign_id
            where coalesce(l.spent_total, 0) <> coalesce(b.spent_total_cents, 0)
            union all
            select coalesce(l.campaign_id, d.campaign_id), 'spent_on ' || coalesce(l.budget_day, d.budget_day),
                   coalesce(l.spent, 0), coalesce(d.spent_cents, 0)
            from ledger_days l full join promo_campaign_daily_spend d
              on d.campaign_id = l.campaign_id and d.budget_day = l.budget_day
            where coalesce(l.spent, 0) <> coalesce(d.spent_cents, 0)
            """;

    private final DataSource dataSource;
    private final DSLContext db;
    private final ZoneId budgetZone;

    public JooqBudgetLedger(DataSource dataSource, DSLContext db, ZoneId budgetZone) {
        this.dataSource = dataSource;
        this.db = db;
        this.budgetZone = budgetZone;
    }


    @Override
    public SpendOutcome spend(LedgerEntry spend, LocalDate budgetDay) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                SpendOutcome outcome = spendInTransaction(connection, spend, budgetDay);
                if (outcome instanceof SpendOutcome.Billed) {
                    connection.commit();
                }
                return outcome;
            } catch (SQLException | RuntimeException e) {
                Rollback.after(connection, e);
                throw e;
            }
        } catch (SQLException e) {
            throw new DataAccessException("spend of " + spend.idempotencyKey() + " failed", e);
        }
    }

    /**
     * The same spend inside a transaction the caller owns, so that the caller can store more in it (the click path
     * logs its event). When billed, the spend is part of the caller's open transaction, which the caller commits.
     * When refused, the caller's transaction has been rolled back, everything in it undone, and the connection is
     * in a fresh transaction: the caller stores what it needs for the refusal there. Until the outcome is known,
     * nothing is rolled back, so what the caller holds in the transaction (the click path's viewer lock) holds
     * for the whole decision. Refusals are the rare case, so the common one pays no savepoint.
     */
    static SpendOutcome spendInTransaction(Connection connection, LedgerEntry spend, LocalDate budgetDay)
            throws SQLException {
        if (spend.kind() != EntryKind.SPEND) {
            throw new IllegalArgumentException("not a spend: " + spend);
        }
        try {
            if (spendOnCurrentDay(connection, spend, budgetDay)) {
                return new SpendOutcome.Billed(spend);
            }
        } catch (SQLException e) {
            Rollback.after(connection, e);
            return new SpendOutcome.NotBilled(refusalByConstraint(e));
        }
        // The statement wrote nothing: decide again, in the same transaction, with the row locked.
        return spendUnderLock(connection, spend, budgetDay);
    }

    /** The one-statement spend: true when billed, false when it wrote nothing. */
    static boolean spendOnCurrentDay(Connection connection, LedgerEntry spend, LocalDate budgetDay)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(SPEND_ON_CURRENT_DAY)) {
            statement.setString(1, spend.campaignId().value());
            statement.setInt(2, Cents.toColumn(spend.amount()));
            statement.setObject(3, budgetDay);
            statement.setString(4, spend.id().value());
            statement.setString(5, spend.idempotencyKey().source());
            statement.setString(6, spend.idempotencyKey().reference());
            statement.setString(7, spend.reason().orElse(null));
            statement.setObject(8, Timestamps.toColumn(spend.createdAt()));
            return statement.executeUpdate() == 1;
        }
    }

    /**
     * Decides a spend the one statement did not bill, with the budget row locked: a repeated click is refused by
     * the idempotency index, then {@link SpendPolicy} decides from the locked row and the click's day's spend;
     * a refusal names its limit, a bill opens a new budget day or adds to a closed one. Like the one statement, it
     * locks the budget row before it appends the entry, so that no two spends can wait for each other.
     */
    private static SpendOutcome spendUnderLock(Connection connection, LedgerEntry spend, LocalDate budgetDay)
            throws SQLException {
        Optional<LockedBudget> locked = lockBudgetRow(connection, spend.campaignId());
        if (locked.isEmpty()) {
            connection.rollback();
            return new SpendOutcome.NotBilled(NotBilledReason.CAMPAIGN_NOT_BILLABLE);
        }
        LockedBudget budget = locked.get();
        try (PreparedStatement insert = connection.prepareStatement(INSERT_SPEND)) {
            insert.setString(1, spend.id().value());
            insert.setString(2, spend.campaignId().value());
            insert.setInt(3, Cents.toColumn(spend.amount()));
            insert.setString(4, spend.idempotencyKey().source());
            insert.setString(5, spend.idempotencyKey().reference());
            insert.setString(6, spend.reason().orElse(null));
            insert.setObject(7, Timestamps.toColumn(spend.createdAt()));
            insert.executeUpdate();
        } catch (SQLException e) {
            Rollback.after(connection, e);
            return new SpendOutcome.NotBilled(refusalByConstraint(e));
        }
        long amount = spend.amount().cents();
        boolean closedDay = budget.spendDay() != null && budgetDay.isBefore(budget.spendDay());
        long spentOnDay = closedDay ? closedDaySpend(connection, spend.campaignId(), budgetDay)
                : budgetDay.equals(budget.spendDay()) ? budget.spentOnSpendDay() : 0;
        if (SpendPolicy.decide(budget.onDay(spentOnDay), spend.amount()) instanceof SpendDecision.Refuse refused) {
            connection.rollback();
            return new SpendOutcome.NotBilled(refused.reason());
        }
        if (closedDay) {
            addToClosedDay(connection, spend.campaignId(), budgetDay, amount);
            moveBudgetRow(connection, spend.campaignId(), amount, budget.spendDay(), budget.spentOnSpendDay());
        } else if (budgetDay.equals(budget.spendDay())) {
            moveBudgetRow(connection, spend.campaignId(), amount, budgetDay, spentOnDay + amount);
        } else {
            if (budget.spendDay() != null) {
                addToClosedDay(connection, spend.campaignId(), budget.spendDay(), budget.spentOnSpendDay());
            }
            moveBudgetRow(connection, spend.campaignId(), amount, budgetDay, amount);
        }
        return new SpendOutcome.Billed(spend);
    }

    /** The budget row as locked by a spend; the spend day is null until the campaign's first spend. */
    private record LockedBudget(CampaignStatus campaignStatus, AdvertiserStatus advertiserStatus, long dailyBudget,
                                Long totalBudget, long balance, long spentTotal, LocalDate spendDay,
                                long spentOnSpendDay) {

        /** What the spend policy decides from, for a click of a budget day whose spend so far is {@code spentOnDay}. */
        BudgetSnapshot onDay(long spentOnDay) {
            return new BudgetSnapshot(campaignStatus, advertiserStatus, Money.ofCents(dailyBudget),
                    Optional.ofNullable(totalBudget).map(Money::ofCents), Money.ofCents(spentOnDay),
                    Money.ofCents(spentTotal), Money.ofCents(balance));
        }
    }

    /** The campaign's budget row, locked until the transaction ends; empty for an unknown campaign. */
    private static Optional<LockedBudget> lockBudgetRow(Connection connection, CampaignId campaignId)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(LOCK_BUDGET_ROW)) {
            statement.setString(1, campaignId.value());
            try (ResultSet row = statement.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                CampaignStatus campaignStatus = CampaignStatus.parse("campaign_status", row.getString(1));
                AdvertiserStatus advertiserStatus = AdvertiserStatus.parse("advertiser_status", row.getString(2));
                long dailyBudget = row.getLong(3);
                long totalBudget = row.getLong(4);
                Long total = row.wasNull() ? null : totalBudget;
                return Optional.of(new LockedBudget(campaignStatus, advertiserStatus, dailyBudget, total,
                        row.getLong(5), row.getLong(6), row.getObject(7, LocalDate.class), row.getLong(8)));
            }
        }
    }

    private static long closedDaySpend(Connection connection, CampaignId campaignId, LocalDate day) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(CLOSED_DAY_SPEND)) {
            statement.setString(1, campaignId.value());
            statement.setObject(2, day);
            try (ResultSet row = statement.executeQuery()) {
                return row.next() ? row.getLong(1) : 0;
            }
        }
    }

    private static void addToClosedDay(Connection connection, CampaignId campaignId, LocalDate day, long cents)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(ADD_TO_CLOSED_DAY)) {
            statement.setString(1, campaignId.value());
            statement.setObject(2, day);
            statement.setLong(3, cents);
            statement.executeUpdate();
        }
    }

    private static void moveBudgetRow(Connection connection, CampaignId campaignId, long amount, LocalDate spendDay,
                                      long spentOnSpendDay) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(MOVE_BUDGET_ROW)) {
            statement.setLong(1, amount);
            statement.setLong(2, amount);
            statement.setObject(3, spendDay);
            statement.setLong(4, spentOnSpendDay);
            statement.setString(5, campaignId.value());
            statement.executeUpdate();
        }
    }

    /** A spend whose entry the idempotency index refused: its click was billed before. Anything else is thrown. */
    private static NotBilledReason refusalByConstraint(SQLException e) throws SQLException {
        ServerErrorMessage message = e instanceof PSQLException psql ? psql.getServerErrorMessage() : null;
        if (message != null && IDEMPOTENCY_INDEX.equals(message.getConstraint())) {
            return NotBilledReason.DUPLICATE;
        }
        throw e;
    }

    @Override
    public Recorded record(LedgerEntry entry) {
        if (entry.kind() == EntryKind.SPEND) {
            throw new IllegalArgumentException("spends go through spend(): " + entry);
        }
        Optional<LedgerEntry> released = entry.releasedSpend().flatMap(this::findByIdempotencyKey)
                .filter(spend -> spend.kind() == EntryKind.SPEND && spend.campaignId().equals(entry.campaignId()));
        if (released.isPresent()) {
            return recordReleasing(entry, released.get());
        }
        int written = db.execute(RECORD,
                entry.id().value(), entry.campaignId().value(), entry.kind().code(), Cents.toColumn(entry.amount()),
                entry.idempotencyKey().source(), entry.idempotencyKey().reference(), entry.reason().orElse(null),
                Timestamps.toColumn(entry.createdAt()), entry.balanceEffect().cents());
        if (written == 1) {
            return new Recorded(entry, true);
        }
        LedgerEntry earlier = findByIdempotencyKey(entry.idempotencyKey()).orElseThrow(() ->
                new IllegalStateException("neither written nor found: " + entry.idempotencyKey()));
        return new Recorded(earlier, false);
    }

    /**
     * A credit that takes {@code spend} back from the budgets (ADR 0016): the entry, its release (V12), the
     * balance and the spend counters in one transaction. Like any top-up or credit it takes its key, then the budget row, then (rarely)
     * a closed day's row, the order a spend follows too, so the two cannot deadlock.
     */
    private Recorded recordReleasing(LedgerEntry credit, LedgerEntry spend) {
        LocalDate clickDay = spend.createdAt().atZone(budgetZone).toLocalDate();
        long amount = credit.amount().cents();
        boolean written = db.transactionResult(configuration -> {
            DSLContext tx = configuration.dsl();
            int inserted = tx.insertInto(PROMO_BUDGET_LEDGER)
                    .set(PROMO_BUDGET_LEDGER.ENTRY_ID, credit.id().value())
                    .set(PROMO_BUDGET_LEDGER.CAMPAIGN_ID, credit.campaignId().value())
                    .set(PROMO_BUDGET_LEDGER.KIND, credit.kind().code())
                    .set(PROMO_BUDGET_LEDGER.AMOUNT_CENTS, Cents.toColumn(credit.amount()))
                    .set(PROMO_BUDGET_LEDGER.PROCESSOR, credit.idempotencyKey().source())
                    .set(PROMO_BUDGET_LEDGER.PROCESSOR_REF, credit.idempotencyKey().reference())
                    .set(PROMO_BUDGET_LEDGER.REASON, credit.reason().orElse(null))
                    .set(PROMO_BUDGET_LEDGER.CREATED_AT, Timestamps.toColumn(credit.createdAt()))
                    .onConflictDoNothing()
                    .execute();
            if (inserted == 0) {
                return false;
            }
            tx.insertInto(PROMO_BUDGET_RELEASE)
                    .set(PROMO_BUDGET_RELEASE.CREDIT_ENTRY_ID, credit.id().value())
                    .set(PROMO_BUDGET_RELEASE.SPEND_ENTRY_ID, spend.id().value())
                    .set(PROMO_BUDGET_RELEASE.CAMPAIGN_ID, credit.campaignId().value())
                    .set(PROMO_BUDGET_RELEASE.BUDGET_DAY, clickDay)
                    .set(PROMO_BUDGET_RELEASE.AMOUNT_CENTS, amount)
                    .execute();
            Record row = tx.fetchOne(RELEASE_SPEND_FROM_BUDGET_ROW, amount, amount, clickDay, amount,
                    credit.campaignId().value());
            LocalDate spendDay = row == null ? null : row.get(0, LocalDate.class);
            if (!clickDay.equals(spendDay)) {
                tx.execute(RELEASE_SPEND_FROM_CLOSED_DAY, amount, credit.campaignId().value(), clickDay);
            }
            return true;
        });
        if (written) {
            return new Recorded(credit, true);
        }
        return new Recorded(findByIdempotencyKey(credit.idempotencyKey()).orElseThrow(() ->
                new IllegalStateException("neither written nor found: " + credit.idempotencyKey())), false);
    }

    @Override
    public BudgetState state(CampaignId campaignId, LocalDate day) {
        Record budget = db.select(PROMO_CAMPAIGN_BUDGET.BALANCE_CENTS, PROMO_CAMPAIGN_BUDGET.SPENT_TOTAL_CENTS)
                .from(PROMO_CAMPAIGN_BUDGET)
                .where(PROMO_CAMPAIGN_BUDGET.CAMPAIGN_ID.eq(campaignId.value()))
                .fetchOne();
        Long spentOnDay = db.select(PROMO_CAMPAIGN_DAILY_SPEND.SPENT_CENTS)
                .from(PROMO_CAMPAIGN_DAILY_SPEND)
                .where(PROMO_CAMPAIGN_DAILY_SPEND.CAMPAIGN_ID.eq(campaignId.value()))
                .and(PROMO_CAMPAIGN_DAILY_SPEND.BUDGET_DAY.eq(day))
                .fetchOne(PROMO_CAMPAIGN_DAILY_SPEND.SPENT_CENTS);
        if (budget == null) {
            return BudgetState.empty(day);
        }
        return new BudgetState(Money.ofCents(budget.get(PROMO_CAMPAIGN_BUDGET.BALANCE_CENTS)),
                Money.ofCents(spentOnDay == null ? 0 : spentOnDay),
                Money.ofCents(budget.get(PROMO_CAMPAIGN_BUDGET.SPENT_TOTAL_CENTS)), day);
    }

    /**
     * One round trip for the serving index's refresh, however many campaigns it holds. The ids go as one typed
     * {@code text[]} joined through {@code unnest}: a hash or index join, linear in the campaigns. The former
     * {@code campaign_id = any(cast(? as varchar[]))} bound the ids as text, which PostgreSQL's custom plans (a new
     * connection's first five runs) turned into a sequential scan that parsed the whole array again for every row:
     * 18 s for 6,000 campaigns (ADR 0013).
     */
    @Override
    public Map<CampaignId, BudgetState> states(Collection<CampaignId> campaignIds, LocalDate day) {
        Map<CampaignId, BudgetState> states = new HashMap<>(campaignIds.size() * 2);
        for (CampaignId id : campaignIds) {
            states.put(id, BudgetState.empty(day));
        }
        if (campaignIds.isEmpty()) {
            return states;
        }
        try (Connection connection = dataSource.getConnection()) {
            readStates(connection, campaignIds, day, states);
        } catch (SQLException e) {
            throw new DataAccessException("budget states of " + campaignIds.size() + " campaigns failed", e);
        }
        return states;
    }

    /**
     * Puts into {@code states} the budget state on {@code day} of each of {@code campaignIds} that has a budget row, read
     * on {@code connection} (so in its transaction: {@code JdbcServingChanges} reads them in its snapshot).
     */
    static void readStates(Connection connection, Collection<CampaignId> campaignIds, LocalDate day,
            Map<CampaignId, BudgetState> states) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(BUDGET_STATES)) {
            query.setObject(1, day);
            query.setArray(2, connection.createArrayOf("text",
                    campaignIds.stream().map(CampaignId::value).toArray(String[]::new)));
            try (ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    states.put(new CampaignId(row.getString(1)), new BudgetState(Money.ofCents(row.getLong(2)),
                            Money.ofCents(row.getLong(4)), Money.ofCents(row.getLong(3)), day));
                }
            }
        }
    }

    @Override
    public List<LedgerEntry> entries(CampaignId campaignId, LedgerPage page) {
        var query = db.selectFrom(PROMO_BUDGET_LEDGER)
                .where(PROMO_BUDGET_LEDGER.CAMPAIGN_ID.eq(campaignId.value()))
                .orderBy(PROMO_BUDGET_LEDGER.CREATED_AT.desc(), PROMO_BUDGET_LEDGER.ENTRY_ID.desc());
        if (page.before().isEmpty()) {
            return query.limit(page.limit()).fetch(LedgerEntryMapper::toDomain);
        }
        PromoBudgetLedgerRecord cursor = db.selectFrom(PROMO_BUDGET_LEDGER)
                .where(PROMO_BUDGET_LEDGER.ENTRY_ID.eq(page.before().get().value()))
                .and(PROMO_BUDGET_LEDGER.CAMPAIGN_ID.eq(campaignId.value()))
                .fetchOne();
        if (cursor == null) {
            return List.of();
        }
        return query.seek(cursor.getCreatedAt(), cursor.getEntryId()).limit(page.limit())
                .fetch(LedgerEntryMapper::toDomain);
    }

    @Override
    public Optional<LedgerEntry> findByIdempotencyKey(IdempotencyKey key) {
        return db.selectFrom(PROMO_BUDGET_LEDGER)
                .where(PROMO_BUDGET_LEDGER.PROCESSOR.eq(key.source()))
                .and(PROMO_BUDGET_LEDGER.PROCESSOR_REF.eq(key.reference()))
                .fetchOptional()
                .map(LedgerEntryMapper::toDomain);
    }

    @Override
    public List<Discrepancy> reconcile() {
        List<Discrepancy> found = new ArrayList<>();
        for (Record row : db.fetch(RECONCILE, budgetZone.getId())) {
            found.add(new Discrepancy(new CampaignId(row.get(0, String.class)), row.get(1, String.class),
                    row.get(2, Long.class), row.get(3, Long.class)));
        }
        return found;
    }

    private static String sqlList(Set<String> codes) {
        return codes.stream().sorted().map(code -> "'" + code + "'").collect(Collectors.joining(", "));
    }
}
