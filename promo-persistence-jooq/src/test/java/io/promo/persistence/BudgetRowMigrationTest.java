package io.promo.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * V11 moves the spend's terms and the current day into the budget row of a database that already has money in it:
 * a database at V10 with spends on two days is migrated, and every counter must still equal the ledger.
 */
class BudgetRowMigrationTest {

    private static final String DATABASE = "promo_v11_upgrade";
    private static PGSimpleDataSource dataSource;

    @BeforeAll
    static void a_database_at_v10_with_spends_on_two_days() throws SQLException {
        execute(TestDatabase.dataSource(), "drop database if exists " + DATABASE);
        execute(TestDatabase.dataSource(), "create database " + DATABASE);
        dataSource = new PGSimpleDataSource();
        dataSource.setURL("jdbc:postgresql://localhost:" + TestDatabase.server().port() + "/" + DATABASE);
        dataSource.setUser("postgres");
        migrate("10");
        execute(dataSource, """
                insert into promo_advertiser (advertiser_id, user_id, status) values ('padv_1', 'usr_1', 'suspended');
                insert into promo_campaign (campaign_id, advertiser_id, target_entity_type, target_entity_id, name,
                  surface, format, city_targets, status, start_date, cpc_cents, daily_budget_cents, total_budget_cents)
                values ('pcmp_funded', 'padv_1', 'studio', 'std_1', 'f', 'studio_search', 'featured', '{berlin}',
                        'active', date '2026-11-26', 50, 1000, 5000),
                       ('pcmp_never', 'padv_1', 'studio', 'std_2', 'n', 'studio_search', 'featured', '{berlin}',
                        'draft', date '2026-11-26', 50, 700, null);
                insert into promo_budget_ledger (entry_id, campaign_id, kind, amount_cents, processor, processor_ref, created_at)
                values ('pble_1', 'pcmp_funded', 'topup', 900, 'stripe', 'pi_1', timestamptz '2026-11-26 08:00Z'),
                       ('pble_2', 'pcmp_funded', 'spend', 50, 'promo_click', 'pevt_1', timestamptz '2026-11-26 09:00Z'),
                       ('pble_3', 'pcmp_funded', 'spend', 50, 'promo_click', 'pevt_2', timestamptz '2026-11-27 09:00Z'),
                       ('pble_4', 'pcmp_funded', 'spend', 50, 'promo_click', 'pevt_3', timestamptz '2026-11-27 10:00Z');
                insert into promo_campaign_budget (campaign_id, balance_cents, spent_total_cents)
                values ('pcmp_funded', 750, 150);
                insert into promo_campaign_daily_spend (campaign_id, budget_day, spent_cents)
                values ('pcmp_funded', date '2026-11-26', 50), ('pcmp_funded', date '2026-11-27', 100);
                """);
        migrate("latest");
    }

    @AfterAll
    static void drop_the_database() throws SQLException {
        execute(TestDatabase.dataSource(), "drop database if exists " + DATABASE + " with (force)");
    }

    @Test
    void the_latest_day_moves_into_the_budget_row_and_earlier_days_stay_closed() throws SQLException {
        assertThat(rows("select campaign_id, spend_day, spent_on_day_cents, balance_cents, spent_total_cents"
                + " from promo_campaign_budget order by campaign_id")).containsExactly(
                "pcmp_funded 2026-11-27 100 750 150",
                "pcmp_never null 0 0 0");
        assertThat(rows("select campaign_id, budget_day, spent_cents from promo_campaign_closed_day_spend"))
                .containsExactly("pcmp_funded 2026-11-26 50");
        assertThat(rows("select campaign_id, budget_day, spent_cents from promo_campaign_daily_spend order by budget_day"))
                .containsExactly("pcmp_funded 2026-11-26 50", "pcmp_funded 2026-11-27 100");
    }

    @Test
    void every_campaign_gets_the_terms_a_spend_checks() throws SQLException {
        assertThat(rows("select campaign_id, campaign_status, advertiser_status, daily_budget_cents, total_budget_cents"
                + " from promo_campaign_budget order by campaign_id")).containsExactly(
                "pcmp_funded active suspended 1000 5000",
                "pcmp_never draft suspended 700 null");
    }

    @Test
    void the_counters_still_equal_the_ledger() {
        JooqBudgetLedger ledger = new JooqBudgetLedger(dataSource, DSL.using(dataSource, SQLDialect.POSTGRES),
                ZoneOffset.UTC);

        assertThat(ledger.reconcile()).isEmpty();
    }

    private static void migrate(String target) {
        Flyway.configure().dataSource(dataSource).locations(DatabaseMigrator.MIGRATIONS_LOCATION).target(target)
                .load().migrate();
    }

    private static List<String> rows(String query) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
             Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery(query)) {
            int columns = result.getMetaData().getColumnCount();
            while (result.next()) {
                List<String> values = new ArrayList<>();
                for (int c = 1; c <= columns; c++) {
                    values.add(String.valueOf(result.getString(c)));
                }
                rows.add(String.join(" ", values));
            }
        }
        return rows;
    }

    private static void execute(DataSource target, String sql) throws SQLException {
        try (Connection connection = target.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
