package io.promo.embedder;

import static org.assertj.core.api.Assertions.assertThat;

import io.promo.domain.campaign.Campaign;
import io.promo.domain.report.CampaignReport;
import io.promo.domain.shared.Actor;
import io.promo.domain.shared.Money;
import io.promo.domain.traffic.ClickCommand;
import io.promo.domain.traffic.ClickResult;
import io.promo.embedded.AdPage;
import io.promo.embedded.AdRequest;
import io.promo.embedded.Promo;
import io.promo.persistence.EmbeddedPostgresServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The README's "Embed promo in your JVM service" sample, compiled and run: the lines between the markers below are
 * the README's, word for word (the test fails when the two part), run on a throw-away embedded PostgreSQL where an
 * admin promo authored a campaign first.
 */
class ReadmeSampleTest {

    private static final Path README = Path.of("..", "README.md");

    @Test
    void the_readme_sample_runs_as_written_and_its_click_is_billed() {
        try (EmbeddedPostgresServer database = EmbeddedPostgresServer.start()) {
            Campaign campaign;
            try (Promo admin = Promo.builder().jdbcUrl(database.jdbcUrl()).start()) {
                campaign = Campaigns.active(admin, "srv_lena_photo", "berlin", 60);
            }
            PGSimpleDataSource dataSource = new PGSimpleDataSource();
            dataSource.setURL(database.jdbcUrl());
            String hashSecret = "readme-hash-secret-0123456789abcdefghij";
            String clickSecret = "readme-click-secret-0123456789abcdefghi";
            // README:start
            try (Promo promo = Promo.builder()
                    .dataSource(dataSource)                // your service's pool on promo's PostgreSQL
                    .settings(Map.of("PROMO_HASH_SECRET", hashSecret, "PROMO_CLICK_TOKEN_SECRET", clickSecret))
                    .schema(Promo.Schema.MIGRATE)          // or VERIFY for a role that may not change it
                    .start()) {
                AdPage page = promo.serving().decide(AdRequest.builder("people_search", "berlin")
                        .query("portrait photographer").anonymousViewer("fp_1").client("203.0.113.7", "Mozilla/5.0")
                        .organicMatches(List.of("srv_anna", "srv_lena_photo", "srv_bo")).build());
                for (AdPage.Result ad : page.sponsored()) { // the searcher clicks one: billed once
                    ClickResult click = promo.clicks().click(new ClickCommand(ad.clickToken(), null, "fp_1",
                            "203.0.113.7", "Mozilla/5.0"));
                }
            }
            // README:end
            try (Promo reader = Promo.builder().jdbcUrl(database.jdbcUrl()).schema(Promo.Schema.VERIFY).start()) {
                LocalDate today = LocalDate.now(ZoneOffset.UTC);
                CampaignReport report = reader.reports().campaign(Actor.tenant(campaign.advertiserId()), campaign.id(),
                        today, today).orElseThrow();
                assertThat(report.totals().impressions()).as("written on close").isEqualTo(1);
                assertThat(report.totals().billedClicks()).isEqualTo(1);
                assertThat(report.totals().spent()).as("alone on the page, its 60¢ bid pays the 25¢ floor")
                        .isEqualTo(Money.ofCents(25));
            }
        }
    }

    @Test
    void the_readme_shows_the_sample_word_for_word() throws IOException {
        String source = Files.readString(Path.of("src", "test", "java", "io", "promo", "embedder", "ReadmeSampleTest.java"));
        String sample = source.substring(source.indexOf("// README:start\n") + "// README:start\n".length(),
                source.indexOf("            // README:end"));
        String readme = Files.readString(README);

        assertThat(readme).contains(dedent(sample, 12));
    }

    private static String dedent(String text, int spaces) {
        StringBuilder out = new StringBuilder();
        for (String line : text.split("\n", -1)) {
            out.append(line.length() >= spaces ? line.substring(spaces) : line.strip()).append('\n');
        }
        return out.toString().stripTrailing();
    }
}
