package io.promo.persistence;

import static io.promo.persistence.jooq.generated.Tables.PROMO_ADVERTISER;
import static io.promo.persistence.jooq.generated.Tables.PROMO_CAMPAIGN;
import static io.promo.persistence.jooq.generated.Tables.PROMO_POLICY;

import io.promo.domain.advertiser.Advertiser;
import io.promo.domain.campaign.Campaign;
import io.promo.domain.ledger.BudgetState;
import io.promo.domain.pricing.Policy;
import io.promo.domain.serving.index.ChangeCursor;
import io.promo.domain.serving.index.ServingChangeSet;
import io.promo.domain.serving.index.ServingChanges;
import io.promo.domain.shared.CampaignId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.conf.RenderQuotedNames;
import org.jooq.conf.Settings;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;

/**
 * {@link ServingChanges} on PostgreSQL by transaction ids (ADR 0038): every read runs in one repeatable-read,
 * read-only transaction, whose snapshot's xmin ({@code pg_snapshot_xmin(pg_current_snapshot())}) becomes the next
 * cursor. Every transaction below that xmin had ended when the snapshot was taken, so what it wrote was read; every
 * row the snapshot could not see was written by a transaction with an id at or above it, however long that
 * transaction ran before it committed. The next read therefore asks for the rows whose {@code xmin} is at or above
 * the cursor's: never less than what changed, sometimes a row again.
 *
 * <p>Rows: {@code promo_campaign} and {@code promo_campaign_budget} (a spend, top-up, credit or status copy moves the
 * budget row; a closed day's spend is only ever written in a transaction that moves the budget row too), by campaign;
 * {@code promo_advertiser}; {@code promo_policy}. Nothing is ever deleted from them. {@code xmin} is a 32-bit id
 * and the cursor a 64-bit one: compared modulo 2^32 within half the range, so a row more than 2^31 transactions
 * older than the cursor may be read again (harmless), and a changed row is never skipped. Neither column can be
 * indexed, so each read scans the four tables, in PostgreSQL, without sending the unchanged rows.
 *
 * <p>With a read replica (or several) behind the data source, the cursor also holds the WAL position the snapshot
 * had seen; a standby that has not replayed that far answers nothing and keeps the cursor, since rows changed before
 * the cursor might not have reached it yet.
 */
public final class JdbcServingChanges implements ServingChanges {

    private static final String POSITION = """
            select pg_is_in_recovery(),
                   case when pg_is_in_recovery() then pg_last_wal_replay_lsn()::text
                        else pg_current_wal_insert_lsn()::text end
            """;
    private static final String SNAPSHOT = """
            select pg_snapshot_xmin(pg_current_snapshot())::text,
                   case when pg_is_in_recovery() then pg_last_wal_replay_lsn()::text
                        else pg_current_wal_insert_lsn()::text end
            """;
    /** {@code xmin} at or after the cursor's transaction id, both taken modulo 2^32. */
    private static final String CHANGED = "((xmin::text::bigint - {0}) & 4294967295) < 2147483648";
    /** Qualified: the campaigns are read joined with their side tables ({@link JooqCampaignRepository#select}). */
    private static final String CAMPAIGNS_CHANGED = """
            promo_campaign.campaign_id in (select campaign_id from promo_campaign where %1$s
                            union select campaign_id from promo_campaign_budget where %1$s)
            """;

    /** Qualified: the policies are read joined with their pricing ({@link JooqPolicyRepository#select}). */
    private static final String POLICIES_CHANGED = "promo_policy.policy_id in (select policy_id from promo_policy where %1$s)";

    private final DataSource dataSource;
    private final Settings settings = new Settings().withRenderSchema(false)
            .withRenderQuotedNames(RenderQuotedNames.EXPLICIT_DEFAULT_UNQUOTED);

