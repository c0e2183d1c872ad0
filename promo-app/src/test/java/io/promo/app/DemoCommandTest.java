package io.promo.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.promo.persistence.EmbeddedPostgresServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** {@code ./promo demo} is the README's main command: it must keep working and keep telling the truth. */
class DemoCommandTest {

    @Test
    void the_demo_authors_a_marketplace_and_explains_every_refusal() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int exitCode = Main.run(new String[] {"demo"}, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));

        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(exitCode).isZero();
        assertThat(printed)
                .contains("Embedded PostgreSQL 17.")
                .contains("cpc_cents: must be at least the floor of 40 cents for people_search in berlin (got 20)")
                .contains("target_entity_type: people_search promotes a service_profile, not a studio")
                .contains("ILLEGAL_TRANSITION: the campaign has ended")
                .contains("FORBIDDEN: only an admin can suspend a campaign")
                .containsPattern("NOT_FOUND: campaign pcmp_\\w+ does not exist")
                .containsPattern("pcmp_\\w+ +Daylight studio, Kreuzberg +studio_search +std_kreuzberg_loft")
                .contains("25 on \"Lena — portraits in Berlin\" at 75¢ each → {billed=20, not billed: DAILY_BUDGET=5}")
                .contains("(already recorded: nothing written)")
                .contains("not billed: DUPLICATE")
                .contains("Reconcile: every counter equals the ledger's sums (I7)");
    }

    @Test
    void help_lists_the_commands() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        int exitCode = Main.run(new String[] {"help"}, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream()));

        assertThat(exitCode).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("usage: ./promo").contains("serve").contains("migrate")
                .contains("demo");
    }

    @Test
    void migrate_brings_a_configured_database_to_the_newest_schema() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (EmbeddedPostgresServer database = EmbeddedPostgresServer.start()) {
            int exitCode = Main.run(new String[] {"migrate", "--db-url", database.jdbcUrl()},
                    new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(new ByteArrayOutputStream()));

            assertThat(exitCode).isZero();
            assertThat(out.toString(StandardCharsets.UTF_8)).contains("PostgreSQL at jdbc:postgresql:")
                    .containsPattern("migrated to schema version \\d+");
        }
    }

    @Test
    void a_configuration_that_cannot_run_is_explained_and_nothing_starts() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int exitCode = Main.run(new String[] {"serve", "--mode", "production"}, new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(exitCode).isEqualTo(78);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("PROMO_DB_URL is required in production")
                .contains("PROMO_ADMIN_KEY is required in production");
    }

    @Test
    void an_unknown_command_prints_the_usage_and_fails() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int exitCode = Main.run(new String[] {"fly"}, new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(exitCode).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown command 'fly'").contains("usage: ./promo");
    }
}
