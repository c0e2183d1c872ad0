package io.promo.persistence;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * The connections of the reads that may lag: the serving index's refresh, reports and diagnostics, on a read replica.
 * Nothing that writes or decides money gets one (those take the writer's pool directly). Two exceptions send a read
 * to the writer:
 * <ul>
 *   <li>{@link #onWriter}: a read that must see a write just committed, such as the rebuild a pause asks for before
 *       it answers (ADR 0020), whatever the replica has replayed yet; and after it, until the replica has replayed
 *       the writer's WAL up to where it stood when the write was committed ({@link #stayOnWriter}), so that no later
 *       rebuild brings back from a lagging replica what the pause took away, however long the replica lags;</li>
 *   <li>the replica does not give a connection (stopped, unreachable): the reads fall back to the writer for
 *       {@link #FALLBACK}, then try the replica again, so that the index stays fresh and reports answer while it is
 *       down, and a replica that comes back is used again without a restart.</li>
 * </ul>
 * A replica that fails in the middle of a read fails that read (the refresh keeps its previous index, a report
 * answers 503); the next connection falls back.
 */
public final class ReplicaReads implements DataSource {

    /** How long the reads stay on the writer after the replica refused a connection. */
    public static final Duration FALLBACK = Duration.ofSeconds(30);
    /**
     * How long the reads stay on the writer after a status change when the writer's WAL position cannot be read (the
     * writer failed just after the change); a replica lagging longer than this may then show the change late.
     */
    public static final Duration READ_YOUR_WRITES = Duration.ofSeconds(10);

    private static final System.Logger LOG = System.getLogger(ReplicaReads.class.getName());
    private static final ThreadLocal<Boolean> ON_WRITER = ThreadLocal.withInitial(() -> false);

    private final DataSource replica;
    private final DataSource writer;
    private final LongSupplier nanoTime;
    private volatile long replicaAgainAt;
    private volatile boolean fallingBack;
    private volatile long writerUntil;
    private volatile boolean onWriterAWhile;
    /** The writer's WAL position (a {@code pg_lsn} as a number) the replica must replay first; 0 when none. */
    private final AtomicLong positionToReplay = new AtomicLong();

    /** @param nanoTime the monotonic clock of the fallback's and the read-your-writes' windows */
    public ReplicaReads(DataSource replica, DataSource writer, LongSupplier nanoTime) {
        this.replica = replica;
        this.writer = writer;
        this.nanoTime = nanoTime;
    }

    /** Runs {@code reads} with every connection of this data source taken from the writer, on this thread. */
    public static <T> T onWriter(Callable<T> reads) throws Exception {
        boolean before = ON_WRITER.get();
        ON_WRITER.set(true);
        try {
            return reads.call();
        } finally {
            ON_WRITER.set(before);
        }
    }

    /**
     * Sends every read to the writer until the replica has replayed what the writer has committed by now: a write was
     * just committed that the reads must not lose. Asks the writer its WAL position (one small query; status changes
     * are rare); if that fails, the reads stay on the writer for {@link #READ_YOUR_WRITES} instead. The position is
     * where the writer inserts WAL, not where it has written it: an asynchronous commit ({@code synchronous_commit=off})
     * returns before its WAL is written, and the write position may still stand before it.
     */
    public void stayOnWriter() {
        try (Connection connection = writer.getConnection(); Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("select pg_current_wal_insert_lsn()::text")) {
            row.next();
            long position = WalPosition.parse(row.getString(1));
            positionToReplay.accumulateAndGet(position, WalPosition::later);
        } catch (SQLException e) {
            writerUntil = nanoTime.getAsLong() + READ_YOUR_WRITES.toNanos();
            onWriterAWhile = true;
        }
    }

    @Override
    public Connection getConnection() throws SQLException {
        long now = nanoTime.getAsLong();
        if (ON_WRITER.get() || (fallingBack && now - replicaAgainAt < 0) || (onWriterAWhile && now - writerUntil < 0)) {
            return writer.getConnection();
        }
        Connection connection;
        try {
            connection = replica.getConnection();
        } catch (SQLException e) {
            replicaAgainAt = nanoTime.getAsLong() + FALLBACK.toNanos();
            if (!fallingBack) {
                fallingBack = true;
                LOG.log(System.Logger.Level.WARNING, "the read replica gives no connection ({0}): reads of the serving"
                        + " index, reports and diagnostics go to the writer, the replica is tried again every {1} s",
                        e.getMessage(), FALLBACK.toSeconds());
            }
            return writer.getConnection();
        }
        if (fallingBack) {
            fallingBack = false;
            LOG.log(System.Logger.Level.INFO, "the read replica answers again: reads of the serving index, reports"
                    + " and diagnostics go to it again");
        }
        long toReplay = positionToReplay.get();
        if (toReplay != 0) {
            if (!hasReplayed(connection, toReplay)) {
                connection.close();
                return writer.getConnection();
            }
            positionToReplay.compareAndSet(toReplay, 0);
        }
        return connection;
    }

    /**
     * Whether the replica has replayed the writer's WAL up to {@code position}; a server that is not replaying (not in
     * recovery: {@code pg_last_wal_replay_lsn()} is null) has everything it will ever have, so yes. A replica that
     * fails the question is asked no more: its connection is closed and the read goes to the writer.
     */
    private static boolean hasReplayed(Connection connection, long position) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(
                "select coalesce(pg_last_wal_replay_lsn() >= ?::pg_lsn, true)")) {
            query.setString(1, WalPosition.format(position));
            try (ResultSet row = query.executeQuery()) {
                row.next();
                return row.getBoolean(1);
            }
        } catch (SQLException e) {
            return false;
        }
    }

    /** The writer's WAL position the replica must replay before the reads return to it; 0 when none. */
    long positionToReplay() {
        return positionToReplay.get();
    }

    /** The replica has not yet replayed a write that {@link #stayOnWriter} made the reads wait for. */
    public boolean waitingForReplay() {
        return positionToReplay.get() != 0;
    }

    /** Whether reads go to the writer now because the replica failed. */
    public boolean fallingBack() {
        return fallingBack && nanoTime.getAsLong() - replicaAgainAt < 0;
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        throw new SQLFeatureNotSupportedException("the replica's and the writer's users are configured");
    }

    @Override
    public PrintWriter getLogWriter() {
        return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
    }

    @Override
    public void setLoginTimeout(int seconds) {
    }

    @Override
    public int getLoginTimeout() {
        return 0;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException();
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        throw new SQLException("not a wrapper");
    }

    @Override
    public boolean isWrapperFor(Class<?> type) {
        return false;
    }
}
