package io.promo.persistence.bench;

import io.promo.domain.advertiser.Advertiser;
import io.promo.domain.campaign.Campaign;
import io.promo.domain.campaign.CampaignAction;
import io.promo.domain.campaign.CampaignSettings;
import io.promo.domain.campaign.Format;
import io.promo.domain.campaign.PacingMode;
import io.promo.domain.campaign.TargetEntity;
import io.promo.domain.campaign.TargetEntityType;
import io.promo.domain.ledger.BudgetCalendar;
import io.promo.domain.ledger.BudgetLedger;
import io.promo.domain.ledger.Discrepancy;
import io.promo.domain.ledger.EntryKind;
import io.promo.domain.ledger.IdempotencyKey;
import io.promo.domain.ledger.LedgerEntry;
import io.promo.domain.ledger.SpendOutcome;
import io.promo.domain.shared.Actor;
import io.promo.domain.shared.CampaignId;
import io.promo.domain.shared.CityCode;
import io.promo.domain.shared.IdGenerator;
import io.promo.domain.shared.IdPrefix;
import io.promo.domain.shared.Money;
import io.promo.domain.shared.SortableRandomIdGenerator;
import io.promo.domain.shared.Surface;
import io.promo.domain.shared.UserId;
import io.promo.persistence.ConnectionPool;
import io.promo.persistence.DatabaseMigrator;
import io.promo.persistence.EmbeddedPostgresServer;
import io.promo.persistence.PostgresRepositories;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;

/**
 * Throughput benchmark of billing clicks through the ledger adapter; see docs/benchmarks.md
 * for the command, the settings and the figures. Not a test: a {@code main} in the test sources.
 *
 * <p>For each server configuration (durable: {@code fsync=on, synchronous_commit=on}; zonky's default)
 * it starts an embedded PostgreSQL, migrates it, opens one HikariCP pool of {@code concurrency}
 * connections, and measures billed clicks per second in two shapes, each side by side with a raw JDBC
 * baseline on the same database, pool and client threads:
 * <ul>
 *   <li>{@code hot}: every click bills the same campaign (budget row);</li>
 *   <li>{@code spread}: each click bills one of {@code campaigns} campaigns picked at random.</li>
 * </ul>
 * The adapter side is {@link BudgetLedger#spend} of {@code JooqBudgetLedger}. The baseline side is, per
 * click, one transaction (autocommit off) of {@code UPDATE bench_budget SET spent = spent + ? WHERE id = ?
 * AND spent + ? <= cap}, then {@code INSERT INTO bench_spend}, then {@code COMMIT}. Runs alternate
 * (baseline, adapter, baseline, adapter, …) and the median of the rounds is reported.
 *
 * <p>Options, as {@code name=value} arguments (a leading {@code --} is allowed) or system properties
 * {@code bench.name}: {@code concurrency} (8), {@code warmup} seconds (3), {@code measure} seconds (10),
 * {@code rounds} (3), {@code campaigns} (1000), {@code cpc} cents (10), {@code configs}
 * ({@code durable,default}), {@code scenarios} ({@code hot,spread}).
 */
public final class LedgerBenchmark {

    private static final BudgetCalendar CALENDAR = BudgetCalendar.UTC;
    private static final IdGenerator IDS = new SortableRandomIdGenerator(Clock.systemUTC());
    /** Balance of every campaign and cap of every baseline budget: far more than any run can spend. */
    private static final long FUNDS_CENTS = 2_000_000_000L;

    private static final String BASELINE_SCHEMA = """
            create table bench_budget (id text primary key, spent bigint not null, cap bigint not null);
            create table bench_spend (id text primary key, budget_id text not null, amount int not null,
                                      created_at timestamptz not null default now());
            """;
    private static final String BASELINE_UPDATE =
            "update bench_budget set spent = spent + ? where id = ? and spent + ? <= cap";
    private static final String BASELINE_INSERT = "insert into bench_spend (id, budget_id, amount) values (?, ?, ?)";

