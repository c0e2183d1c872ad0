package io.promo.persistence.bench;

import static io.promo.persistence.bench.LedgerBenchmark.check;
import static io.promo.persistence.bench.LedgerBenchmark.count;

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
import io.promo.domain.ledger.EntryKind;
import io.promo.domain.ledger.IdempotencyKey;
import io.promo.domain.ledger.LedgerEntry;
import io.promo.domain.ledger.SpendOutcome;
import io.promo.domain.shared.Actor;
import io.promo.domain.shared.CampaignId;
import io.promo.domain.shared.CityCode;
import io.promo.domain.shared.EventId;
import io.promo.domain.shared.IdGenerator;
import io.promo.domain.shared.IdPrefix;
import io.promo.domain.shared.Money;
import io.promo.domain.shared.RoleCode;
import io.promo.domain.shared.SortableRandomIdGenerator;
import io.promo.domain.shared.Surface;
import io.promo.domain.shared.UserId;
import io.promo.domain.traffic.BotUserAgents;
import io.promo.domain.traffic.ClickClaims;
import io.promo.domain.traffic.ClickCommand;
import io.promo.domain.traffic.ClickResult;
import io.promo.domain.traffic.ClickRules;
import io.promo.domain.traffic.ClickTokenSigner;
import io.promo.domain.traffic.ClientHasher;
import io.promo.domain.traffic.EventDetail;
import io.promo.domain.traffic.ImpressionBuffer;
import io.promo.domain.traffic.RecordClick;
import io.promo.domain.traffic.SigningKey;
import io.promo.domain.traffic.TrafficEvent;
import io.promo.domain.traffic.ImpressionLog;
import io.promo.domain.traffic.TrafficReportSource;
import io.promo.persistence.ConnectionPool;
import io.promo.persistence.DatabaseMigrator;
import io.promo.persistence.EmbeddedPostgresServer;
import io.promo.persistence.ImpressionWriter;
import io.promo.persistence.PostgresRepositories;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
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
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.atomic.LongAdder;
import javax.sql.DataSource;
import org.postgresql.PGConnection;

/**
 * Benchmark of the traffic package's write paths; see docs/benchmarks.md, section "Traffic",
 * for the command and the figures. Not a test: a {@code main} in the test sources. One embedded PostgreSQL with
 * durable settings ({@code fsync=on, synchronous_commit=on}, as {@link LedgerBenchmark}'s headline) or zonky's
 * defaults, and three parts:
 * <ul>
 *   <li>{@code ingest}: impressions per second through the ingestion path ({@link ImpressionBuffer} and
 *       {@link ImpressionWriter} with their default settings, 8 decision threads offering pages of 3, one writer;
 *       {@code JdbcImpressionLog}'s COPY plus the per-day counts) against a raw {@code COPY} of the same rows into the same, emptied table, in batches
 *       of the same size, with the same number of rows;</li>
 *   <li>{@code clicks}: clicks per second through {@link RecordClick} with a mix of 70% valid, 10% replayed
 *       (duplicate), 10% expired and 10% bot clicks over {@code campaigns} campaigns, 8 threads, against
 *       {@code BudgetLedger.spend} alone (the money part of a valid click) at the same concurrency;</li>
 *   <li>{@code report}: one campaign with {@code reportImpressions} impressions over 30 days: the report's
 *       per-day read from the counts ({@code TrafficReportSource.daily}) against counting the events with an index on
 *       {@code (campaign_id, ts)}.</li>
 * </ul>
 * Options as {@code name=value} (or {@code -Dbench.name=value}): {@code impressions} (500000), {@code rounds} (3),
 * {@code concurrency} (8), {@code warmup} (3), {@code measure} (10), {@code campaigns} (200),
 * {@code reportImpressions} (1000000), {@code config} ({@code durable} or {@code default}), {@code parts}
 * ({@code ingest,clicks,report}).
 */
public final class TrafficBenchmark {

    private static final IdGenerator IDS = new SortableRandomIdGenerator(Clock.systemUTC());
    private static final long FUNDS_CENTS = 2_000_000_000L;
    private static final byte[] SECRET = "benchmark-secret-of-at-least-32-bytes!!".getBytes(StandardCharsets.US_ASCII);
    private static final String BROWSER = "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko)"
            + " Chrome/126.0 Mobile Safari/537.36";
    private static final String COPY = "copy promo_event (event_id, campaign_id, impression_id, type, role, city,"
            + " query_hash, user_id, anon_fp_hash, ip_hash, ua_hash, ts, extra_json) from stdin";

