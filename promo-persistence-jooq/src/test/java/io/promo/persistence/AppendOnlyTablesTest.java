package io.promo.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** I5: the database itself refuses to change or remove ledger entries and events, whoever asks. */
class AppendOnlyTablesTest {

    @BeforeEach
    void one_entry_and_one_event_exist() throws SQLException {
        TestDatabase.truncateAllTables();
        execute("insert into promo_advertiser (advertiser_id, user_id, status) values ('padv_1', 'usr_1', 'active')");
        execute("""
                insert into promo_campaign (campaign_id, advertiser_id, target_entity_type, target_entity_id, name,
                  surface, format, city_targets, status, start_date, cpc_cents, daily_budget_cents)
                values ('pcmp_1', 'padv_1', 'studio', 'std_1', 'c', 'studio_search', 'featured', '{berlin}', 'active',
                  date '2026-11-27', 50, 1000)""");
        execute("""
                insert into promo_budget_ledger (entry_id, campaign_id, kind, amount_cents, processor, processor_ref)
                values ('pble_1', 'pcmp_1', 'topup', 500, 'stripe', 'pi_1')""");
        execute("""
                insert into promo_event (event_id, campaign_id, impression_id, type, city, query_hash, ip_hash, ua_hash)
                values ('pevt_1', 'pcmp_1', 'imp_1', 'impression', 'berlin', 'q', 'i', 'u')""");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "update promo_budget_ledger set amount_cents = 5000",
        "delete from promo_budget_ledger",
        "truncate promo_budget_ledger cascade",
        "update promo_event set type = 'click'",
        "delete from promo_event",
        "truncate promo_event"
    })
    void changing_or_removing_facts_is_refused(String statement) throws SQLException {
        assertThatThrownBy(() -> execute(statement))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("is append-only");

        assertThat(count("select count(*) from promo_budget_ledger where amount_cents = 500")).isEqualTo(1);
        assertThat(count("select count(*) from promo_event where type = 'impression'")).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "update promo_conversion set value_cents = 1",
        "update promo_conversion set unattributed_reason = 'no_click'",
        "delete from promo_conversion",
        "truncate promo_conversion"
    })
    void changing_or_removing_a_conversion_is_refused(String statement) throws SQLException {
        execute("""
                insert into promo_conversion (conversion_id, type, value_cents, occurred_at, recorded_at, subject_hash,
                  unattributed_reason)
                values ('bk-1', 'booking', 12000, now(), now(), 'h', 'unknown_click')""");

        assertThatThrownBy(() -> execute(statement))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("is append-only");

        assertThat(count("select count(*) from promo_conversion where value_cents = 12000 and unattributed_reason = 'unknown_click'"))
                .isEqualTo(1);
    }

    @Test
    void deleting_a_campaign_with_ledger_entries_is_refused_because_its_money_history_must_stay() {
        assertThatThrownBy(() -> execute("delete from promo_campaign where campaign_id = 'pcmp_1'"))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("is append-only");
    }

    @Test
    void appending_is_allowed() throws SQLException {
        execute("""
                insert into promo_budget_ledger (entry_id, campaign_id, kind, amount_cents, processor, processor_ref)
                values ('pble_2', 'pcmp_1', 'adjustment', -100, 'stripe', 're_1')""");

        assertThat(count("select count(*) from promo_budget_ledger")).isEqualTo(2);
    }

    private static void execute(String sql) throws SQLException {
        try (Connection connection = TestDatabase.dataSource().getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static long count(String sql) throws SQLException {
        try (Connection connection = TestDatabase.dataSource().getConnection();
             Statement statement = connection.createStatement();
             var result = statement.executeQuery(sql)) {
            result.next();
            return result.getLong(1);
        }
    }
}