    /** @param dataSource where the serving index's other reads go (with a replica, the same {@code ReplicaReads}) */
    public JdbcServingChanges(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** A cursor as written: the snapshot's xmin (64 bits, with its epoch) and the WAL position it had seen. */
    record Cursor(long xmin, long walPosition) {

        static Cursor read(ChangeCursor cursor) {
            String[] parts = cursor.position().split(" ");
            if (parts.length != 2 || !parts[0].startsWith("xmin=") || !parts[1].startsWith("wal=")) {
                throw new IllegalArgumentException("not a cursor of JdbcServingChanges: " + cursor);
            }
            return new Cursor(Long.parseLong(parts[0].substring(5)), WalPosition.parse(parts[1].substring(4)));
        }

        ChangeCursor write() {
            return new ChangeCursor("xmin=" + xmin + " wal=" + WalPosition.format(walPosition));
        }
    }

    @Override
    public ServingChangeSet changesSince(ChangeCursor cursor, LocalDate day) {
        Cursor since = cursor.isOrigin() ? null : Cursor.read(cursor);
        try (Connection connection = dataSource.getConnection()) {
            if (since != null) {
                Boolean behind = standbyBehind(connection, since);
                if (behind == null) {
                    since = null; // a standby that cannot say what it replayed: every row, which is right whatever it has
                } else if (behind) {
                    return ServingChangeSet.nothingSince(day, cursor);
                }
            }
            boolean autoCommit = connection.getAutoCommit();
            int isolation = connection.getTransactionIsolation();
            boolean readOnly = connection.isReadOnly();
            connection.setAutoCommit(false);
            connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            connection.setReadOnly(true);
            try {
                ServingChangeSet changes = read(connection, since, day);
                connection.commit();
                return changes;
            } finally {
                if (!connection.getAutoCommit()) {
                    connection.rollback();
                }
                connection.setAutoCommit(autoCommit);
                connection.setTransactionIsolation(isolation);
                connection.setReadOnly(readOnly);
            }
        } catch (SQLException e) {
            throw new DataAccessException("the serving index's changes since " + cursor + " could not be read", e);
        }
    }

    /**
     * Whether this is a standby that has not yet replayed what the cursor's snapshot had seen; null for a standby that
     * does not say what it replayed. The writer has everything.
     */
    private static Boolean standbyBehind(Connection connection, Cursor since) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(POSITION); ResultSet row = query.executeQuery()) {
            row.next();
            if (!row.getBoolean(1)) {
                return false;
            }
            String replayed = row.getString(2);
            return replayed == null ? null : Long.compareUnsigned(WalPosition.parse(replayed), since.walPosition) < 0;
        }
    }

    private ServingChangeSet read(Connection connection, Cursor since, LocalDate day) throws SQLException {
        Cursor next;
        try (PreparedStatement query = connection.prepareStatement(SNAPSHOT); ResultSet row = query.executeQuery()) {
            row.next();
            String position = row.getString(2);
            next = new Cursor(Long.parseLong(row.getString(1)), position == null ? 0 : WalPosition.parse(position));
        }
        DSLContext db = DSL.using(connection, SQLDialect.POSTGRES, settings);
        Condition campaignsChanged = DSL.trueCondition();
        Condition policiesChanged = DSL.trueCondition();
        Condition changed = DSL.trueCondition();
        if (since != null) {
            Long low = since.xmin & 0xFFFF_FFFFL;
            changed = DSL.condition(CHANGED, DSL.val(low));
            campaignsChanged = DSL.condition(CAMPAIGNS_CHANGED.formatted(CHANGED), DSL.val(low));
            policiesChanged = DSL.condition(POLICIES_CHANGED.formatted(CHANGED), DSL.val(low));
        }
        // With their side tables' settings, read as the repository reads them. An edit of those settings moves the
        // campaign's row too (UpdateCampaign writes both in one transaction, updated_at changing), so the campaign's
        // xmin is enough to find it.
        List<Campaign> campaigns = JooqCampaignRepository.select(db, campaignsChanged, PROMO_CAMPAIGN.CAMPAIGN_ID.asc());
        Map<CampaignId, BudgetState> budgets = new HashMap<>(campaigns.size() * 2);
        List<CampaignId> ids = new ArrayList<>(campaigns.size());
        for (Campaign campaign : campaigns) {
            ids.add(campaign.id());
            budgets.put(campaign.id(), BudgetState.empty(day));
        }
        if (!ids.isEmpty()) {
            JooqBudgetLedger.readStates(connection, ids, day, budgets);
        }
        List<Advertiser> advertisers = db.selectFrom(PROMO_ADVERTISER).where(changed)
                .orderBy(PROMO_ADVERTISER.ADVERTISER_ID).fetch(AdvertiserMapper::toDomain);
        // A policy's pricing mode is written with its row (the upsert always rewrites it), so the row's xmin says it.
        List<Policy> policies = JooqPolicyRepository.select(db, policiesChanged, PROMO_POLICY.POLICY_ID.asc());
        return new ServingChangeSet(since == null, campaigns, advertisers, policies, budgets, day, next.write());
    }
}