    private LedgerBenchmark() {
    }

    // ------------------------------------------------------------------------------------------ options

    record Options(int concurrency, int warmupSeconds, int measureSeconds, int rounds, int campaigns, long cpcCents,
                   List<String> configs, List<String> scenarios) {

        static Options parse(String[] args) {
            Map<String, String> given = new LinkedHashMap<>();
            for (String arg : args) {
                String a = arg.startsWith("--") ? arg.substring(2) : arg;
                int eq = a.indexOf('=');
                if (eq <= 0) {
                    throw new IllegalArgumentException("expected name=value, got: " + arg);
                }
                given.put(a.substring(0, eq), a.substring(eq + 1));
            }
            Options options = new Options(
                    integer(given, "concurrency", 8), integer(given, "warmup", 3), integer(given, "measure", 10),
                    integer(given, "rounds", 3), integer(given, "campaigns", 1000), integer(given, "cpc", 10),
                    list(given, "configs", "durable,default"), list(given, "scenarios", "hot,spread"));
            if (!given.isEmpty()) {
                throw new IllegalArgumentException("unknown options: " + given.keySet());
            }
            for (String config : options.configs) {
                serverSettings(config);
            }
            for (String scenario : options.scenarios) {
                if (!scenario.equals("hot") && !scenario.equals("spread")) {
                    throw new IllegalArgumentException("unknown scenario: " + scenario + " (hot, spread)");
                }
            }
            if (options.concurrency < 1 || options.measureSeconds < 1 || options.warmupSeconds < 0
                    || options.rounds < 1 || options.campaigns < 1 || options.cpcCents < 1) {
                throw new IllegalArgumentException("out of range: " + options);
            }
            return options;
        }

        private static String value(Map<String, String> given, String name, String fallback) {
            String arg = given.remove(name);
            return arg != null ? arg : System.getProperty("bench." + name, fallback);
        }

        private static int integer(Map<String, String> given, String name, int fallback) {
            return Integer.parseInt(value(given, name, Integer.toString(fallback)).trim());
        }

        private static List<String> list(Map<String, String> given, String name, String fallback) {
            return Arrays.stream(value(given, name, fallback).split(",")).map(String::trim)
                    .filter(s -> !s.isEmpty()).toList();
        }
    }

    static Map<String, String> serverSettings(String config) {
        return switch (config) {
            case "durable" -> Map.of("fsync", "on", "synchronous_commit", "on");
            case "default" -> Map.of();
            default -> throw new IllegalArgumentException("unknown config: " + config + " (durable, default)");
        };
    }

    // ------------------------------------------------------------------------------------------ main

    public static void main(String[] args) throws Exception {
        // Before anything creates a logger: keep zonky's, Flyway's and Hikari's INFO lines out of the report.
        if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        }
        Options options = Options.parse(args);
        long started = System.nanoTime();
        System.out.printf(Locale.ROOT, "LedgerBenchmark %s%n", options);
        System.out.printf(Locale.ROOT, "JVM %s %s, %d available processors, os %s %s%n",
                System.getProperty("java.vm.name"), System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors(), System.getProperty("os.name"),
                System.getProperty("os.version"));

        List<Row> rows = new ArrayList<>();
        for (String config : options.configs) {
            rows.addAll(runConfiguration(config, options));
        }

