package io.promo.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The command line: its commands are listed, and a mistyped one is refused with the usage. */
class MainTest {

    /** What a run printed and answered. */
    private record Run(int exitCode, String out, String err) {
    }

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exitCode = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(exitCode, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void an_unknown_command_prints_the_usage_and_fails() {
        Run run = run("fly");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("unknown command 'fly'").contains("usage: ./promo");
    }

    @Test
    void help_lists_every_command() {
        Run run = run("help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("serve").contains("migrate").contains("demo");
    }

    @Test
    void no_command_prints_the_usage_and_succeeds() {
        Run run = run();

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).startsWith("usage: ./promo").contains("serve").contains("migrate").contains("demo");
        assertThat(run.err()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"--help", "-h"})
    void the_help_flags_print_the_usage_and_succeed(String flag) {
        Run run = run(flag);

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).startsWith("usage: ./promo").contains("serve").contains("migrate").contains("demo");
        assertThat(run.err()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"serve", "migrate"})
    void a_commands_help_flag_prints_its_flags_and_starts_nothing(String command) {
        Run run = run(command, "--help");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).startsWith("usage: ./promo " + command).contains("--db-url").contains("--data-dir");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void migrate_says_how_many_migrations_it_applied_and_then_that_the_schema_is_current(@TempDir Path temp) {
        String dataDirectory = temp.resolve("pg").toString();

        Run first = run("migrate", "--data-dir", dataDirectory);
        Run second = run("migrate", "--data-dir", dataDirectory);

        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(first.out()).containsPattern("applied \\d+ migrations \\(empty database → version \\d+\\)");
        String version = first.out().replaceAll("(?s).*→ version (\\d+)\\).*", "$1");
        assertThat(second.exitCode()).as(second.err()).isZero();
        assertThat(second.out()).contains("schema already at version " + version + ": nothing to migrate");
    }

    @Test
    void migrate_on_a_data_directory_another_promo_holds_says_so_in_one_line(@TempDir Path temp) throws Exception {
        Path dataDirectory = temp.resolve("pg");
        assertThat(run("migrate", "--data-dir", dataDirectory.toString()).exitCode()).as("a cluster exists").isZero();
        Process holder = holdLock(temp, dataDirectory.resolve("epg-lock"));
        try {
            Run run = run("migrate", "--data-dir", dataDirectory.toString());

            assertThat(run.exitCode()).isEqualTo(Main.DATA_DIRECTORY_IN_USE);
            assertThat(run.err().strip()).doesNotContain("\n").contains(dataDirectory.toString())
                    .contains("in use by another promo").contains("./promo serve");
            assertThat(run.out()).isEmpty();
        } finally {
            holder.destroy();
            holder.waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** Another JVM locking the file as a running {@code ./promo serve}'s embedded PostgreSQL does; returns once it holds it. */
    private static Process holdLock(Path temp, Path lockFile) throws Exception {
        Path source = temp.resolve("HoldLock.java");
        Files.writeString(source, """
                import java.io.FileOutputStream;
                public class HoldLock {
                    public static void main(String[] args) throws Exception {
                        FileOutputStream stream = new FileOutputStream(args[0]);
                        if (stream.getChannel().tryLock() == null) {
                            throw new IllegalStateException("could not lock " + args[0]);
                        }
                        System.out.println("locked");
                        System.out.flush();
                        Thread.sleep(60_000);
                    }
                }
                """);
        Process holder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                source.toString(), lockFile.toString()).redirectErrorStream(true).start();
        BufferedReader reader = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
        assertThat(reader.readLine()).as("the other process holds the lock").isEqualTo("locked");
        return holder;
    }
}
