package io.promo.persistence;

import static io.promo.persistence.jooq.generated.Tables.PROMO_BUDGET_LEDGER;
import static io.promo.persistence.jooq.generated.Tables.PROMO_CAMPAIGN_BUDGET;
import static io.promo.persistence.jooq.generated.Tables.PROMO_CAMPAIGN_DAILY_SPEND;

import io.promo.domain.advertiser.AdvertiserStatus;
import io.promo.domain.campaign.CampaignStatus;
import io.promo.domain.ledger.Billability;
import io.promo.domain.ledger.BudgetLedger;
import io.promo.domain.ledger.BudgetState;
import io.promo.domain.ledger.Discrepancy;
import io.promo.domain.ledger.EntryKind;
import io.promo.domain.ledger.IdempotencyKey;
import io.promo.domain.ledger.LedgerEntry;
import io.promo.domain.ledger.LedgerPage;
import io.promo.domain.ledger.NotBilledReason;
import io.promo.domain.ledger.SpendOutcome;
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
import org.jooq.impl.DSL;

/**
 * {@link BudgetLedger} on {@code promo_budget_ledger} with two counter tables beside it
 * ({@code promo_campaign_budget}, {@code promo_campaign_daily_spend}); ADR 0005 explains the design.
 *
 * <p>The spend is one statement in one transaction: it appends the entry (or finds its key taken),
 * reads the campaign's caps and billability, moves the campaign's budget row only if balance and total
 * budget allow, and moves the day's row only if the daily budget allows. The transaction commits only
 * when all four happened and otherwise rolls back, so a spend is all or nothing. Under READ COMMITTED
 * the conditional updates re-check their conditions on the latest committed row after waiting for its
 * lock, so concurrent spends queue on a campaign's row and none can pass a check another has already
 * used up. Locks are always taken in the same order (idempotency key, budget row, day row), so spends
 * and top-ups cannot deadlock.
 */
public final class JooqBudgetLedger implements BudgetLedger {

    /** A spend that failed only because a top-up landed between its check and our look is tried again. */
    private static final int MAX_SPEND_ATTEMPTS = 3;

    private static final String BILLABLE_CAMPAIGN = sqlList(Billability.BILLABLE_CAMPAIGN_STATUSES.stream()
            .map(CampaignStatus::code).collect(Collectors.toSet()));
    private static final String BILLABLE_ADVERTISER = sqlList(Billability.BILLABLE_ADVERTISER_STATUSES.stream()
            .map(AdvertiserStatus::code).collect(Collectors.toSet()));

    // Parameters: 1 campaign_id, 2 entry_id, 3 amount, 4 processor, 5 processor_ref, 6 reason, 7 created_at,
    // 8 budget_day.
    private static final String SPEND = """
            with known as (
              select c.campaign_id, c.daily_budget_cents, c.total_budget_cents,
                     c.status in (%s) and a.status in (%s) as billable
              from promo_campaign c
              join promo_advertiser a on a.advertiser_id = c.advertiser_id
              where c.campaign_id = ?
            ), entry as (
              insert into promo_budget_ledger
                (entry_id, campaign_id, kind, amount_cents, processor, processor_ref, reason, created_at)
              select ?, known.campaign_id, 'spend', ?, ?, ?, ?, ? from known
              on conflict (processor, processor_ref) do nothing
              returning amount_cents
            ), billable as (
              select known.campaign_id, known.daily_budget_cents, known.total_budget_cents, entry.amount_cents
              from known, entry
              where known.billable
            ), funded as (
              update promo_campaign_budget b
              set balance_cents = b.balance_cents - billable.amount_cents,
                  spent_total_cents = b.spent_total_cents + billable.amount_cents
              from billable
              where b.campaign_id = billable.campaign_id
                and b.balance_cents >= billable.amount_cents
                and (billable.total_budget_cents is null
                     or b.spent_total_cents + billable.amount_cents <= billable.total_budget_cents)
              returning billable.campaign_id, billable.amount_cents, billable.daily_budget_cents
            ), within_day as (
              insert into promo_campaign_daily_spend as d (campaign_id, budget_day, spent_cents)
              select funded.campaign_id, ?, funded.amount_cents
              from funded
              where funded.amount_cents <= funded.daily_budget_cents
              on conflict (campaign_id, budget_day) do update
                set spent_cents = d.spent_cents + excluded.spent_cents
                where d.spent_cents + excluded.spent_cents <= (select daily_budget_cents from funded)
              returning 1
            )
            select (select count(*) from known), (select count(*) from entry), (select count(*) from billable),
                   (select count(*) from funded), (select count(*) from within_day)
            """.formatted(BILLABLE_CAMPAIGN, BILLABLE_ADVERTISER);

