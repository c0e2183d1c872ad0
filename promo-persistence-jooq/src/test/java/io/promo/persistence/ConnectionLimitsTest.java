package io.promo.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A pool's connections carry their limits, and the failures the limits cause are recognised as outages. */
class ConnectionLimitsTest {

    private static final ConnectionLimits LIMITS = new ConnectionLimits(Duration.ofSeconds(2), Duration.ofSeconds(3),
            Duration.ofMillis(300));

    @Test
    void every_pooled_connection_starts_with_the_statement_and_lock_timeouts() throws Exception {
        try (ConnectionPool pool = ConnectionPool.open(TestDatabase.server(), 2, LIMITS);
             Connection connection = pool.dataSource().getConnection();
             Statement statement = connection.createStatement()) {
            assertThat(setting(statement, "statement_timeout")).isEqualTo("3s");
            assertThat(setting(statement, "lock_timeout")).isEqualTo("300ms");
        }
    }

    @Test
    void a_held_lock_fails_the_waiting_statement_after_the_lock_timeout_as_an_outage_not_a_fault() throws Exception {
        try (ConnectionPool pool = ConnectionPool.open(TestDatabase.server(), 2, LIMITS);
             Connection holder = TestDatabase.dataSource().getConnection();
             Statement holding = holder.createStatement();
             Connection waiter = pool.dataSource().getConnection();
             Statement waiting = waiter.createStatement()) {
            holding.execute("create table if not exists limits_probe (id int)");
            holder.setAutoCommit(false);
            holding.execute("lock table limits_probe in access exclusive mode");

            long started = System.nanoTime();
            SQLException failure = org.junit.jupiter.api.Assertions.assertThrows(SQLException.class,
                    () -> waiting.executeQuery("select * from limits_probe"));
            long tookMillis = (System.nanoTime() - started) / 1_000_000;
            holder.rollback();

            assertThat(failure.getSQLState()).isEqualTo("55P03");
            assertThat(tookMillis).isBetween(250L, 2_000L);
            assertThat(DatabaseFailures.unavailability(new RuntimeException("wrapped", failure)))
                    .hasValueSatisfying(reason -> assertThat(reason).contains("lock_timeout"));
        }
    }

    @Test
    void a_statement_running_past_the_statement_timeout_is_cancelled_and_recognised() throws Exception {
        try (ConnectionPool pool = ConnectionPool.open(TestDatabase.server(), 1, LIMITS);
             Connection connection = pool.dataSource().getConnection();
             Statement statement = connection.createStatement()) {
            SQLException failure = org.junit.jupiter.api.Assertions.assertThrows(SQLException.class,
                    () -> statement.execute("select pg_sleep(5)"));
            assertThat(failure.getSQLState()).isEqualTo("57014");
            assertThat(DatabaseFailures.unavailability(failure)).isPresent();
        }
    }

    @Test
    void waiting_for_a_connection_ends_after_the_connection_timeout() throws Exception {
        ConnectionLimits shortWait = new ConnectionLimits(Duration.ofMillis(300), Duration.ZERO, Duration.ZERO);
        try (ConnectionPool pool = ConnectionPool.open(TestDatabase.server(), 1, shortWait);
             Connection only = pool.dataSource().getConnection()) {
            long started = System.nanoTime();
            assertThatThrownBy(() -> pool.dataSource().getConnection())
                    .isInstanceOf(SQLTransientConnectionException.class)
                    .satisfies(e -> assertThat(DatabaseFailures.unavailability(e)).isPresent());
            assertThat((System.nanoTime() - started) / 1_000_000).isLessThan(2_000);
            assertThat(only.isValid(1)).isTrue();
        }
    }

    @Test
    void faults_of_promo_are_not_outages() {
        assertThat(DatabaseFailures.unavailability(new SQLException("duplicate key", "23505"))).isEmpty();
        assertThat(DatabaseFailures.unavailability(new SQLException("syntax error", "42601"))).isEmpty();
        assertThat(DatabaseFailures.unavailability(new IllegalStateException("a bug"))).isEmpty();
        assertThat(DatabaseFailures.unavailability(new SQLException("the server closed the connection", "08006")))
                .isPresent();
        assertThat(DatabaseFailures.unavailability(new SQLException("terminating connection due to administrator "
                + "command", "57P01"))).isPresent();
    }

    @Test
    void no_limits_means_postgres_defaults_for_tools_and_benchmarks() throws Exception {
        try (ConnectionPool pool = ConnectionPool.open(TestDatabase.server(), 1);
             Connection connection = pool.dataSource().getConnection();
             Statement statement = connection.createStatement()) {
            assertThat(setting(statement, "statement_timeout")).isEqualTo("0");
            assertThat(setting(statement, "lock_timeout")).isEqualTo("0");
        }
    }

    private static String setting(Statement statement, String name) throws SQLException {
        try (ResultSet result = statement.executeQuery("show " + name)) {
            result.next();
            return result.getString(1);
        }
    }
}
