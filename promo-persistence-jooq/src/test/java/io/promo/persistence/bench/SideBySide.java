package io.promo.persistence.bench;

import io.promo.domain.serving.index.ServingIndexRefresher;
import io.promo.domain.serving.index.ServingSettings;
import io.promo.domain.serving.pacing.HourlyTrafficCounter;
import io.promo.domain.traffic.TrafficCtrStatistics;
import io.promo.persistence.EmbeddedPostgresServer;
import io.promo.persistence.PostgresRepositories;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * ADR 0038 measured: the CPU of one refresh of the serving index, today's rebuild from every row beside the
 * incremental refresh, on the same seeded PostgreSQL, rounds alternating. Per kind of refresh: this thread's CPU time
 * ({@code ThreadMXBean}: the refresh runs on it, JDBC decoding included, garbage collection not), wall time, and the
 * CPU PostgreSQL's processes spent meanwhile ({@code utime + stime} of every child of the postmaster from
 * {@code /proc}, in clock ticks of 10 ms, so their mean over the rounds is given).
 *
 * <p>Kinds: <b>full</b>, {@code refresh()} of a refresher without changes (every refresh a rebuild from the
 * repositories, as before ADR 0038); <b>full through the changes</b>, {@code rebuildFully()} of the incremental
 * refresher (the safety net); <b>unchanged</b>, its {@code refresh()} with nothing written since the last;
 * <b>100 budgets</b>, after 100 budget rows moved; <b>1 campaign paused</b> (patched); <b>1 campaign's cpc
 * changed</b> (its score moves it: rebuilt in memory from the kept rows).
 */
final class SideBySide {

    static final String HEADER = """
            | campaigns | refresh | thread CPU: median (min–max) | wall: median | PostgreSQL CPU: mean | vs full (thread CPU) | load |
            |--:|---|--:|--:|--:|--:|--|""";
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final double TICK_MS = 10;

    private SideBySide() {
    }

    private interface Kind {
        void prepare() throws SQLException;
    }

    static List<String> measure(EmbeddedPostgresServer server, PostgresRepositories repositories, ServingSettings settings,
            HourlyTrafficCounter traffic, Clock clock, int campaigns, int rounds) throws Exception {
        TrafficCtrStatistics ctr = new TrafficCtrStatistics(repositories.ctrFeed(), settings.calendar(), clock,
                TrafficCtrStatistics.DEFAULT_DAYS);
        ServingIndexRefresher full = new ServingIndexRefresher(repositories.campaigns(), repositories.advertisers(),
                repositories.policies(), repositories.ledger(), ctr, traffic, settings, clock);
        ServingIndexRefresher incremental = new ServingIndexRefresher(repositories.campaigns(),
                repositories.advertisers(), repositories.policies(), repositories.ledger(), ctr, traffic, settings, clock,
                repositories.servingChanges(), Duration.ofDays(1));
        full.refresh();
        incremental.rebuildFully();
        long postmaster = postmasterPid(server);
        String[] names = {"full (before ADR 0038)", "full through the changes", "unchanged", "100 budgets moved",
                "1 campaign paused (patched)", "1 campaign's cpc changed (rebuilt in memory)"};
        Runnable[] refreshes = {full::refresh, incremental::rebuildFully, incremental::refresh, incremental::refresh,
                incremental::refresh, incremental::refresh};
        Kind[] preparations = {() -> { }, () -> { }, () -> { }, () -> moveBudgets(server, 100), () -> pauseOne(server),
                () -> changeOneCpc(server)};
        double[][] cpu = new double[names.length][rounds];
        double[][] wall = new double[names.length][rounds];
        double[] ticks = new double[names.length];
        String loadBefore = loadAverage();
        for (int round = 0; round < rounds; round++) {
            for (int k = 0; k < names.length; k++) {
                preparations[k].prepare();
                System.gc();
                long backendBefore = childTicks(postmaster);
                long cpuBefore = THREADS.getCurrentThreadCpuTime();
                long wallBefore = System.nanoTime();
                refreshes[k].run();
                cpu[k][round] = (THREADS.getCurrentThreadCpuTime() - cpuBefore) / 1e6;
                wall[k][round] = (System.nanoTime() - wallBefore) / 1e6;
                ticks[k] += childTicks(postmaster) - backendBefore;
            }
            System.out.printf(Locale.ROOT, "side by side, round %d: thread CPU %s ms (load %s)%n", round + 1,
                    Arrays.toString(column(cpu, round)), loadAverage());
        }
        String load = loadBefore + " → " + loadAverage();
        double fullMedian = median(cpu[0]);
        List<String> rows = new ArrayList<>();
        for (int k = 0; k < names.length; k++) {
            double[] sorted = cpu[k].clone();
            Arrays.sort(sorted);
            rows.add(String.format(Locale.ROOT, "| %,d | %s | %s (%s–%s) | %s | %s | %s | %s |", campaigns, names[k],
                    ms(median(cpu[k])), ms(sorted[0]), ms(sorted[sorted.length - 1]), ms(median(wall[k])),
                    ms(ticks[k] * TICK_MS / rounds), k == 0 ? "1×" : ratio(fullMedian / median(cpu[k])), load));
        }
        rows.forEach(System.out::println);
        System.out.printf(Locale.ROOT, "refresher counts: incremental %d, full %d%n", incremental.incrementalRefreshes(),
                incremental.fullRebuilds());
        return rows;
    }

