package io.promo.app;

import java.io.PrintStream;

/** The {@code ./promo} command line. */
public final class Main {

    private static final String USAGE = """
            usage: ./promo <command>

              demo    start an embedded PostgreSQL, author a small marketplace through the use cases
                      (with the refusals an advertiser would meet) and list what was stored
              help    show this text
            """;

    private Main() {
    }

    public static void main(String[] args) {
        // The embedded server logs every start-up step at INFO; a person running the demo wants the story.
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        String command = args.length == 0 ? "help" : args[0];
        switch (command) {
            case "demo" -> {
                new DemoCommand(out).run();
                return 0;
            }
            case "help", "-h", "--help" -> {
                out.print(USAGE);
                return 0;
            }
            default -> {
                err.print("unknown command '" + command + "'\n" + USAGE);
                return 2;
            }
        }
    }
}
