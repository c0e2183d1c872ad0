package io.promo.persistence;

import static io.promo.persistence.jooq.generated.Tables.PROMO_ADVERTISER;
import static io.promo.persistence.jooq.generated.Tables.PROMO_CAMPAIGN;
import static io.promo.persistence.jooq.generated.Tables.PROMO_POLICY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.promo.persistence.jooq.generated.tables.records.PromoCampaignRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The jOOQ classes generated at build time work against the migrated database. */
class GeneratedSchemaTest {

    private final DSLContext db = DSL.using(TestDatabase.dataSource(), SQLDialect.POSTGRES);

    @BeforeEach
    void emptyTables() {
        TestDatabase.truncateAllTables();
    }

    @Test
    void the_test_database_is_migrated_to_the_latest_version() throws IOException {
        String newest = newestMigrationVersion();
        assertThat(TestDatabase.schemaVersion()).isEqualTo(newest);
        assertThat(DatabaseMigrator.migrate(TestDatabase.dataSource())).isEqualTo(newest);
    }

    /** The highest N of the V{N}__*.sql files in this module's migrations folder. */
    private static String newestMigrationVersion() throws IOException {
        Pattern versioned = Pattern.compile("V(\\d+)__.*\\.sql");
        try (Stream<Path> files = Files.list(Path.of("src/main/resources/db/migration"))) {
            return String.valueOf(files.map(p -> versioned.matcher(p.getFileName().toString()))
                    .filter(Matcher::matches)
                    .mapToInt(m -> Integer.parseInt(m.group(1)))
                    .max().orElseThrow());
        }
    }

    @Test
    void a_campaign_round_trips_through_the_generated_records_with_the_seed_defaults() {
        db.insertInto(PROMO_ADVERTISER)
                .set(PROMO_ADVERTISER.ADVERTISER_ID, "padv_1")
                .set(PROMO_ADVERTISER.USER_ID, "usr_1")
                .set(PROMO_ADVERTISER.STATUS, "active")
                .execute();
        db.insertInto(PROMO_CAMPAIGN)
                .set(PROMO_CAMPAIGN.CAMPAIGN_ID, "pcmp_1")
                .set(PROMO_CAMPAIGN.ADVERTISER_ID, "padv_1")
                .set(PROMO_CAMPAIGN.TARGET_ENTITY_TYPE, "studio")
                .set(PROMO_CAMPAIGN.TARGET_ENTITY_ID, "std_1")
                .set(PROMO_CAMPAIGN.NAME, "Spring")
                .set(PROMO_CAMPAIGN.SURFACE, "studio_search")
                .set(PROMO_CAMPAIGN.FORMAT, "featured")
                .set(PROMO_CAMPAIGN.CITY_TARGETS, new String[] {"nyc", "bos"})
                .set(PROMO_CAMPAIGN.STATUS, "draft")
                .set(PROMO_CAMPAIGN.START_DATE, LocalDate.of(2026, 1, 1))
                .set(PROMO_CAMPAIGN.CPC_CENTS, 40)
                .set(PROMO_CAMPAIGN.DAILY_BUDGET_CENTS, 5_000)
                .execute();

        PromoCampaignRecord campaign = db.fetchSingle(PROMO_CAMPAIGN, PROMO_CAMPAIGN.CAMPAIGN_ID.eq("pcmp_1"));

        assertThat(campaign.getCityTargets()).containsExactly("nyc", "bos");
        assertThat(campaign.getKeywordTargets()).isEmpty();
        assertThat(campaign.getPacingMode()).isEqualTo("even");
        assertThat(campaign.getCreatedAt()).isNotNull();
    }

    @Test
    void a_second_policy_for_the_same_surface_city_and_any_role_is_rejected() {
        db.insertInto(PROMO_POLICY)
                .columns(PROMO_POLICY.POLICY_ID, PROMO_POLICY.SURFACE, PROMO_POLICY.ROLE, PROMO_POLICY.CITY,
                        PROMO_POLICY.CPC_FLOOR_CENTS, PROMO_POLICY.MAX_DENSITY_TOP20, PROMO_POLICY.MAX_ABOVE_FOLD)
                .values("ppol_1", "studio_search", null, "nyc", 50, 2, 1)
                .values("ppol_2", "people_search", "dj", "nyc", 50, 2, 1)
                .values("ppol_3", "people_search", null, "nyc", 50, 2, 1)
                .execute();

        assertThatThrownBy(() -> db.insertInto(PROMO_POLICY)
                .columns(PROMO_POLICY.POLICY_ID, PROMO_POLICY.SURFACE, PROMO_POLICY.ROLE, PROMO_POLICY.CITY,
                        PROMO_POLICY.CPC_FLOOR_CENTS, PROMO_POLICY.MAX_DENSITY_TOP20, PROMO_POLICY.MAX_ABOVE_FOLD)
                .values("ppol_4", "studio_search", null, "nyc", 60, 2, 1)
                .execute())
                .isInstanceOf(DataAccessException.class)
                .hasMessageContaining("promo_policy_natural_key");
    }

    @Test
    void truncating_empties_every_table() {
        db.insertInto(PROMO_ADVERTISER)
                .set(PROMO_ADVERTISER.ADVERTISER_ID, "padv_1")
                .set(PROMO_ADVERTISER.USER_ID, "usr_1")
                .set(PROMO_ADVERTISER.STATUS, "active")
                .execute();

        TestDatabase.truncateAllTables();

        assertThat(db.fetchCount(PROMO_ADVERTISER)).isZero();
        assertThat(db.fetchCount(DSL.table("flyway_schema_history"))).isPositive();
    }
}