    private static String ratio(double times) {
        return times >= 10 ? String.format(Locale.ROOT, "%,.0f× less", times) : String.format(Locale.ROOT, "%.1f×", times);
    }

    private static void moveBudgets(EmbeddedPostgresServer server, int count) throws SQLException {
        execute(server, "update promo_campaign_budget set balance_cents = balance_cents - 1 where campaign_id in"
                + " (select campaign_id from promo_campaign_budget order by random() limit " + count + ")");
    }

    private static void pauseOne(EmbeddedPostgresServer server) throws SQLException {
        execute(server, "update promo_campaign set status = case status when 'paused' then 'active' else 'paused' end,"
                + " updated_at = now() where campaign_id = (select min(campaign_id) from promo_campaign)");
    }

    private static void changeOneCpc(EmbeddedPostgresServer server) throws SQLException {
        execute(server, "update promo_campaign set cpc_cents = case cpc_cents when 99 then 98 else 99 end,"
                + " updated_at = now() where campaign_id = (select max(campaign_id) from promo_campaign)");
    }

    private static void execute(EmbeddedPostgresServer server, String sql) throws SQLException {
        try (Connection connection = server.dataSource().getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static long postmasterPid(EmbeddedPostgresServer server) throws SQLException, IOException {
        try (Connection connection = server.dataSource().getConnection(); Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("select pg_backend_pid()")) {
            row.next();
            return Long.parseLong(statFields(Path.of("/proc", row.getString(1), "stat"))[1]);
        }
    }

    /** utime + stime of every process whose parent is {@code parent}: PostgreSQL's backends and helpers. */
    private static long childTicks(long parent) throws IOException {
        long ticks = 0;
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            for (Path process : processes.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
                try {
                    String[] fields = statFields(process.resolve("stat"));
                    if (Long.parseLong(fields[1]) == parent) {
                        ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
                    }
                } catch (IOException | RuntimeException gone) {
                    // the process ended meanwhile
                }
            }
        }
        return ticks;
    }

    /** The fields of /proc/PID/stat after the command name: state, ppid, … (utime at 11, stime at 12). */
    private static String[] statFields(Path stat) throws IOException {
        String text = Files.readString(stat);
        return text.substring(text.lastIndexOf(')') + 2).split(" ");
    }

    private static double[] column(double[][] values, int round) {
        double[] column = new double[values.length];
        for (int k = 0; k < values.length; k++) {
            column[k] = Math.round(values[k][round] * 10) / 10.0;
        }
        return column;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static String ms(double millis) {
        return millis >= 100 ? String.format(Locale.ROOT, "%,.0f ms", millis) : String.format(Locale.ROOT, "%.1f ms", millis);
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException | RuntimeException e) {
            return "n/a";
        }
    }
}
