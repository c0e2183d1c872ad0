package io.promo.persistence.bench;

import io.promo.domain.conversion.ConversionReportSource;
import io.promo.domain.conversion.ConversionSettings;
import io.promo.domain.conversion.DayConversions;
import io.promo.domain.conversion.RecordConversion;
import io.promo.domain.conversion.RecordConversionCommand;
import io.promo.domain.ledger.BudgetCalendar;
import io.promo.domain.shared.CampaignId;
import io.promo.domain.shared.Outcome;
import io.promo.domain.traffic.ClientHasher;
import io.promo.persistence.ConnectionPool;
import io.promo.persistence.DatabaseMigrator;
import io.promo.persistence.EmbeddedPostgresServer;
import io.promo.persistence.PostgresRepositories;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;

/**
 * Benchmark of conversions (ADR 0035); see docs/benchmarks.md, section "Conversions", for the command and the figures.
 * Not a test: a {@code main} in the test sources. One embedded PostgreSQL with durable settings ({@code fsync=on,
 * synchronous_commit=on}) or zonky's defaults, and two parts:
 * <ul>
 *   <li>{@code record}: conversions per second through {@link RecordConversion} (by click id, each a new id, 8
 *       threads: the id's lock, the stored-row look-up, the click with its spend and credit, the row and its count)
 *       against a raw {@code INSERT} of the same row into the same table, one per transaction, at the same
 *       concurrency, alternating rounds. Goal: ≥ 0.6 × raw;</li>
 *   <li>{@code report}: one campaign with {@code reportConversions} conversions over 30 days (1,000 of its clicks
 *       credited): the report's read ({@link ConversionReportSource#daily}, 31 days) against counting the
 *       conversions.</li>
 * </ul>
 * Options as {@code name=value}: {@code rounds} (3), {@code concurrency} (8), {@code warmup} (3), {@code measure}
 * (10), {@code clicks} (100000), {@code reportConversions} (1000000), {@code config} ({@code durable} or
 * {@code default}), {@code parts} ({@code record,report}).
 */
public final class ConversionBenchmark {

    private static final byte[] SECRET = "benchmark-secret-of-at-least-32-bytes!!".getBytes(StandardCharsets.US_ASCII);
    private static final Instant NOW = Instant.now();

    private ConversionBenchmark() {
    }

    record Options(int rounds, int concurrency, int warmup, int measure, int clicks, int reportConversions,
                   String config, List<String> parts) {

        static Options parse(String[] args) {
            Map<String, String> given = new LinkedHashMap<>();
            for (String arg : args) {
                int eq = arg.indexOf('=');
                if (eq <= 0) {
                    throw new IllegalArgumentException("expected name=value, got: " + arg);
                }
                given.put(arg.substring(0, eq), arg.substring(eq + 1));
            }
            return new Options(number(given, "rounds", 3), number(given, "concurrency", 8), number(given, "warmup", 3),
                    number(given, "measure", 10), number(given, "clicks", 100_000),
                    number(given, "reportConversions", 1_000_000), given.getOrDefault("config", "durable"),
                    Arrays.asList(given.getOrDefault("parts", "record,report").split(",")));
        }

        private static int number(Map<String, String> given, String name, int fallback) {
            return Integer.parseInt(given.getOrDefault(name, System.getProperty("bench." + name, Integer.toString(fallback))));
        }
    }

