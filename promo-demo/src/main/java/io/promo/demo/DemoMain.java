package io.promo.demo;

import io.promo.app.Main;
import io.promo.embedded.ConfigException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./promo demo}: the launcher runs this module's jar for the demo and promo-app's for every other command
 * (ADR 0025), so this is the demo's own command line, named as the launcher spells it.
 */
@Command(name = "./promo demo", synopsisHeading = "usage: ", description = "Start promo on a throw-away embedded "
        + "PostgreSQL, author a marketplace through the HTTP API, simulate one budget day of searches and clicks (some "
        + "invalid) on an accelerated clock, then print a summary and write an HTML report with charts.")
public final class DemoMain implements Callable<Integer> {

    private final PrintStream out;
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;
    @Option(names = {"-h", "--help"}, usageHelp = true, description = "print this usage and exit")
    boolean help;
    @Option(names = "--searches", description = "searches in the simulated day (default ${DEFAULT-VALUE})")
    int searches = MarketplaceDemo.Options.DEFAULT_SEARCHES;
    @Option(names = "--seed", description = "seeds the marketplace and its searches; promo's own ids and timing"
            + " still vary the figures a little (default ${DEFAULT-VALUE})")
    long seed = 42;
    @Option(names = "--report", description = "where to write the HTML report (default ${DEFAULT-VALUE})")
    Path report = Path.of("promo-demo-report.html");
    @Option(names = "--currency", description = "ISO 4217 code of the deployment's currency, promo's PROMO_CURRENCY "
            + "and the one the amounts are shown in (default ${DEFAULT-VALUE})")
    String currency = MarketplaceDemo.Options.DEFAULT_CURRENCY;

    private DemoMain(PrintStream out) {
        this.out = out;
    }

    public static void main(String[] args) {
        Main.configureLogging();
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        CommandLine commandLine = new CommandLine(new DemoMain(out));
        commandLine.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
        commandLine.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
        commandLine.setParameterExceptionHandler((e, arguments) -> {
            e.getCommandLine().getErr().println(e.getMessage());
            e.getCommandLine().usage(e.getCommandLine().getErr());
            return 2;
        });
        commandLine.setExecutionExceptionHandler((e, failed, parsed) -> {
            if (e instanceof ConfigException) {
                failed.getErr().println(e.getMessage());
                return 78; // EX_CONFIG, as ./promo's other commands
            }
            throw e;
        });
        return commandLine.execute(args);
    }

    @Override
    public Integer call() {
        MarketplaceDemo.Options options;
        try {
            options = new MarketplaceDemo.Options(searches, seed, report, currency);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        new MarketplaceDemo(out, options).run();
        return 0;
    }
}