    // After a spend was refused for money: which limit, seen fresh. Parameters: 1 budget_day, 2 campaign_id.
    private static final String EXPLAIN_REFUSAL = """
            select c.daily_budget_cents, c.total_budget_cents,
                   coalesce(b.balance_cents, 0), coalesce(b.spent_total_cents, 0), coalesce(d.spent_cents, 0)
            from promo_campaign c
            left join promo_campaign_budget b on b.campaign_id = c.campaign_id
            left join promo_campaign_daily_spend d on d.campaign_id = c.campaign_id and d.budget_day = ?
            where c.campaign_id = ?
            """;

    // Parameters: 1 entry_id, 2 campaign_id, 3 kind, 4 amount, 5 processor, 6 processor_ref, 7 reason, 8 created_at,
    // 9 balance effect.
    private static final String RECORD = """
            with entry as (
              insert into promo_budget_ledger
                (entry_id, campaign_id, kind, amount_cents, processor, processor_ref, reason, created_at)
              values (?, ?, ?, ?, ?, ?, ?, cast(? as timestamptz))
              on conflict (processor, processor_ref) do nothing
              returning campaign_id
            )
            insert into promo_campaign_budget as b (campaign_id, balance_cents, spent_total_cents)
            select campaign_id, cast(? as bigint), 0 from entry
            on conflict (campaign_id) do update set balance_cents = b.balance_cents + excluded.balance_cents
            """;