    private TrafficBenchmark() {
    }

    record Options(int impressions, int rounds, int concurrency, int warmup, int measure, int campaigns,
                   int reportImpressions, String config, List<String> parts) {

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
            Options options = new Options(integer(given, "impressions", 500_000), integer(given, "rounds", 3),
                    integer(given, "concurrency", 8), integer(given, "warmup", 3), integer(given, "measure", 10),
                    integer(given, "campaigns", 200), integer(given, "reportImpressions", 1_000_000),
                    value(given, "config", "durable"),
                    Arrays.stream(value(given, "parts", "ingest,clicks,report").split(",")).map(String::trim).toList());
            if (!given.isEmpty()) {
                throw new IllegalArgumentException("unknown options: " + given.keySet());
            }
            LedgerBenchmark.serverSettings(options.config);
            return options;
        }

        private static String value(Map<String, String> given, String name, String fallback) {
            String arg = given.remove(name);
            return arg != null ? arg : System.getProperty("bench." + name, fallback);
        }

        private static int integer(Map<String, String> given, String name, int fallback) {
            return Integer.parseInt(value(given, name, Integer.toString(fallback)).trim());
        }
    }

    public static void main(String[] args) throws Exception {
        if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        }
        Options options = Options.parse(args);
        long started = System.nanoTime();
        System.out.printf(Locale.ROOT, "TrafficBenchmark %s%nJVM %s %s, %d processors%n", options,
                System.getProperty("java.vm.name"), System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors());
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.startTemporary(LedgerBenchmark.serverSettings(options.config))) {
            System.out.printf(Locale.ROOT, "PostgreSQL %s; fsync=%s, synchronous_commit=%s, shared_buffers=%s%n",
                    server.setting("server_version"), server.setting("fsync"), server.setting("synchronous_commit"),
                    server.setting("shared_buffers"));
            DatabaseMigrator.migrate(server.dataSource());
            try (ConnectionPool connectionPool = ConnectionPool.open(server, options.concurrency + 2)) {
                DataSource pool = connectionPool.dataSource();
                PostgresRepositories repositories = new PostgresRepositories(pool, ZoneOffset.UTC);
                List<CampaignId> campaigns = fundedCampaigns(repositories, options.campaigns);
                if (options.parts.contains("ingest")) {
                    ingest(pool, repositories.impressionLog(), campaigns, options);
                }
                if (options.parts.contains("clicks")) {
                    clicks(pool, repositories, campaigns, options);
                }
                if (options.parts.contains("report")) {
                    report(pool, repositories.impressionLog(), repositories.trafficReportSource(), campaigns.get(0), options);
                }
            }
        }
        System.out.printf(Locale.ROOT, "%nTotal runtime %.1f s%n", (System.nanoTime() - started) / 1e9);
    }

    private static List<CampaignId> fundedCampaigns(PostgresRepositories repositories, int count) {
        Instant now = Instant.now();
        Advertiser advertiser = Advertiser.onboard(IDS.newAdvertiserId(), new UserId(IDS.next(IdPrefix.USER)),
                Optional.empty(), now);
        repositories.advertisers().insert(advertiser);
        List<CampaignId> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            CampaignSettings settings = new CampaignSettings("bench " + i, Format.FEATURED, List.of(new CityCode("berlin")),
                    List.of(), LocalDate.now(ZoneOffset.UTC).minusDays(1), Optional.empty(), Money.ofCents(10),
                    Money.ofCents(Integer.MAX_VALUE), Optional.empty(), PacingMode.ACCELERATED);
            Campaign draft = Campaign.draft(IDS.newCampaignId(), advertiser.id(), Surface.PEOPLE_SEARCH,
                    new TargetEntity(TargetEntityType.SERVICE_PROFILE, IDS.next(IdPrefix.SERVICE_PROFILE)), settings, now);
            repositories.campaigns().insert(draft);
            repositories.campaigns().updateIfUnchanged(draft.apply(CampaignAction.ACTIVATE, Actor.ADMIN, now).orElseThrow(),
                    draft.updatedAt());
            repositories.ledger().record(new LedgerEntry(IDS.newLedgerEntryId(), draft.id(), EntryKind.TOPUP,
                    Money.ofCents(FUNDS_CENTS), new IdempotencyKey(IdempotencyKey.STRIPE, "pi_bench_" + i),
                    Optional.empty(), now));
            ids.add(draft.id());
        }
        return ids;
    }

    // ------------------------------------------------------------------------------------------ ingest

    private static List<TrafficEvent> impressions(List<CampaignId> campaigns, int count, Instant at, long spreadMillis) {
        ClientHasher hasher = new ClientHasher(SECRET);
        String uaHash = hasher.userAgent(BROWSER);
        String query = "0123456789abcdef0123456789abcdef";
        RoleCode role = new RoleCode("photographer");
        CityCode berlin = new CityCode("berlin");
        List<TrafficEvent> events = new ArrayList<>(count);
        String page = null;
        for (int i = 0; i < count; i++) {
            if (i % 3 == 0) {
                page = IDS.next(IdPrefix.EVENT);
            }
            EventId id = new EventId(page + "_p" + (i % 3 + 1));
            boolean signedIn = i % 2 == 0;
            events.add(new TrafficEvent(id, campaigns.get(i % campaigns.size()), id,
                    Optional.of(role), berlin, query,
                    signedIn ? Optional.of(new UserId("usr_bench" + (i % 100_000))) : Optional.empty(),
                    signedIn ? Optional.empty() : Optional.of(hasher.fingerprint("fp" + (i % 100_000))),
                    hasher.ip("10.0." + (i / 256 % 256) + "." + (i % 256)), uaHash,
                    spreadMillis == 0 ? at : at.minusMillis(i * spreadMillis / count),
                    new EventDetail.Served(Surface.PEOPLE_SEARCH, i % 3 + 1, Money.ofCents(50), Format.FEATURED)));
        }
        return events;
    }

    /** An impression's extra_json, as JdbcImpressionLog writes it, for the raw COPY the path is measured against. */
    private static String extraJson(EventDetail.Served served) {
        return "{\"surface\":\"" + served.surface().code() + "\",\"position\":" + served.position() + ",\"cpc_cents\":"
                + served.cpc().cents() + ",\"format\":\"" + served.format().code() + "\"}";
    }

    private static void ingest(DataSource pool, ImpressionLog log, List<CampaignId> campaigns, Options options)
            throws Exception {
        int n = options.impressions;
        List<TrafficEvent> events = impressions(campaigns, n, Instant.now(), 0);
        int batch = ImpressionBuffer.Settings.DEFAULTS.batchSize();
        System.out.printf(Locale.ROOT, "%n=== ingest: %,d impressions over %d campaigns; batches of %d; %d producer threads%n",
                n, campaigns.size(), batch, options.concurrency);
        double[] raw = new double[options.rounds];
        double[] path = new double[options.rounds];
        for (int round = 0; round < options.rounds; round++) {
            empty(pool);
            long t0 = System.nanoTime();
            try (Connection connection = pool.getConnection()) {
                PGConnection pg = connection.unwrap(PGConnection.class);
                StringBuilder rows = new StringBuilder(batch * 320);
                for (int i = 0; i < n; i++) {
                    TrafficEvent e = events.get(i);
                    rows.append(e.eventId().value()).append('\t').append(e.campaignId().value()).append('\t')
                            .append(e.impressionId().value()).append("\timpression\t")
                            .append(e.role().map(RoleCode::value).orElse("\\N")).append('\t').append(e.city().value())
                            .append('\t').append(e.queryHash()).append('\t')
                            .append(e.userId().map(UserId::value).orElse("\\N")).append('\t')
                            .append(e.anonFpHash().orElse("\\N")).append('\t').append(e.ipHash()).append('\t')
                            .append(e.uaHash()).append('\t').append(e.ts()).append('\t').append(extraJson((EventDetail.Served) e.detail())).append('\n');
                    if ((i + 1) % batch == 0 || i == n - 1) {
                        pg.getCopyAPI().copyIn(COPY, new StringReader(rows.toString()));
                        rows.setLength(0);
                    }
                }
            }
            raw[round] = n / ((System.nanoTime() - t0) / 1e9);
            check(count(pool, "select count(*) from promo_event") == n, "raw copy wrote every row");
            System.out.printf(Locale.ROOT, "  round %d raw COPY:       %,10.0f impressions/s (load %s)%n", round + 1,
                    raw[round], loadAverage());

            empty(pool);
            ImpressionBuffer buffer = new ImpressionBuffer(ImpressionBuffer.Settings.DEFAULTS);
            ImpressionWriter writer = new ImpressionWriter(buffer, log);
            int capacity = ImpressionBuffer.Settings.DEFAULTS.capacity();
            AtomicLong next = new AtomicLong();
            List<Thread> producers = new ArrayList<>();
            t0 = System.nanoTime();
            for (int t = 0; t < options.concurrency; t++) {
                Thread producer = new Thread(() -> {
                    long page;
                    while ((page = next.getAndIncrement()) * 3 < n) {
                        int from = (int) (page * 3);
                        List<TrafficEvent> slots = events.subList(from, Math.min(n, from + 3));
                        // A benchmark that respects the back-pressure: it measures throughput, not dropping.
                        // Waiting parks: a spinning producer would take the cores the writer and PostgreSQL need.
                        while (buffer.depth() > capacity - 16) {
                            java.util.concurrent.locks.LockSupport.parkNanos(200_000);
                        }
                        buffer.offer(slots);
                    }
                });
                producers.add(producer);
                producer.start();
            }
            for (Thread producer : producers) {
                producer.join();
            }
            writer.close();
            path[round] = n / ((System.nanoTime() - t0) / 1e9);
            check(buffer.dropped() == 0 && buffer.lost() == 0, "nothing dropped or lost: " + buffer.dropped());
            check(count(pool, "select count(*) from promo_event") == n, "the path wrote every row");
            check(count(pool, "select coalesce(sum(events), 0) from promo_traffic_daily") == n, "the path counted every row");
            System.out.printf(Locale.ROOT, "  round %d ingestion path: %,10.0f impressions/s, %.2f × raw (load %s)%n",
                    round + 1, path[round], path[round] / raw[round], loadAverage());
        }
        System.out.printf(Locale.ROOT, "  => ingest median: raw COPY %,.0f/s, ingestion path %,.0f/s, ratio %.2f; "
                + "per round %s%n", median(raw), median(path), median(path) / median(raw), ratios(path, raw));
    }

    private static void empty(DataSource pool) throws SQLException {
        try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("set session_replication_role = replica");
            statement.execute("truncate promo_event, promo_traffic_daily");
            statement.execute("set session_replication_role = origin");
            statement.execute("vacuum (analyze) promo_event, promo_traffic_daily");
            statement.execute("checkpoint");
        }
    }

    // ------------------------------------------------------------------------------------------ clicks

    private static void clicks(DataSource pool, PostgresRepositories repositories, List<CampaignId> campaigns,
            Options options) throws Exception {
        Clock clock = Clock.systemUTC();
        ClickTokenSigner signer = new ClickTokenSigner(List.of(SigningKey.active("k1", SECRET)),
                ClickTokenSigner.DEFAULT_LIFETIME, clock);
        System.out.printf(Locale.ROOT, "%n=== clicks: %d threads, %d campaigns, mix 70%% valid / 10%% replayed / 10%% "
                + "expired / 10%% bot; baseline BudgetLedger.spend alone%n", options.concurrency, campaigns.size());
        LedgerBenchmark.Options measureOptions = new LedgerBenchmark.Options(options.concurrency, options.warmup,
                options.measure, 1, campaigns.size(), 10, List.of(options.config), List.of("spread"));
        BudgetLedger ledger = repositories.ledger();
        List<LedgerBenchmark.RunResult> baselines = new ArrayList<>();
        List<LedgerBenchmark.RunResult> paths = new ArrayList<>();
        for (int round = 1; round <= options.rounds; round++) {
            String tag = "r" + round + Long.toString(System.nanoTime() & 0xFFFFFF, 36);
            LedgerBenchmark.ClickFunction spendOnly = (thread, seq) -> {
                CampaignId campaign = campaigns.get(ThreadLocalRandom.current().nextInt(campaigns.size()));
                Instant now = Instant.now();
                String clickId = "pevt_bench-" + tag + "-" + thread + "-" + seq;
                return ledger.spend(new LedgerEntry(IDS.newLedgerEntryId(), campaign, EntryKind.SPEND, Money.ofCents(10),
                        new IdempotencyKey(IdempotencyKey.CLICK, clickId), Optional.of("click " + clickId), now),
                        BudgetCalendar.UTC.dayOf(now)) instanceof SpendOutcome.Billed;
            };
            prepare(pool);
            LedgerBenchmark.RunResult baseline = LedgerBenchmark.measure("spend only round " + round, spendOnly, measureOptions);
            System.out.println("  " + baseline.describe());
            baselines.add(baseline);

            RecordClick recordClick = new RecordClick(signer, new ClientHasher(SECRET), BotUserAgents.standard(),
                    ClickRules.DEFAULTS, repositories.clickLog(), BudgetCalendar.UTC, IDS, clock);
            AtomicReferenceArray<String> recentTokens = new AtomicReferenceArray<>(1024);
            Map<String, LongAdder> outcomes = new ConcurrentHashMap<>();
            long spendsBefore = count(pool, "select count(*) from promo_budget_ledger where kind = 'spend'");
            long eventsBefore = count(pool, "select count(*) from promo_event");
            AtomicLong clicks = new AtomicLong();
            // Tokens are signed when a page is served, not when it is clicked: sign them before the clock starts.
            TokenPool fresh = TokenPool.signed(signer, campaigns, clock.instant(), 40_000 * options.measure);
            TokenPool expired = TokenPool.signed(signer, campaigns, clock.instant().minus(Duration.ofMinutes(31)),
                    5_000 * options.measure);
            LedgerBenchmark.ClickFunction clickPath = (thread, seq) -> {
                ThreadLocalRandom random = ThreadLocalRandom.current();
                int kind = random.nextInt(10);
                CampaignId campaign = campaigns.get(random.nextInt(campaigns.size()));
                Instant now = clock.instant();
                String token;
                String userAgent = BROWSER;
                if (kind == 7) {
                    String earlier = recentTokens.get(random.nextInt(recentTokens.length()));
                    token = earlier != null ? earlier : fresh.next(signer, campaign, now);
                } else if (kind == 8) {
                    token = expired.next(signer, campaign, now.minus(Duration.ofMinutes(31)));
                } else {
                    token = fresh.next(signer, campaign, now);
                    if (kind == 9) {
                        userAgent = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)";
                    } else {
                        recentTokens.set(random.nextInt(recentTokens.length()), token);
                    }
                }
                ClickResult result = recordClick.click(new ClickCommand(token, "usr_b" + tag + "x" + thread + "x" + seq, null,
                        "10." + thread + "." + (seq / 256 % 256) + "." + (seq % 256), userAgent));
                clicks.incrementAndGet();
                outcomes.computeIfAbsent(result.reason().orElse("billed"), r -> new LongAdder()).increment();
                return true;
            };
            prepare(pool);
            LedgerBenchmark.RunResult path = LedgerBenchmark.measure("click path round " + round, clickPath, measureOptions);
            long billed = outcomes.getOrDefault("billed", new LongAdder()).sum();
            check(count(pool, "select count(*) from promo_budget_ledger where kind = 'spend'") - spendsBefore == billed,
                    "one spend per billed click");
            check(count(pool, "select count(*) from promo_event") - eventsBefore == clicks.get(), "one event per click");
            check(ledger.reconcile().isEmpty(), "reconcile empty");
            System.out.println("  " + path.describe().replace("billed", "handled").replace("refused", "failed")
                    + "; outcomes " + new java.util.TreeMap<>(outcomes) + "; verified: one spend per billed click, one event"
                    + " per click, reconcile empty");
            paths.add(path);
        }
        double[] b = baselines.stream().mapToDouble(LedgerBenchmark.RunResult::clicksPerSecond).toArray();
        double[] p = paths.stream().mapToDouble(LedgerBenchmark.RunResult::clicksPerSecond).toArray();
        System.out.printf(Locale.ROOT, "  => clicks median: spend only %,.0f/s, click path %,.0f/s, ratio %.2f; per round %s;"
                        + " click path p50/p99 %.2f/%.2f ms (median of rounds)%n", median(b), median(p),
                median(p) / median(b), ratios(p, b),
                median(paths.stream().mapToDouble(LedgerBenchmark.RunResult::p50Millis).toArray()),
                median(paths.stream().mapToDouble(LedgerBenchmark.RunResult::p99Millis).toArray()));
    }

    /** Tokens signed ahead of the measurement, handed out once each; signed on the spot when they run out. */
    private record TokenPool(String[] tokens, java.util.concurrent.atomic.AtomicInteger next) {
        static TokenPool signed(ClickTokenSigner signer, List<CampaignId> campaigns, Instant servedAt, int count) {
            String[] tokens = new String[count];
            for (int i = 0; i < count; i++) {
                tokens[i] = claims(signer, campaigns.get(i % campaigns.size()), servedAt);
            }
            return new TokenPool(tokens, new java.util.concurrent.atomic.AtomicInteger());
        }

        String next(ClickTokenSigner signer, CampaignId campaign, Instant servedAt) {
            int i = next.getAndIncrement();
            return i < tokens.length ? tokens[i] : claims(signer, campaign, servedAt);
        }
    }

    private static String claims(ClickTokenSigner signer, CampaignId campaign, Instant servedAt) {
        return signer.sign(new ClickClaims(new EventId(IDS.next(IdPrefix.EVENT) + "_p1"), campaign, Money.ofCents(10),
                servedAt, Surface.PEOPLE_SEARCH, new CityCode("berlin"), Optional.of(new RoleCode("photographer")),
                "0123456789abcdef0123456789abcdef"));
    }

    private static void prepare(DataSource pool) throws SQLException {
        try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("vacuum (analyze) promo_event, promo_traffic_daily, promo_budget_ledger,"
                    + " promo_campaign_budget, promo_campaign_closed_day_spend");
            statement.execute("checkpoint");
        }
    }

    // ------------------------------------------------------------------------------------------ report

    private static void report(DataSource pool, ImpressionLog log, TrafficReportSource reports, CampaignId campaign,
            Options options) throws Exception {
        int n = options.reportImpressions;
        System.out.printf(Locale.ROOT, "%n=== report: %,d impressions of one campaign over 30 days%n", n);
        empty(pool);
        Instant now = Instant.now();
        long t0 = System.nanoTime();
        List<TrafficEvent> all = impressions(List.of(campaign), n, now, Duration.ofDays(30).toMillis());
        for (int from = 0; from < n; from += 5_000) {
            log.appendImpressions(all.subList(from, Math.min(n, from + 5_000)));
        }
        System.out.printf(Locale.ROOT, "  loaded in %.1f s%n", (System.nanoTime() - t0) / 1e9);
        try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("create index bench_event_campaign_ts on promo_event (campaign_id, ts)");
            statement.execute("vacuum (analyze) promo_event, promo_traffic_daily");
        }
        LocalDate to = LocalDate.ofInstant(now, ZoneOffset.UTC);
        LocalDate from = to.minusDays(30);
        String counting = "select (ts at time zone 'UTC')::date, type, count(*) from promo_event where campaign_id = '"
                + campaign.value() + "' and ts >= '" + from + "' and ts < '" + to.plusDays(1) + "' group by 1, 2";
        double[] rollup = new double[7];
        double[] scan = new double[7];
        for (int i = 0; i < rollup.length; i++) {
            long a = System.nanoTime();
            long impressions = reports.daily(campaign, from, to).stream().mapToLong(d -> d.impressions()).sum();
            rollup[i] = (System.nanoTime() - a) / 1e6;
            check(impressions == n, "the counts hold every impression");
            a = System.nanoTime();
            long counted = 0;
            try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement();
                 ResultSet rows = statement.executeQuery(counting)) {
                while (rows.next()) {
                    counted += rows.getLong(3);
                }
            }
            scan[i] = (System.nanoTime() - a) / 1e6;
            check(counted == n, "counting finds every impression");
        }
        System.out.printf(Locale.ROOT, "  => report per day, median of %d: from the counts %.2f ms; counting the events"
                + " (index on campaign_id, ts) %.1f ms; %.0f× faster%n", rollup.length, median(rollup), median(scan),
                median(scan) / median(rollup));
    }

    // ------------------------------------------------------------------------------------------ helpers

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static String ratios(double[] path, double[] baseline) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < path.length; i++) {
            text.append(i == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.2f", path[i] / baseline[i]));
        }
        return text.toString();
    }

    private static String loadAverage() {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).split(" ")[0];
        } catch (java.io.IOException e) {
            return "n/a";
        }
    }
}
