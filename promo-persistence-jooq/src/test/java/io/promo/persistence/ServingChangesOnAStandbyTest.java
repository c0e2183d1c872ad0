package io.promo.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import io.promo.domain.advertiser.Advertiser;
import io.promo.domain.campaign.Campaign;
import io.promo.domain.campaign.CampaignAction;
import io.promo.domain.ledger.EntryKind;
import io.promo.domain.ledger.IdempotencyKey;
import io.promo.domain.ledger.LedgerEntry;
import io.promo.domain.serving.index.ChangeCursor;
import io.promo.domain.serving.index.ServingChangeSet;
import io.promo.domain.shared.Actor;
import io.promo.domain.shared.CampaignId;
import io.promo.domain.shared.Money;
import io.promo.domain.testing.TestData;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * {@link JdbcServingChanges} on a real streaming standby (ADR 0038): a cursor taken on the writer is not used on a
 * standby that has not replayed as far as that cursor's snapshot had seen (its rows might be older than what the index
 * already holds); once it has, the standby answers from the cursor on. The standby is made as {@code ReadReplicaTest}
 * makes it: a cold copy of the primary's data directory, started with {@code standby.signal}.
 */
class ServingChangesOnAStandbyTest {

    private static final LocalDate TODAY = LocalDate.now(ZoneOffset.UTC);

    @TempDir
    static Path directories;
    private static StreamingStandby replica;
    private static EmbeddedPostgresServer primary;
    private static String standbyUrl;

    @BeforeAll
    static void a_primary_and_its_streaming_standby() throws Exception {
        replica = StreamingStandby.start(directories, cold -> DatabaseMigrator.migrate(cold.dataSource()),
                Path.of("target", "serving-changes-standby.log"));
        primary = replica.primary();
        standbyUrl = replica.url();
    }

    @AfterAll
    static void stop() throws Exception {
        if (replica != null) {
            replica.resumeReplay();
            replica.close();
        }
    }

    @Test
    void a_standby_behind_the_cursor_answers_nothing_until_it_has_replayed_that_far() throws Exception {
        PostgresRepositories writer = new PostgresRepositories(primary.dataSource(), ZoneOffset.UTC);
        PGSimpleDataSource replicaSource = new PGSimpleDataSource();
        replicaSource.setURL(standbyUrl);
        JdbcServingChanges onStandby = new JdbcServingChanges(replicaSource);
        Advertiser owner = TestData.anAdvertiser();
        writer.advertisers().insert(owner);
        Campaign draft = TestData.aCampaign(owner.id());
        writer.campaigns().insert(draft);
        writer.campaigns().updateIfUnchanged(draft.apply(CampaignAction.ACTIVATE, Actor.ADMIN, TestData.NOW).orElseThrow(),
                draft.updatedAt());
        awaitReplayed();
        ChangeCursor fromStandby = onStandby.changesSince(ChangeCursor.ORIGIN, TODAY).next();

        try (Connection longRunning = primary.dataSource().getConnection()) {
            // An open transaction with an id keeps the writer's snapshot xmin below the two top-ups that follow.
            longRunning.setAutoCommit(false);
            try (Statement statement = longRunning.createStatement()) {
                statement.execute("select pg_current_xact_id()");
            }
            topUp(writer, draft.id(), 700);
            awaitReplayed();
            replica.pauseReplay(); // the standby has the first top-up, not the second
            topUp(writer, draft.id(), 300);

            ServingChangeSet onWriter = writer.servingChanges().changesSince(fromStandby, TODAY);
            assertThat(onWriter.campaigns()).as("a standby's cursor read on the writer").extracting(Campaign::id)
                    .contains(draft.id());
            assertThat(onWriter.budgets().get(draft.id()).balance()).isEqualTo(Money.ofCents(1_000));

            // Both top-ups are at or above the writer's cursor: read on the standby, the first one's row would take the
            // index back to 700.
            ServingChangeSet behind = onStandby.changesSince(onWriter.next(), TODAY);
            assertThat(behind.campaigns()).as("the standby, behind the writer's cursor, answers no older row").isEmpty();
            assertThat(behind.next()).isEqualTo(onWriter.next());
            longRunning.rollback();

            replica.resumeReplay();
            awaitReplayed();
            ServingChangeSet caughtUp = onStandby.changesSince(onWriter.next(), TODAY);
            assertThat(caughtUp.budgets().values()).as("rows read again, as they are now")
                    .allSatisfy(budget -> assertThat(budget.balance()).isEqualTo(Money.ofCents(1_000)));

            topUp(writer, draft.id(), 500);
            awaitReplayed();
            ServingChangeSet next = onStandby.changesSince(caughtUp.next(), TODAY);
            assertThat(next.budgets().get(draft.id()).balance()).isEqualTo(Money.ofCents(1_500));
        }
    }

    private static void topUp(PostgresRepositories repositories, CampaignId id, long cents) {
        repositories.ledger().record(new LedgerEntry(TestData.IDS.newLedgerEntryId(), id, EntryKind.TOPUP,
                Money.ofCents(cents), new IdempotencyKey(IdempotencyKey.STRIPE, "pi_" + System.nanoTime()),
                Optional.empty(), TestData.NOW));
    }

    private static void awaitReplayed() throws Exception {
        String written;
        try (Connection connection = primary.dataSource().getConnection(); Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("select pg_current_wal_insert_lsn()::text")) {
            row.next();
            written = row.getString(1);
        }
        StreamingStandby.await("the standby replays " + written, Duration.ofSeconds(20), () -> {
            try (Connection connection = DriverManager.getConnection(standbyUrl);
                    Statement statement = connection.createStatement(); ResultSet row = statement.executeQuery(
                            "select pg_last_wal_replay_lsn() >= '" + written + "'::pg_lsn")) {
                return row.next() && row.getBoolean(1);
            } catch (SQLException e) {
                return false;
            }
        });
    }
}
