package io.promo.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What {@link ReplicaReads#stayOnWriter} makes the replica replay must cover the write just committed, also when the
 * writer commits asynchronously ({@code synchronous_commit=off}, the embedded server's default and a common setting):
 * such a commit returns before its WAL is written, so the writer's write position ({@code pg_current_wal_lsn()}) may
 * still stand before it, and a replica that has replayed that far would be trusted too early.
 */
class ReplicaReadsOnPostgresTest {

    private static EmbeddedPostgresServer writer;

    @BeforeAll
    static void an_asynchronously_committing_writer() throws SQLException {
        // The WAL writer flushes at most every 10 s: a commit's WAL stays in memory while the test reads positions.
        writer = EmbeddedPostgresServer.startTemporary(Map.of("synchronous_commit", "off", "wal_writer_delay", "10000ms"));
        execute(writer.dataSource(), "create table replayed_writes (n int)");
    }

    @AfterAll
    static void stop() {
        if (writer != null) {
            writer.close();
        }
    }

    @Test
    void the_position_to_replay_covers_a_write_committed_just_before() throws SQLException {
        DataSource noReplica = writer.dataSource(); // only its position is asked here, never its replay
        for (int write = 0; write < 20; write++) {
            long written = insertAndCommit(writer.dataSource(), write);
            ReplicaReads reads = new ReplicaReads(noReplica, writer.dataSource(), System::nanoTime);
            reads.stayOnWriter();
            assertThat(Long.compareUnsigned(reads.positionToReplay(), written))
                    .as("write %d ends its WAL at %s; the replica is asked to replay up to %s", write,
                            WalPosition.format(written), WalPosition.format(reads.positionToReplay()))
                    .isGreaterThanOrEqualTo(0);
        }
    }

    /** Inserts a row and commits; answers where the row's WAL record ended, read inside the transaction. */
    private static long insertAndCommit(DataSource dataSource, int n) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            long position;
            try (Statement statement = connection.createStatement()) {
                statement.execute("insert into replayed_writes values (" + n + ")");
                try (ResultSet row = statement.executeQuery("select pg_current_wal_insert_lsn()::text")) {
                    row.next();
                    position = WalPosition.parse(row.getString(1));
                }
            }
            connection.commit();
            return position;
        }
    }

    private static void execute(DataSource dataSource, String sql) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
