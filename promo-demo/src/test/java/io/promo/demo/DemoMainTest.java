package io.promo.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** {@code ./promo demo}'s command line: its options, and the currency reaching both the report and promo's config. */
class DemoMainTest {

    private record Run(int exitCode, String out, String err) {
    }

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exitCode = DemoMain.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(exitCode, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void help_names_every_option_of_the_demo() {
        Run run = run("--help");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).startsWith("usage: ./promo demo").contains("--searches").contains("--seed")
                .contains("--report").contains("--currency");
    }

    @Test
    void a_currency_that_is_no_iso_code_is_refused_before_anything_starts() {
        Run run = run("--currency", "dollars");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("currency must be an ISO 4217 code such as USD or EUR: dollars")
                .contains("usage: ./promo demo");
        assertThat(run.out()).doesNotContain("promo is serving");
    }

    @Test
    void the_demo_currency_is_the_currency_promo_is_configured_with() {
        MarketplaceDemo.Options options = new MarketplaceDemo.Options(2_000, 7, Path.of("report.html"), "eur");

        assertThat(options.currency()).as("shown").isEqualTo("EUR");
        assertThat(MarketplaceDemo.config("jdbc:postgresql://localhost/demo", options).currency()).as("charged in")
                .isEqualTo("eur");
    }
}
