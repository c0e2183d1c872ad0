package io.promo.app;

import io.promo.app.config.PromoConfig;
import io.promo.embedded.ConfigException;
import io.promo.embedded.internal.Secret;
import io.promo.embedded.internal.Wiring;
import io.promo.persistence.DataDirectoryInUseException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The {@code ./promo} command line (picocli): serve, migrate, help. {@code ./promo demo} is the launcher's too, but
 * runs from the promo-demo module, so that this jar does not carry it (ADR 0025); the usage names it.
 */
@Command(name = "./promo", synopsisHeading = "usage: ", commandListHeading = "%ncommands:%n",
        description = "The promoted-listings engine of the marketplace. Configuration: environment variables "
                + "PROMO_* (docs/operations.md); flags override them.",
        subcommands = {Main.Serve.class, Main.Migrate.class, CommandLine.HelpCommand.class},
        // picocli wraps a footer at 80 columns: each line here fits, indented as the commands' descriptions are.
        footer = {"  demo     Simulate a marketplace's day through the HTTP API on a throw-away",
            "             database (./promo demo --help; run from the promo-demo module)."})
public final class Main implements Callable<Integer> {

    /** EX_TEMPFAIL (sysexits.h): the data directory is busy; the same command succeeds once it is free. */
    static final int DATA_DIRECTORY_IN_USE = 75;

    private final PrintStream out;
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;
    @Option(names = {"-h", "--help"}, usageHelp = true, description = "print this usage and exit")
    boolean help;

    private Main(PrintStream out) {
        this.out = out;
    }

    /**
     * promo's own log lines (java.util.logging) as one logfmt line each, so that a collector can parse them:
     * time, level, logger, message, then the stack trace of a failure.
     */
    static final String LOG_FORMAT = "time=%1$tFT%1$tT.%1$tL%1$tz level=%4$s logger=%3$s msg=\"%5$s\"%6$s%n";

    public static void main(String[] args) {
        configureLogging();
        System.exit(run(args, System.out, System.err));
    }

    /** How promo's processes log (this command line's, the demo's): call first, before any logger exists. */
    public static void configureLogging() {
        // JUL's manager becomes one whose shutdown reset waits for promo's hook.
        System.setProperty("java.util.logging.manager", PromoLogManager.class.getName());
        // The embedded server and Jetty log every start-up step at INFO; a person wants promo's own story.
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        System.setProperty("java.util.logging.SimpleFormatter.format", LOG_FORMAT);
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        CommandLine commandLine = new CommandLine(new Main(out), new Factory(out));
        commandLine.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
        commandLine.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
        commandLine.setParameterExceptionHandler((e, arguments) -> {
            CommandLine failed = e.getCommandLine();
            String message = e instanceof CommandLine.UnmatchedArgumentException unmatched && failed == commandLine
                    && !unmatched.getUnmatched().isEmpty()
                    ? "unknown command '" + unmatched.getUnmatched().get(0) + "'" : e.getMessage();
            failed.getErr().println(message);
            failed.usage(failed.getErr());
            return 2;
        });
        commandLine.setExecutionExceptionHandler((e, failed, parsed) -> {
            if (e instanceof ConfigException) {
                failed.getErr().println(e.getMessage());
                return 78; // EX_CONFIG
            }
            if (e instanceof DataDirectoryInUseException) {
                failed.getErr().println("promo: " + e.getMessage());
                return DATA_DIRECTORY_IN_USE;
            }
            throw e;
        });
        return commandLine.execute(args);
    }