        System.out.println();
        System.out.println("Results (median of " + options.rounds + " rounds; latency = p50/p99 of one click, ms)");
        System.out.println();
        System.out.println("| scenario | settings | baseline clicks/s | adapter clicks/s | adapter/baseline "
                + "| baseline p50/p99 ms | adapter p50/p99 ms | per-round ratios |");
        System.out.println("|---|---|--:|--:|--:|--:|--:|---|");
        for (Row row : rows) {
            System.out.println(row.markdown());
        }
        System.out.printf(Locale.ROOT, "%nTotal runtime %.1f s%n", (System.nanoTime() - started) / 1e9);
    }

    private static List<Row> runConfiguration(String config, Options options) throws Exception {
        System.out.printf(Locale.ROOT, "%n=== configuration %s: starting embedded PostgreSQL with %s%n",
                config, serverSettings(config).isEmpty() ? "zonky's defaults" : serverSettings(config));
        List<Row> rows = new ArrayList<>();
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.startTemporary(serverSettings(config))) {
            String settings = "fsync=" + server.setting("fsync") + ", synchronous_commit="
                    + server.setting("synchronous_commit");
            System.out.printf(Locale.ROOT, "PostgreSQL %s, data %s; %s, full_page_writes=%s, wal_sync_method=%s, "
                            + "shared_buffers=%s, max_wal_size=%s%n",
                    server.setting("server_version"), server.dataDirectory(), settings,
                    server.setting("full_page_writes"), server.setting("wal_sync_method"),
                    server.setting("shared_buffers"), server.setting("max_wal_size"));
            String version = DatabaseMigrator.migrate(server.dataSource());
            System.out.println("Migrated to schema version " + version);

            try (ConnectionPool connectionPool = ConnectionPool.open(server, options.concurrency)) {
                DataSource pool = connectionPool.dataSource();
                PostgresRepositories repositories = new PostgresRepositories(pool, ZoneOffset.UTC);
                Fixture fixture = Fixture.create(pool, repositories, options.campaigns);
                for (String scenario : options.scenarios) {
                    rows.add(runScenario(scenario, config + " (" + settings + ")", pool, repositories.ledger(),
                            fixture, options));
                }
            }
        }
        return rows;
    }

    // ------------------------------------------------------------------------------------------ fixture

    /** The campaigns (adapter) and budget rows (baseline) the clicks bill; index 0 is the hot one. */
    private record Fixture(CampaignId hot, List<CampaignId> spread, String hotBudget, List<String> spreadBudgets) {

        static Fixture create(DataSource pool, PostgresRepositories repositories, int count) throws SQLException {
            long t0 = System.nanoTime();
            Instant now = Instant.now();
            Advertiser advertiser = Advertiser.onboard(IDS.newAdvertiserId(),
                    new UserId(IDS.next(IdPrefix.USER)), Optional.empty(), now);
            repositories.advertisers().insert(advertiser);
            CampaignId hot = fundedCampaign(repositories, advertiser, 0, now);
            List<CampaignId> spread = new ArrayList<>(count);
            for (int i = 1; i <= count; i++) {
                spread.add(fundedCampaign(repositories, advertiser, i, now));
            }

            List<String> spreadBudgets = new ArrayList<>(count);
            try (Connection connection = pool.getConnection()) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute(BASELINE_SCHEMA);
                }
                connection.setAutoCommit(false);
                try (PreparedStatement insert = connection.prepareStatement(
                        "insert into bench_budget (id, spent, cap) values (?, 0, ?)")) {
                    insert.setString(1, "hot");
                    insert.setLong(2, FUNDS_CENTS);
                    insert.addBatch();
                    for (int i = 1; i <= count; i++) {
                        String id = "spread-" + i;
                        spreadBudgets.add(id);
                        insert.setString(1, id);
                        insert.setLong(2, FUNDS_CENTS);
                        insert.addBatch();
                    }
                    insert.executeBatch();
                }
                connection.commit();
            }
            System.out.printf(Locale.ROOT, "Fixture: 1 hot + %d spread campaigns (active, accelerated, daily budget "
                            + "%d¢, total budget %d¢, topped up %d¢ each) and %d baseline budget rows, in %.1f s%n",
                    count, Integer.MAX_VALUE, Integer.MAX_VALUE, FUNDS_CENTS, count + 1,
                    (System.nanoTime() - t0) / 1e9);
            return new Fixture(hot, List.copyOf(spread), "hot", List.copyOf(spreadBudgets));
        }

        private static CampaignId fundedCampaign(PostgresRepositories repositories, Advertiser advertiser, int n,
                                                 Instant now) {
            CampaignSettings settings = new CampaignSettings("bench campaign " + n, Format.FEATURED,
                    List.of(new CityCode("berlin")), List.of(), LocalDate.now(ZoneOffset.UTC).minusDays(1),
                    Optional.empty(), Money.ofCents(10), Money.ofCents(Integer.MAX_VALUE),
                    Optional.of(Money.ofCents(Integer.MAX_VALUE)), PacingMode.ACCELERATED);
            Campaign draft = Campaign.draft(IDS.newCampaignId(), advertiser.id(), Surface.PEOPLE_SEARCH,
                    new TargetEntity(TargetEntityType.SERVICE_PROFILE, IDS.next(IdPrefix.SERVICE_PROFILE)),
                    settings, now);
            repositories.campaigns().insert(draft);
            Campaign active = draft.apply(CampaignAction.ACTIVATE, Actor.ADMIN, now).orElseThrow();
            if (!repositories.campaigns().updateIfUnchanged(active, draft.updatedAt())) {
                throw new IllegalStateException("could not activate " + draft.id());
            }
            LedgerEntry topUp = new LedgerEntry(IDS.newLedgerEntryId(), draft.id(), EntryKind.TOPUP,
                    Money.ofCents(FUNDS_CENTS), new IdempotencyKey(IdempotencyKey.STRIPE, "pi_bench_" + n),
                    Optional.of("benchmark funds"), now);
            if (!repositories.ledger().record(topUp).newlyWritten()) {
                throw new IllegalStateException("top-up not written for " + draft.id());
            }
            return draft.id();
        }
    }

    // ------------------------------------------------------------------------------------------ scenario

    private static Row runScenario(String scenario, String settings, DataSource pool, BudgetLedger ledger,
                                   Fixture fixture, Options options) throws Exception {
        boolean hot = scenario.equals("hot");
        List<CampaignId> campaigns = hot ? List.of(fixture.hot) : fixture.spread;
        List<String> budgets = hot ? List.of(fixture.hotBudget) : fixture.spreadBudgets;
        long cpc = options.cpcCents;
        Money cpcMoney = Money.ofCents(cpc);
        String shape = hot ? "1 campaign" : campaigns.size() + " campaigns";

        List<RunResult> baselineRuns = new ArrayList<>();
        List<RunResult> adapterRuns = new ArrayList<>();
        for (int round = 1; round <= options.rounds; round++) {
            // Baseline: UPDATE … WHERE spent + x <= cap, INSERT, COMMIT.
            ClickFunction baselineClick = (thread, seq) -> {
                String budget = pick(budgets);
                String id = IDS.next(IdPrefix.LEDGER_ENTRY);
                try (Connection connection = pool.getConnection()) {
                    connection.setAutoCommit(false);
                    try {
                        int updated;
                        try (PreparedStatement update = connection.prepareStatement(BASELINE_UPDATE)) {
                            update.setLong(1, cpc);
                            update.setString(2, budget);
                            update.setLong(3, cpc);
                            updated = update.executeUpdate();
                        }
                        if (updated != 1) {
                            connection.rollback();
                            return false;
                        }
                        try (PreparedStatement insert = connection.prepareStatement(BASELINE_INSERT)) {
                            insert.setString(1, id);
                            insert.setString(2, budget);
                            insert.setInt(3, (int) cpc);
                            insert.executeUpdate();
                        }
                        connection.commit();
                        return true;
                    } catch (SQLException | RuntimeException e) {
                        connection.rollback();
                        throw e;
                    }
                }
            };
            prepare(pool);
            long spendRowsBefore = count(pool, "select count(*) from bench_spend");
            RunResult baseline = measure("baseline " + scenario + " round " + round, baselineClick, options);
            long written = count(pool, "select count(*) from bench_spend") - spendRowsBefore;
            check(baseline.refused == 0, "baseline refused " + baseline.refused + " clicks");
            check(written == baseline.billed, "baseline: " + baseline.billed + " billed but " + written + " rows");
            System.out.println("  " + baseline.describe() + "; verified: " + written + " spend rows");
            baselineRuns.add(baseline);

            // Adapter: BudgetLedger.spend, the entry shaped as BillClick shapes it.
            String adapterTag = "a" + scenario.charAt(0) + round + "r" + Long.toString(System.nanoTime() & 0xFFFFFF, 36);
            ClickFunction adapterClick = (thread, seq) -> {
                CampaignId campaign = pick(campaigns);
                Instant clickedAt = Instant.now();
                String clickId = "pevt_bench-" + adapterTag + "-" + thread + "-" + seq;
                LedgerEntry spend = new LedgerEntry(IDS.newLedgerEntryId(), campaign, EntryKind.SPEND, cpcMoney,
                        new IdempotencyKey(IdempotencyKey.CLICK, clickId), Optional.of("click " + clickId), clickedAt);
                return ledger.spend(spend, CALENDAR.dayOf(clickedAt)) instanceof SpendOutcome.Billed;
            };
            prepare(pool);
            long entriesBefore = count(pool, "select count(*) from promo_budget_ledger where kind = 'spend'");
            RunResult adapter = measure("adapter  " + scenario + " round " + round, adapterClick, options);
            long entries = count(pool, "select count(*) from promo_budget_ledger where kind = 'spend'")
                    - entriesBefore;
            long t0 = System.nanoTime();
            List<Discrepancy> discrepancies = ledger.reconcile();
            double reconcileSeconds = (System.nanoTime() - t0) / 1e9;
            check(adapter.refused == 0, "adapter refused " + adapter.refused + " clicks");
            check(entries == adapter.billed, "adapter: " + adapter.billed + " billed but " + entries + " spend entries");
            check(discrepancies.isEmpty(), "reconcile found " + discrepancies);
            System.out.printf(Locale.ROOT, "  %s; verified: %d spend entries, reconcile empty (%.2f s)%n",
                    adapter.describe(), entries, reconcileSeconds);
            adapterRuns.add(adapter);
        }
        Row row = new Row(scenario + " (" + shape + ")", settings, baselineRuns, adapterRuns);
        System.out.println("  => " + row.markdown());
        return row;
    }

    private static <T> T pick(List<T> items) {
        return items.size() == 1 ? items.get(0) : items.get(ThreadLocalRandom.current().nextInt(items.size()));
    }

    /** The same starting line for every run: statistics fresh, dead rows pruned, no checkpoint pending. */
    private static void prepare(DataSource pool) throws SQLException {
        try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("vacuum (analyze) bench_budget, bench_spend, promo_campaign_budget, "
                    + "promo_campaign_closed_day_spend, promo_budget_ledger, promo_campaign");
            statement.execute("checkpoint");
        }
    }

    /** The single number a query answers; shared with {@link TrafficBenchmark}. */
    static long count(DataSource pool, String sql) throws SQLException {
        try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery(sql)) {
            result.next();
            return result.getLong(1);
        }
    }

    /** Stops the benchmark when a run's result is wrong; shared with {@link TrafficBenchmark}. */
    static void check(boolean condition, String failure) {
        if (!condition) {
            throw new IllegalStateException("verification failed: " + failure);
        }
    }

    // ------------------------------------------------------------------------------------------ measuring

    @FunctionalInterface
    interface ClickFunction {
        /** Bills one click; true when billed, false when refused. */
        boolean click(int thread, long seq) throws Exception;
    }

    /**
     * {@code concurrency} threads click back to back for warm-up + measure seconds. A click counts in the
     * throughput and latency figures when it both started and finished inside the measuring window;
     * every click counts in {@code billed}/{@code refused}, which verification compares with the rows.
     */
    static RunResult measure(String label, ClickFunction click, Options options) throws Exception {
        int threads = options.concurrency;
        CyclicBarrier start = new CyclicBarrier(threads + 1);
        long[][] latencies = new long[threads][];
        int[] measuredCounts = new int[threads];
        long[] billed = new long[threads];
        long[] refused = new long[threads];
        long[] window = new long[2];
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            Thread worker = new Thread(() -> {
                long[] samples = new long[1 << 16];
                int n = 0;
                long seq = 0;
                try {
                    start.await();
                    long measureStart = window[0];
                    long measureEnd = window[1];
                    while (failure.get() == null) {
                        long before = System.nanoTime();
                        if (before >= measureEnd) {
                            break;
                        }
                        boolean ok = click.click(thread, seq++);
                        long after = System.nanoTime();
                        if (ok) {
                            billed[thread]++;
                        } else {
                            refused[thread]++;
                        }
                        if (ok && before >= measureStart && after <= measureEnd) {
                            if (n == samples.length) {
                                samples = Arrays.copyOf(samples, n * 2);
                            }
                            samples[n++] = after - before;
                        }
                    }
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
                latencies[thread] = samples;
                measuredCounts[thread] = n;
            }, "bench-client-" + t);
            workers.add(worker);
        }
        workers.forEach(Thread::start);
        long now = System.nanoTime();
        window[0] = now + options.warmupSeconds * 1_000_000_000L;
        window[1] = window[0] + options.measureSeconds * 1_000_000_000L;
        start.await(); // publishes window[] to the workers
        for (Thread worker : workers) {
            worker.join();
        }
        if (failure.get() != null) {
            throw new IllegalStateException(label + " failed", failure.get());
        }
        int total = Arrays.stream(measuredCounts).sum();
        long[] all = new long[total];
        int at = 0;
        for (int t = 0; t < threads; t++) {
            System.arraycopy(latencies[t], 0, all, at, measuredCounts[t]);
            at += measuredCounts[t];
        }
        Arrays.sort(all);
        return new RunResult(label, total / (double) options.measureSeconds, percentileMillis(all, 0.50),
                percentileMillis(all, 0.99), Arrays.stream(billed).sum(), Arrays.stream(refused).sum(), loadAverage());
    }

    private static double percentileMillis(long[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int index = (int) Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1);
        return sorted[Math.max(0, index)] / 1e6;
    }

    /** The machine's 1-minute load average at the end of a run (Linux), to show how noisy it was. */
    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException | RuntimeException e) {
            return "n/a";
        }
    }

    record RunResult(String label, double clicksPerSecond, double p50Millis, double p99Millis, long billed,
                     long refused, String loadAverage) {
        String describe() {
            return String.format(Locale.ROOT, "%s: %,.0f clicks/s, p50 %.2f ms, p99 %.2f ms (%d billed, %d refused "
                    + "incl. warm-up; load average %s)", label, clicksPerSecond, p50Millis, p99Millis, billed, refused,
                    loadAverage);
        }
    }

    record Row(String scenario, String settings, List<RunResult> baseline, List<RunResult> adapter) {

        String markdown() {
            double b = median(baseline.stream().mapToDouble(RunResult::clicksPerSecond).toArray());
            double a = median(adapter.stream().mapToDouble(RunResult::clicksPerSecond).toArray());
            StringBuilder perRound = new StringBuilder();
            for (int i = 0; i < baseline.size(); i++) {
                perRound.append(i == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.2f",
                        adapter.get(i).clicksPerSecond / baseline.get(i).clicksPerSecond));
            }
            return String.format(Locale.ROOT, "| %s | %s | %,.0f | %,.0f | **%.2f** | %.2f / %.2f | %.2f / %.2f | %s |",
                    scenario, settings, b, a, a / b,
                    median(baseline.stream().mapToDouble(RunResult::p50Millis).toArray()),
                    median(baseline.stream().mapToDouble(RunResult::p99Millis).toArray()),
                    median(adapter.stream().mapToDouble(RunResult::p50Millis).toArray()),
                    median(adapter.stream().mapToDouble(RunResult::p99Millis).toArray()),
                    perRound);
        }

        private static double median(double[] values) {
            double[] sorted = values.clone();
            Arrays.sort(sorted);
            int n = sorted.length;
            return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
        }
    }
}