    public static void main(String[] args) throws Exception {
        if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        }
        Options options = Options.parse(args);
        System.out.printf(Locale.ROOT, "ConversionBenchmark %s%nJVM %s, %d processors, load average at start %.2f%n",
                options, System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.startTemporary(LedgerBenchmark.serverSettings(options.config))) {
            System.out.printf(Locale.ROOT, "PostgreSQL %s, fsync=%s, synchronous_commit=%s%n", server.setting("server_version"),
                    server.setting("fsync"), server.setting("synchronous_commit"));
            DatabaseMigrator.migrate(server.dataSource());
            try (ConnectionPool connectionPool = ConnectionPool.open(server, options.concurrency + 2)) {
                DataSource pool = connectionPool.dataSource();
                PostgresRepositories repositories = new PostgresRepositories(pool, ZoneOffset.UTC);
                seedClicks(pool, options.clicks);
                if (options.parts.contains("record")) {
                    record(pool, repositories, options);
                }
                if (options.parts.contains("report")) {
                    report(pool, repositories, options);
                }
            }
        }
        System.out.printf(Locale.ROOT, "load average at the end %.2f%n",
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    /** One advertiser, 200 campaigns, {@code clicks} billed clicks with their spend entries, spread over the campaigns. */
    private static void seedClicks(DataSource pool, int clicks) throws SQLException {
        execute(pool, "insert into promo_advertiser (advertiser_id, user_id, status) values ('padv_bench', 'usr_bench', 'active')");
        execute(pool, """
                insert into promo_campaign (campaign_id, advertiser_id, target_entity_type, target_entity_id, name, surface,
                  format, city_targets, status, start_date, cpc_cents, daily_budget_cents)
                select 'pcmp_bench' || i, 'padv_bench', 'service_profile', 'srv_bench' || i, 'c' || i, 'people_search',
                  'featured', '{berlin}', 'active', current_date - 40, 50, 100000
                from generate_series(0, 199) i""");
        execute(pool, """
                insert into promo_event (event_id, campaign_id, impression_id, type, city, query_hash, user_id, ip_hash,
                  ua_hash, ts, extra_json)
                select 'pevt_bench' || i, 'pcmp_bench' || (i %% 200), 'pevt_imp' || i, 'click', 'berlin', 'ab', 'usr_v' || i,
                  'ab', 'ab', now() - interval '1 hour' - (i %% 1000) * interval '1 second', '{"billed_cents":50}'
                from generate_series(0, %d) i""".formatted(clicks - 1));
        execute(pool, """
                insert into promo_budget_ledger (entry_id, campaign_id, kind, amount_cents, processor, processor_ref, created_at)
                select 'pble_bench' || i, 'pcmp_bench' || (i %% 200), 'spend', 50, 'promo_click', 'pevt_bench' || i, now()
                from generate_series(0, %d) i""".formatted(clicks - 1));
        execute(pool, "vacuum analyze");
    }

    private static void record(DataSource pool, PostgresRepositories repositories, Options options) throws Exception {
        RecordConversion recordConversion = new RecordConversion(repositories.conversionLog(), new ClientHasher(SECRET),
                ConversionSettings.defaults("usd"), BudgetCalendar.UTC, Clock.systemUTC());
        AtomicLong ids = new AtomicLong();
        List<double[]> results = new ArrayList<>();
        for (int round = 1; round <= options.rounds; round++) {
            double raw = measure(options, () -> {
                long n = ids.incrementAndGet();
                try (Connection connection = pool.getConnection();
                     PreparedStatement insert = connection.prepareStatement("""
                             insert into promo_conversion (conversion_id, type, value_cents, occurred_at, recorded_at,
                               subject_hash, click_id, campaign_id, click_budget_day, unattributed_reason, clicked_at)
                             values (?, 'booking', 12000, ?, ?, 'c0ffee', ?, ?, ?, null, ?)""")) {
                    int click = ThreadLocalRandom.current().nextInt(options.clicks);
                    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
                    insert.setString(1, "raw-" + n);
                    insert.setObject(2, now);
                    insert.setObject(3, now);
                    insert.setString(4, "pevt_bench" + click);
                    insert.setString(5, "pcmp_bench" + (click % 200));
                    insert.setObject(6, LocalDate.now(ZoneOffset.UTC));
                    insert.setObject(7, now.minusHours(1));
                    insert.executeUpdate();
                }
            });
            double adapter = measure(options, () -> {
                long n = ids.incrementAndGet();
                int click = ThreadLocalRandom.current().nextInt(options.clicks);
                Outcome<?> outcome = recordConversion.record(new RecordConversionCommand("bk-" + n, "booking", 12_000L, "USD",
                        Instant.now(), "pevt_bench" + click, null, null, null, null));
                if (!(outcome instanceof Outcome.Accepted<?>)) {
                    throw new IllegalStateException("refused: " + outcome);
                }
            });
            results.add(new double[] {raw, adapter});
            System.out.printf(Locale.ROOT, "round %d: raw insert %.0f/s, RecordConversion %.0f/s, ratio %.2f%n", round, raw,
                    adapter, adapter / raw);
        }
        double[] ratios = results.stream().mapToDouble(r -> r[1] / r[0]).sorted().toArray();
        double[] raws = results.stream().mapToDouble(r -> r[0]).sorted().toArray();
        double[] adapters = results.stream().mapToDouble(r -> r[1]).sorted().toArray();
        System.out.printf(Locale.ROOT, "record: median raw %.0f/s, RecordConversion %.0f/s, median ratio %.2f%n",
                raws[raws.length / 2], adapters[adapters.length / 2], ratios[ratios.length / 2]);
        LedgerBenchmark.check(LedgerBenchmark.count(pool, """
                select count(*) from (select campaign_id, budget_day, sum(conversions) n from promo_conversion_daily
                group by 1, 2) d full join (select campaign_id, click_budget_day, count(*) n from promo_conversion
                where conversion_id like 'bk-%' and click_id is not null group by 1, 2) c
                on c.campaign_id = d.campaign_id and c.click_budget_day = d.budget_day where c.n is distinct from d.n""") == 0,
                "the per-day counts equal counting the recorded conversions");
    }

    private static void report(DataSource pool, PostgresRepositories repositories, Options options) throws Exception {
        String campaign = "pcmp_report";
        execute(pool, """
                insert into promo_campaign (campaign_id, advertiser_id, target_entity_type, target_entity_id, name, surface,
                  format, city_targets, status, start_date, cpc_cents, daily_budget_cents)
                values ('pcmp_report', 'padv_bench', 'service_profile', 'srv_report', 'r', 'people_search', 'featured',
                  '{berlin}', 'active', current_date - 40, 50, 100000)""");
        long started = System.nanoTime();
        int n = options.reportConversions;
        execute(pool, """
                insert into promo_conversion (conversion_id, type, value_cents, occurred_at, recorded_at, subject_hash,
                  click_id, campaign_id, click_budget_day, unattributed_reason, clicked_at)
                select 'rep-' || i, case when i %% 5 = 0 then 'booking' else 'inquiry' end,
                  case when i %% 5 = 0 then 12000 end, now(), now(), 'c0ffee', 'pevt_rep' || i, 'pcmp_report',
                  current_date - (i %% 30), null, now()
                from generate_series(0, %d) i""".formatted(n - 1));
        execute(pool, """
                insert into promo_conversion_daily (campaign_id, budget_day, type, conversions, value_cents)
                select campaign_id, click_budget_day, type, count(*), coalesce(sum(value_cents), 0)
                from promo_conversion where campaign_id = 'pcmp_report' group by 1, 2, 3""");
        execute(pool, """
                insert into promo_budget_ledger (entry_id, campaign_id, kind, amount_cents, processor, processor_ref)
                select 'pble_rep' || i, 'pcmp_report', 'credit', 50, 'promo_invalid_click', 'pevt_rep' || i
                from generate_series(0, 999) i""");
        execute(pool, "vacuum analyze");
        System.out.printf(Locale.ROOT, "report: %,d conversions of one campaign over 30 days loaded in %.1f s%n", n,
                (System.nanoTime() - started) / 1e9);
        ConversionReportSource source = repositories.conversionReportSource();
        LocalDate to = LocalDate.now(ZoneOffset.UTC);
        LocalDate from = to.minusDays(30);
        double[] reportMs = new double[7];
        double[] countMs = new double[7];
        long reported = 0;
        for (int i = 0; i < 7; i++) {
            long t0 = System.nanoTime();
            List<DayConversions> days = source.daily(new CampaignId(campaign), from, to);
            reportMs[i] = (System.nanoTime() - t0) / 1e6;
            reported = days.stream().flatMap(d -> d.byType().values().stream()).mapToLong(t -> t.conversions()).sum();
            long t1 = System.nanoTime();
            long counted = LedgerBenchmark.count(pool, """
                    select count(*) from promo_conversion c where c.campaign_id = 'pcmp_report'
                      and c.click_budget_day between current_date - 30 and current_date
                      and not exists (select 1 from promo_budget_ledger l where l.processor = 'promo_invalid_click'
                                      and l.processor_ref = c.click_id)""");
            countMs[i] = (System.nanoTime() - t1) / 1e6;
            LedgerBenchmark.check(reported == counted, "the report (" + reported + ") equals counting (" + counted + ")");
        }
        Arrays.sort(reportMs);
        Arrays.sort(countMs);
        System.out.printf(Locale.ROOT, "report: ConversionReportSource.daily over 31 days: median %.1f ms (min %.1f, max %.1f);"
                        + " counting the conversions: median %.1f ms; %,d conversions reported (1,000 credited left out)%n",
                reportMs[3], reportMs[0], reportMs[6], countMs[3], reported);
    }

    /** {@code concurrency} threads run {@code op} back to back; answers operations per second in the measured window. */
    private static double measure(Options options, Op op) throws Exception {
        int threads = options.concurrency;
        CyclicBarrier start = new CyclicBarrier(threads + 1);
        long[] window = new long[2];
        long[] counts = new long[threads];
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            Thread worker = new Thread(() -> {
                try {
                    start.await();
                    while (failure.get() == null) {
                        long before = System.nanoTime();
                        if (before >= window[1]) {
                            break;
                        }
                        op.run();
                        if (before >= window[0] && System.nanoTime() <= window[1]) {
                            counts[thread]++;
                        }
                    }
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
            });
            workers.add(worker);
            worker.start();
        }
        window[0] = System.nanoTime() + options.warmup * 1_000_000_000L;
        window[1] = window[0] + options.measure * 1_000_000_000L;
        start.await();
        for (Thread worker : workers) {
            worker.join();
        }
        if (failure.get() != null) {
            throw new IllegalStateException("benchmark failed", failure.get());
        }
        return Arrays.stream(counts).sum() / (double) options.measure;
    }

    @FunctionalInterface
    private interface Op {
        void run() throws Exception;
    }

    private static void execute(DataSource pool, String sql) throws SQLException {
        try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
