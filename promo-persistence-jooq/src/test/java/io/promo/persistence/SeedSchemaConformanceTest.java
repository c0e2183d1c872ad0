package io.promo.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The seed document is the contract for the core tables: the schema that Flyway builds (all migrations)
 * must match, table by table, what the seed's own SQL builds in a scratch schema.
 */
class SeedSchemaConformanceTest {

    private static final String SEED_SCHEMA = "seed_reference";
    private static final String DRIFT_SCHEMA = "seed_drift";

    @AfterEach
    void dropScratchSchemas() throws SQLException {
        try (Connection connection = TestDatabase.dataSource().getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("drop schema if exists " + SEED_SCHEMA + " cascade");
            statement.execute("drop schema if exists " + DRIFT_SCHEMA + " cascade");
        }
    }

    @Test
    void the_seed_document_reads_as_sql_creating_the_five_core_tables() throws Exception {
        SeedDocument seed = SeedDocument.load();

        assertThat(seed.createdTables()).containsExactlyElementsOf(SeedDocument.CORE_TABLES);
        assertThat(seed.sql())
                .doesNotContain("\\", "*create", "<a ", "---")
                .contains("keyword_targets text[] default '{}', -- optional")
                .contains("target_entity_id text not null, -- srv_* or std_*");
    }

    @Test
    void the_migrated_schema_matches_the_seed_column_by_column() throws Exception {
        try (Connection connection = TestDatabase.dataSource().getConnection()) {
            createSchemaFromSeed(connection, SEED_SCHEMA);

            List<String> differences = new SchemaComparison(connection, SEED_SCHEMA, "public")
                    .differences(SeedDocument.CORE_TABLES);

            assertThat(differences).as("differences of public from the seed").isEmpty();
        }
    }

    @Test
    void the_comparison_reports_drift_in_columns_checks_and_foreign_keys() throws Exception {
        try (Connection connection = TestDatabase.dataSource().getConnection()) {
            createSchemaFromSeed(connection, SEED_SCHEMA);
            createSchemaFromSeed(connection, DRIFT_SCHEMA);
            try (Statement statement = connection.createStatement()) {
                statement.execute("alter table seed_drift.promo_event alter column city drop not null");
                statement.execute("alter table seed_drift.promo_event alter column extra_json drop default");
                statement.execute("alter table seed_drift.promo_policy add column note text");
                statement.execute("alter table seed_drift.promo_advertiser drop constraint promo_advertiser_status_check");
                statement.execute("alter table seed_drift.promo_budget_ledger"
                        + " drop constraint promo_budget_ledger_campaign_id_fkey,"
                        + " add foreign key (campaign_id) references seed_drift.promo_campaign(campaign_id)");
            }

            List<String> differences = new SchemaComparison(connection, SEED_SCHEMA, DRIFT_SCHEMA)
                    .differences(SeedDocument.CORE_TABLES);

            assertThat(differences).containsExactlyInAnyOrder(
                    "promo_event.city: is_nullable expected NO but was YES",
                    "promo_event.extra_json: column_default expected '{}'::jsonb but was null",
                    "promo_policy.note: extra column in seed_drift (text)",
                    "promo_advertiser [status] check constraint CHECK ((status = ANY (ARRAY['active'::text,"
                            + " 'paused'::text, 'suspended'::text]))): missing in seed_drift",
                    "promo_budget_ledger [campaign_id] foreign key: definition expected FOREIGN KEY (campaign_id)"
                            + " REFERENCES promo_campaign(campaign_id) ON DELETE CASCADE but was FOREIGN KEY"
                            + " (campaign_id) REFERENCES promo_campaign(campaign_id)",
                    "promo_budget_ledger [campaign_id] foreign key: confdeltype expected c but was a");
        }
    }

    @Test
    void the_comparison_reports_a_table_missing_from_the_migrated_schema() throws Exception {
        try (Connection connection = TestDatabase.dataSource().getConnection()) {
            createSchemaFromSeed(connection, SEED_SCHEMA);
            try (Statement statement = connection.createStatement()) {
                statement.execute("create schema " + DRIFT_SCHEMA);
            }

            List<String> differences = new SchemaComparison(connection, SEED_SCHEMA, DRIFT_SCHEMA)
                    .differences(List.of("promo_policy"));

            assertThat(differences).containsExactly("promo_policy: missing in seed_drift");
        }
    }

    private static void createSchemaFromSeed(Connection connection, String schema) throws Exception {
        String sql = SeedDocument.load().sql();
        try (Statement statement = connection.createStatement()) {
            statement.execute("drop schema if exists " + schema + " cascade");
            statement.execute("create schema " + schema);
            statement.execute("set search_path to " + schema);
            try {
                statement.execute(sql);
            } finally {
                statement.execute("reset search_path");
            }
        }
    }
}