    // Parameter: the budget zone, so that a spend's day is derived exactly as BudgetCalendar derives it.
    private static final String RECONCILE = """
            with ledger as (
              select campaign_id,
                     sum(case when kind = 'spend' then -amount_cents else amount_cents end) as balance,
                     sum(case when kind = 'spend' then amount_cents else 0 end) as spent_total
              from promo_budget_ledger group by campaign_id
            ), ledger_days as (
              select campaign_id, (created_at at time zone ?)::date as budget_day, sum(amount_cents) as spent
              from promo_budget_ledger where kind = 'spend' group by 1, 2
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
        if (spend.kind() != EntryKind.SPEND) {
            throw new IllegalArgumentException("not a spend: " + spend);
        }
        for (int attempt = 1; attempt <= MAX_SPEND_ATTEMPTS; attempt++) {
            Attempt result = attemptSpend(spend, budgetDay);
            if (result.billed()) {
                return new SpendOutcome.Billed(spend);
            }
            if (result.refusal() != null) {
                return new SpendOutcome.NotBilled(result.refusal());
            }
        }
        // Each attempt found the balance short when it checked; a top-up kept landing just after.
        return new SpendOutcome.NotBilled(NotBilledReason.BALANCE);
    }

    /**
     * The same spend inside a transaction the caller owns, so that the caller can store more in it (the click path
     * logs its event). When billed, the spend is part of the caller's open transaction, which the caller commits.
     * When refused, the caller's transaction has been rolled back, everything in it undone (the spend statement
     * leaves its entry behind when it refuses), and the connection is in a fresh transaction: the caller stores
     * what it needs for the refusal there. Refusals are the rare case, so the common one pays no savepoint.
     */
    static SpendOutcome spendInTransaction(Connection connection, LedgerEntry spend, LocalDate budgetDay)
            throws SQLException {
        if (spend.kind() != EntryKind.SPEND) {
            throw new IllegalArgumentException("not a spend: " + spend);
        }
        for (int attempt = 1; attempt <= MAX_SPEND_ATTEMPTS; attempt++) {
            Attempt result = runSpend(connection, spend, budgetDay);
            if (result.billed()) {
                return new SpendOutcome.Billed(spend);
            }
            connection.rollback();
            if (result.shortOfMoney()) {
                result = explainRefusal(connection, spend, budgetDay);
            }
            if (result.refusal() != null) {
                return new SpendOutcome.NotBilled(result.refusal());
            }
        }
        return new SpendOutcome.NotBilled(NotBilledReason.BALANCE);
    }

    /** What one run of the spend statement found: billed, refused for a reason, or worth another try. */
    private record Attempt(boolean billed, NotBilledReason refusal, boolean shortOfMoney) {
        static final Attempt BILLED = new Attempt(true, null, false);
        /** Refused by the balance or the total budget: which one is found by a fresh look. */
        static final Attempt SHORT_OF_MONEY = new Attempt(false, null, true);
        /** Refused for money, yet nothing looks short a moment later: a top-up raced us. */
        static final Attempt TOPPED_UP_MEANWHILE = new Attempt(false, null, false);

        static Attempt refused(NotBilledReason reason) {
            return new Attempt(false, reason, false);
        }
    }

    private Attempt attemptSpend(LedgerEntry spend, LocalDate budgetDay) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                Attempt result = runSpend(connection, spend, budgetDay);
                if (result.billed()) {
                    connection.commit();
                    return result;
                }
                connection.rollback();
                if (result.shortOfMoney()) {
                    connection.setAutoCommit(true);
                    return explainRefusal(connection, spend, budgetDay);
                }
                return result;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new DataAccessException("spend of " + spend.idempotencyKey() + " failed", e);
        }
    }

    /** Runs the spend statement in the connection's open transaction; commits nothing, rolls back nothing. */
    private static Attempt runSpend(Connection connection, LedgerEntry spend, LocalDate budgetDay) throws SQLException {
        long[] counts = new long[5];
        try (PreparedStatement statement = connection.prepareStatement(SPEND)) {
            statement.setString(1, spend.campaignId().value());
            statement.setString(2, spend.id().value());
            statement.setInt(3, spend.amount().toColumnValue());
            statement.setString(4, spend.idempotencyKey().source());
            statement.setString(5, spend.idempotencyKey().reference());
            statement.setString(6, spend.reason().orElse(null));
            statement.setObject(7, Timestamps.toColumn(spend.createdAt()));
            statement.setObject(8, budgetDay);
            try (ResultSet result = statement.executeQuery()) {
                result.next();
                for (int i = 0; i < counts.length; i++) {
                    counts[i] = result.getLong(i + 1);
                }
            }
        }
        boolean known = counts[0] == 1;
        boolean inserted = counts[1] == 1;
        boolean billable = counts[2] == 1;
        boolean funded = counts[3] == 1;
        boolean withinDay = counts[4] == 1;
        if (inserted && billable && funded && withinDay) {
            return Attempt.BILLED;
        }
        if (!known) {
            return Attempt.refused(NotBilledReason.CAMPAIGN_NOT_BILLABLE);
        }
        if (!inserted) {
            return Attempt.refused(NotBilledReason.DUPLICATE);
        }
        if (!billable) {
            return Attempt.refused(NotBilledReason.CAMPAIGN_NOT_BILLABLE);
        }
        if (!funded) {
            return Attempt.SHORT_OF_MONEY;
        }
        return Attempt.refused(NotBilledReason.DAILY_BUDGET);
    }

    /** The first limit (daily, total, balance, as the fake orders them) that the spend breaks now. */
    private static Attempt explainRefusal(Connection connection, LedgerEntry spend, LocalDate budgetDay)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(EXPLAIN_REFUSAL)) {
            statement.setObject(1, budgetDay);
            statement.setString(2, spend.campaignId().value());
            try (ResultSet row = statement.executeQuery()) {
                if (!row.next()) {
                    return Attempt.refused(NotBilledReason.CAMPAIGN_NOT_BILLABLE);
                }
                long amount = spend.amount().cents();
                long daily = row.getLong(1);
                long total = row.getLong(2);
                boolean hasTotal = !row.wasNull();
                long balance = row.getLong(3);
                long spentTotal = row.getLong(4);
                long spentOnDay = row.getLong(5);
                if (spentOnDay + amount > daily) {
                    return Attempt.refused(NotBilledReason.DAILY_BUDGET);
                }
                if (hasTotal && spentTotal + amount > total) {
                    return Attempt.refused(NotBilledReason.TOTAL_BUDGET);
                }
                if (balance < amount) {
                    return Attempt.refused(NotBilledReason.BALANCE);
                }
                return Attempt.TOPPED_UP_MEANWHILE;
            }
        }
    }

    @Override
    public Recorded record(LedgerEntry entry) {
        if (entry.kind() == EntryKind.SPEND) {
            throw new IllegalArgumentException("spends go through spend(): " + entry);
        }
        int written = db.execute(RECORD,
                entry.id().value(), entry.campaignId().value(), entry.kind().code(), entry.amount().toColumnValue(),
                entry.idempotencyKey().source(), entry.idempotencyKey().reference(), entry.reason().orElse(null),
                Timestamps.toColumn(entry.createdAt()), entry.balanceEffect().cents());
        if (written == 1) {
            return new Recorded(entry, true);
        }
        LedgerEntry earlier = findByIdempotencyKey(entry.idempotencyKey()).orElseThrow(() ->
                new IllegalStateException("neither written nor found: " + entry.idempotencyKey()));
        return new Recorded(earlier, false);
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

    /** One round trip for the serving index's refresh, however many campaigns it holds. */
    @Override
    public Map<CampaignId, BudgetState> states(Collection<CampaignId> campaignIds, LocalDate day) {
        Map<CampaignId, BudgetState> states = new HashMap<>(campaignIds.size() * 2);
        for (CampaignId id : campaignIds) {
            states.put(id, BudgetState.empty(day));
        }
        if (campaignIds.isEmpty()) {
            return states;
        }
        String[] ids = campaignIds.stream().map(CampaignId::value).toArray(String[]::new);
        db.select(PROMO_CAMPAIGN_BUDGET.CAMPAIGN_ID, PROMO_CAMPAIGN_BUDGET.BALANCE_CENTS,
                        PROMO_CAMPAIGN_BUDGET.SPENT_TOTAL_CENTS, PROMO_CAMPAIGN_DAILY_SPEND.SPENT_CENTS)
                .from(PROMO_CAMPAIGN_BUDGET)
                .leftJoin(PROMO_CAMPAIGN_DAILY_SPEND)
                .on(PROMO_CAMPAIGN_DAILY_SPEND.CAMPAIGN_ID.eq(PROMO_CAMPAIGN_BUDGET.CAMPAIGN_ID))
                .and(PROMO_CAMPAIGN_DAILY_SPEND.BUDGET_DAY.eq(day))
                .where(PROMO_CAMPAIGN_BUDGET.CAMPAIGN_ID.eq(DSL.any(ids)))
                .forEach(row -> states.put(new CampaignId(row.value1()), new BudgetState(
                        Money.ofCents(row.value2()),
                        Money.ofCents(row.value4() == null ? 0 : row.value4()),
                        Money.ofCents(row.value3()), day)));
        return states;
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