    /** {@code ./promo} alone: the usage, from the command line that parsed it (its subcommands need the factory). */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 0;
    }

    /** Builds the subcommands with the output stream the caller gave. */
    private record Factory(PrintStream out) implements CommandLine.IFactory {
        @Override
        public <K> K create(Class<K> type) throws Exception {
            if (type == Serve.class) {
                return type.cast(new Serve(out));
            }
            if (type == Migrate.class) {
                return type.cast(new Migrate(out));
            }
            return CommandLine.defaultFactory().create(type);
        }
    }

    /** The flags every command that reads the configuration accepts; each overrides its variable. */
    static final class ConfigFlags {
        @Option(names = {"-h", "--help"}, usageHelp = true, description = "print this command's flags and exit")
        boolean help;
        @Option(names = "--mode", description = "dev or production (PROMO_MODE)")
        String mode;
        @Option(names = "--host", description = "interface to listen on (PROMO_HTTP_HOST, default 127.0.0.1)")
        String host;
        @Option(names = "--port", description = "port to listen on (PROMO_HTTP_PORT, default 8080)")
        String port;
        @Option(names = "--db-url", description = "PostgreSQL JDBC URL (PROMO_DB_URL); unset: embedded")
        String dbUrl;
        @Option(names = "--data-dir", description = "embedded PostgreSQL's data (PROMO_DATA_DIR, default .promo/postgres)")
        String dataDir;

        PromoConfig load() {
            Map<String, String> overrides = new HashMap<>();
            overrides.put(PromoConfig.MODE, mode);
            overrides.put(PromoConfig.HTTP_HOST, host);
            overrides.put(PromoConfig.HTTP_PORT, port);
            overrides.put(PromoConfig.DB_URL, dbUrl);
            overrides.put(PromoConfig.DATA_DIR, dataDir);
            return PromoConfig.load(System.getenv(), overrides, new SecureRandom());
        }
    }

    @Command(name = "serve", synopsisHeading = "usage: ",
            description = "Run the HTTP API until stopped (Ctrl-C or SIGTERM shut it down gracefully).")
    static final class Serve implements Callable<Integer> {
        private final PrintStream out;
        @CommandLine.Mixin
        ConfigFlags flags = new ConfigFlags();

        Serve(PrintStream out) {
            this.out = out;
        }

        @Override
        public Integer call() throws InterruptedException {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
            PromoConfig config = flags.load();
            PromoApplication app = PromoApplication.start(config);
            CountDownLatch stopped = new CountDownLatch(1);
            Duration limit = config.shutdownTimeout();
            PromoLogManager.holdShutdownResetFor(limit.plusSeconds(5).toMillis());
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                long started = System.nanoTime();
                out.printf("promo: shutting down within %d s (HTTP first, the database last)%n", limit.toSeconds());
                // Each step keeps to its share of the limit; this guard holds the whole stop to it even if one does not.
                Thread closer = new Thread(app::close, "promo-close");
                closer.setDaemon(true);
                closer.start();
                try {
                    closer.join(limit.plusSeconds(1).toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                long tookMillis = (System.nanoTime() - started) / 1_000_000;
                if (closer.isAlive()) {
                    out.printf("promo: the shutdown limit of %d s passed; exiting with what is still closing%n",
                            limit.toSeconds());
                } else {
                    out.printf("promo: stopped in %d ms%n", tookMillis);
                }
                out.flush();
                stopped.countDown();
                PromoLogManager.promoStopped();
            }, "promo-shutdown"));
            out.printf("promo %s listening on http://%s:%d (%s)%n", config.mode().code(), config.httpHost(), app.port(),
                    config.database());
            Map<String, Secret> generated = config.generatedSecrets();
            if (!generated.isEmpty()) {
                out.println("Dev mode: these were not set, so they were generated for this run only:");
                generated.forEach((name, secret) -> out.printf("  %s=%s%n", name, secret.value()));
            }
            stopped.await();
            return 0;
        }
    }

    @Command(name = "migrate", synopsisHeading = "usage: ",
            description = "Bring the database to the newest schema (Flyway) and exit.")
    static final class Migrate implements Callable<Integer> {
        private final PrintStream out;
        @CommandLine.Mixin
        ConfigFlags flags = new ConfigFlags();

        Migrate(PrintStream out) {
            this.out = out;
        }

        @Override
        public Integer call() {
            PromoConfig config = flags.load();
            // The embedded wiring opens the database as ./promo serve does, migrates it and closes it again.
            out.printf("%s: %s%n", config.database(), Wiring.migrate(config.promo()).describe());
            return 0;
        }
    }
}
