package io.promo.persistence.bench;

import io.promo.domain.ledger.BudgetCalendar;
import io.promo.domain.pricing.PolicyLimits;
import io.promo.domain.serving.DecideAdPage;
import io.promo.domain.serving.DecisionRequest;
import io.promo.domain.serving.Viewer;
import io.promo.domain.serving.index.ServingIndex;
import io.promo.domain.serving.index.ServingIndexRefresher;
import io.promo.domain.serving.index.ServingSettings;
import io.promo.domain.serving.pacing.HourlyTrafficCounter;
import io.promo.domain.shared.CityCode;
import io.promo.domain.shared.IdGenerator;
import io.promo.domain.shared.Money;
import io.promo.domain.shared.SortableRandomIdGenerator;
import io.promo.domain.shared.Surface;
import io.promo.domain.traffic.TrafficCtrStatistics;
import io.promo.persistence.ConnectionPool;
import io.promo.persistence.DatabaseMigrator;
import io.promo.persistence.EmbeddedPostgresServer;
import io.promo.persistence.PostgresRepositories;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The serving index on PostgreSQL: how long one refresh takes through the real adapters with 10,000 and
 * 100,000 campaigns, on a fresh pool and warm, and how long decisions take while refreshes run as the app runs them.
 * A command, not a test (docs/benchmarks.md has the command and the recorded figures).
 *
 * <p>Per campaign count: a temporary embedded PostgreSQL 17 (zonky's defaults, {@code fsync=off}: the refresh only
 * reads), migrated, seeded straight through SQL (one advertiser per 5 campaigns, all active, 20 cities, a fifth in
 * two; a budget row funded for each; 7 days of CTR counts for 70 %), {@code VACUUM ANALYZE}d. Then:
 * <ol>
 *   <li><b>first refresh</b>: {@code ServingIndexRefresher.refresh()} on a new pool (new connections, so PostgreSQL
 *       plans each statement for the values bound: the case that stalled);</li>
 *   <li><b>refresh</b>: {@code rounds} more, timed one by one (median, min, max);</li>
 *   <li><b>decisions while refreshing</b>: the app's arrangement, a background thread calling
 *       {@code refreshIfStale()} every 250 ms with the default 1 s interval, while {@code threads} threads decide
 *       back to back for {@code measure} seconds on the system clock (Berlin, 200 organic matches, half promoted);
 *       the latency of every decision and how many took over 50 ms.</li>
 * </ol>
 *
 * <p>Options as {@code name=value}: {@code campaigns} (10000,100000), {@code rounds} (5), {@code measure} seconds
 * (15), {@code threads} (2), {@code limit} seconds a refresh may take before it is cancelled (120).
 */
public final class ServingRefreshBenchmark {

    private static final BudgetCalendar CALENDAR = BudgetCalendar.UTC;
    private static final IdGenerator IDS = new SortableRandomIdGenerator(Clock.systemUTC());
    private static final int CITIES = 20;
    private static final long SLOW_DECISION_NANOS = 50_000_000L;

    record Options(List<Integer> campaigns, int rounds, int measureSeconds, int threads, int limitSeconds, int sideRounds) {

        static Options parse(String[] args) {
            Map<String, String> given = new LinkedHashMap<>();
            for (String arg : args) {
                int eq = arg.indexOf('=');
                if (eq <= 0) {
                    throw new IllegalArgumentException("expected name=value, got: " + arg);
                }
                given.put(arg.substring(0, eq).replaceFirst("^--", ""), arg.substring(eq + 1));
            }
            Options options = new Options(
                    Arrays.stream(given.getOrDefault("campaigns", "10000,100000").split(",")).map(Integer::parseInt).toList(),
                    Integer.parseInt(given.getOrDefault("rounds", "5")),
                    Integer.parseInt(given.getOrDefault("measure", "15")),
                    Integer.parseInt(given.getOrDefault("threads", "2")),
                    Integer.parseInt(given.getOrDefault("limit", "120")),
                    Integer.parseInt(given.getOrDefault("side", "7")));
            given.keySet().removeAll(List.of("campaigns", "rounds", "measure", "threads", "limit", "side"));
            if (!given.isEmpty()) {
                throw new IllegalArgumentException("unknown options: " + given.keySet());
            }
            return options;
        }
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        System.out.printf("ServingRefreshBenchmark %s; load %s%n", options, loadAverage());
        List<String> rows = new ArrayList<>();
        List<String> sideRows = new ArrayList<>();
        for (int campaigns : options.campaigns()) {
            rows.add(run(campaigns, options, sideRows));
        }
        System.out.println();
        System.out.println("| campaigns | first refresh, new pool | refresh: median (min–max) | decisions | p50 | p99 | p99.9 | max | over 50 ms | load |");
        System.out.println("|--:|--:|--:|--:|--:|--:|--:|--:|--:|--|");
        rows.forEach(System.out::println);
        if (!sideRows.isEmpty()) {
            System.out.println();
            System.out.println(SideBySide.HEADER);
            sideRows.forEach(System.out::println);
        }
    }

    private static String run(int campaigns, Options options, List<String> sideRows) throws Exception {
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.startTemporary(Map.of())) {
            DatabaseMigrator.migrate(server.dataSource());
            String loadBefore = loadAverage();
            long seedStart = System.nanoTime();
            List<String> berlinEntities = seed(server, campaigns);
            System.out.printf("%,d campaigns seeded in %.1f s (PostgreSQL %s)%n", campaigns,
                    (System.nanoTime() - seedStart) / 1e9, server.setting("server_version"));

            ExecutorService refreshing = Executors.newSingleThreadExecutor();
            try (ConnectionPool pool = ConnectionPool.open(server, 4)) {
                PostgresRepositories repositories = new PostgresRepositories(pool.dataSource(), ZoneOffset.UTC);
                Clock clock = Clock.systemUTC();
                ServingSettings settings = ServingSettings.defaults(new PolicyLimits(Money.ofCents(25), 3, 1), CALENDAR);
                HourlyTrafficCounter traffic = new HourlyTrafficCounter(CALENDAR, settings.pacing().historyDays() + 1);
                ServingIndexRefresher refresher = new ServingIndexRefresher(repositories.campaigns(),
                        repositories.advertisers(), repositories.policies(), repositories.ledger(),
                        new TrafficCtrStatistics(repositories.ctrFeed(), CALENDAR, clock, TrafficCtrStatistics.DEFAULT_DAYS),
                        traffic, settings, clock);

                Future<Long> first = refreshing.submit(() -> timed(refresher::refresh));
                double firstSeconds;
                try {
                    firstSeconds = first.get(options.limitSeconds(), TimeUnit.SECONDS) / 1e9;
                } catch (TimeoutException e) {
                    cancelQueries(server);
                    String row = String.format(Locale.ROOT, "| %,d | **over %d s** (cancelled) | – | – | – | – | – | – | – | %s → %s |",
                            campaigns, options.limitSeconds(), loadBefore, loadAverage());
                    System.out.println(row);
                    return row;
                }
                System.out.printf(Locale.ROOT, "first refresh on a new pool: %.3f s%n", firstSeconds);

                double[] rounds = new double[options.rounds()];
                for (int i = 0; i < rounds.length; i++) {
                    rounds[i] = refreshing.submit(() -> timed(refresher::refresh)).get(options.limitSeconds(), TimeUnit.SECONDS) / 1e9;
                    System.out.printf(Locale.ROOT, "refresh %d: %.3f s (load %s)%n", i + 1, rounds[i], loadAverage());
                }
                printParts(repositories, clock);
                if (options.sideRounds() > 0) {
                    sideRows.addAll(SideBySide.measure(server, repositories, settings, traffic, clock, campaigns,
                            options.sideRounds()));
                }
                double[] sortedRounds = rounds.clone();
                Arrays.sort(sortedRounds);

                DecideAdPage decide = new DecideAdPage(refresher, settings, IDS, clock, traffic, query -> "q");
                long[] latencies = decideWhileRefreshing(refresher, decide, berlinEntities, options);
                Arrays.sort(latencies);
                long slow = Arrays.stream(latencies).filter(nanos -> nanos > SLOW_DECISION_NANOS).count();
                String row = String.format(Locale.ROOT,
                        "| %,d | %.2f s | %.2f s (%.2f–%.2f) | %,d | %s | %s | %s | %s | %d | %s → %s |",
                        campaigns, firstSeconds, sortedRounds[sortedRounds.length / 2], sortedRounds[0],
                        sortedRounds[sortedRounds.length - 1], latencies.length, millis(latencies, 0.50),
                        millis(latencies, 0.99), millis(latencies, 0.999), millis(latencies, 1.0), slow, loadBefore,
                        loadAverage());
                System.out.println(row);
                return row;
            } finally {
                refreshing.shutdownNow();
            }
        }
    }

    /** As the app runs it: a background check every 250 ms, decisions on other threads; every decision's latency. */
    private static long[] decideWhileRefreshing(ServingIndexRefresher refresher, DecideAdPage decide,
            List<String> berlinEntities, Options options) throws Exception {
        ScheduledExecutorService background = Executors.newSingleThreadScheduledExecutor();
        AtomicLong refreshes = new AtomicLong();
        background.scheduleWithFixedDelay(() -> {
            try {
                ServingIndex before = refresher.current().orElse(null);
                refresher.refreshIfStale();
                if (refresher.current().orElse(null) != before) {
                    refreshes.incrementAndGet();
                }
            } catch (RuntimeException e) {
                e.printStackTrace();
            }
        }, 0, 250, TimeUnit.MILLISECONDS);
        ExecutorService deciders = Executors.newFixedThreadPool(options.threads());
        try {
            long end = System.nanoTime() + options.measureSeconds() * 1_000_000_000L;
            List<Future<long[]>> results = new ArrayList<>();
            for (int t = 0; t < options.threads(); t++) {
                int seed = t;
                results.add(deciders.submit(() -> {
                    List<DecisionRequest> searches = searches(berlinEntities, new Random(seed));
                    long[] latencies = new long[1 << 16];
                    int count = 0;
                    for (int i = 0; System.nanoTime() < end; i++) {
                        long start = System.nanoTime();
                        decide.decide(searches.get(i % searches.size()));
                        long took = System.nanoTime() - start;
                        if (count == latencies.length) {
                            latencies = Arrays.copyOf(latencies, count * 2);
                        }
                        latencies[count++] = took;
                    }
                    return Arrays.copyOf(latencies, count);
                }));
            }
            long[] all = new long[0];
            for (Future<long[]> result : results) {
                long[] some = result.get();
                long[] merged = Arrays.copyOf(all, all.length + some.length);
                System.arraycopy(some, 0, merged, all.length, some.length);
                all = merged;
            }
            System.out.printf("%,d decisions on %d threads in %d s while %d refreshes ran in the background%n",
                    all.length, options.threads(), options.measureSeconds(), refreshes.get());
            return all;
        } finally {
            deciders.shutdownNow();
            background.shutdownNow();
            background.awaitTermination(options.limitSeconds(), TimeUnit.SECONDS);
        }
    }

    private static List<DecisionRequest> searches(List<String> berlinEntities, Random random) {
        List<DecisionRequest> searches = new ArrayList<>();
        for (int s = 0; s < 64; s++) {
            List<String> organic = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                organic.add(i % 2 == 0 ? berlinEntities.get(random.nextInt(berlinEntities.size())) : "srv_organic_" + s + "_" + i);
            }
            List<String> distinct = organic.stream().distinct().toList();
            searches.add(new DecisionRequest(Surface.PEOPLE_SEARCH, Optional.empty(), new CityCode("berlin"),
                    s % 2 == 0 ? "portrait" : "wedding photographer", Viewer.anonymous("fp_" + s), 20, distinct));
        }
        return searches;
    }

    /**
     * Writes the marketplace in a few statements; the triggers give every campaign its budget row. Answers the
     * entities of the Berlin campaigns.
     */
    private static List<String> seed(EmbeddedPostgresServer server, int campaigns) throws SQLException {
        Random random = new Random(42);
        int advertisers = Math.max(1, campaigns / 5);
        String[] advertiserIds = new String[advertisers];
        for (int i = 0; i < advertisers; i++) {
            advertiserIds[i] = IDS.newAdvertiserId().value();
        }
        List<String> berlin = new ArrayList<>();
        LocalDate today = CALENDAR.dayOf(Clock.systemUTC().instant());
        try (Connection connection = server.dataSource().getConnection()) {
            try (PreparedStatement insert = connection.prepareStatement("""
                    insert into promo_advertiser (advertiser_id, user_id, status)
                    select id, 'usr_' || id, 'active' from unnest(?) as ids(id)
                    """)) {
                insert.setArray(1, connection.createArrayOf("text", advertiserIds));
                insert.executeUpdate();
            }
            for (int from = 0; from < campaigns; from += 10_000) {
                int n = Math.min(10_000, campaigns - from);
                String[] ids = new String[n];
                String[] owners = new String[n];
                String[] entities = new String[n];
                String[] cities = new String[n];
                String[] keywords = new String[n];
                Integer[] cpcs = new Integer[n];
                String[] formats = new String[n];
                String[] pacing = new String[n];
                for (int i = 0; i < n; i++) {
                    int c = from + i;
                    ids[i] = IDS.newCampaignId().value();
                    owners[i] = advertiserIds[c % advertisers];
                    entities[i] = "srv_c" + c;
                    String city = "city" + (c % CITIES);
                    if (c % CITIES == 0) {
                        city = "berlin";
                    }
                    String second = random.nextInt(5) == 0 ? ",city" + random.nextInt(CITIES) : "";
                    cities[i] = "{" + city + second + "}";
                    if (city.equals("berlin")) {
                        berlin.add(entities[i]);
                    }
                    keywords[i] = random.nextInt(10) < 3 ? "{portrait,wedding}" : "{}";
                    cpcs[i] = 25 + random.nextInt(176);
                    formats[i] = random.nextInt(10) < 3 ? "featured" : "boosted";
                    pacing[i] = random.nextBoolean() ? "even" : "accelerated";
                }
                try (PreparedStatement insert = connection.prepareStatement("""
                        insert into promo_campaign (campaign_id, advertiser_id, target_entity_type, target_entity_id, name,
                          surface, format, city_targets, keyword_targets, status, start_date, cpc_cents,
                          daily_budget_cents, pacing_mode)
                        select id, owner, 'service_profile', entity, 'bench ' || entity, 'people_search', format,
                          cast(cities as text[]), cast(keywords as text[]), 'active', current_date - 10, cpc, cpc * 100,
                          pacing
                        from unnest(?, ?, ?, ?, ?, ?, ?, ?) as c(id, owner, entity, cities, keywords, cpc, format, pacing)
                        """)) {
                    insert.setArray(1, connection.createArrayOf("text", ids));
                    insert.setArray(2, connection.createArrayOf("text", owners));
                    insert.setArray(3, connection.createArrayOf("text", entities));
                    insert.setArray(4, connection.createArrayOf("text", cities));
                    insert.setArray(5, connection.createArrayOf("text", keywords));
                    insert.setArray(6, connection.createArrayOf("int4", cpcs));
                    insert.setArray(7, connection.createArrayOf("text", formats));
                    insert.setArray(8, connection.createArrayOf("text", pacing));
                    insert.executeUpdate();
                }
            }
            try (Statement statement = connection.createStatement()) {
                // Funded, and a third with spend today: the counters a refresh reads (the ledger is not the point here).
                statement.execute("update promo_campaign_budget set balance_cents = 1000000");
                statement.execute("update promo_campaign_budget set spend_day = date '" + today
                        + "', spent_on_day_cents = 100 where hashtext(campaign_id) % 3 = 0");
                statement.execute("""
                        insert into promo_traffic_daily (campaign_id, budget_day, type, outcome, events)
                        select c.campaign_id, date '%s' - d, t.type, case t.type when 'click' then 'billed' else '' end,
                               case t.type when 'click' then 3 else 100 end
                        from promo_campaign c cross join generate_series(0, 6) d
                          cross join (values ('impression'), ('click')) t(type)
                        where abs(hashtext(c.campaign_id) %% 10) < 7
                        """.formatted(today));
                for (int city = 0; city < CITIES; city++) {
                    statement.execute("insert into promo_policy (policy_id, surface, city, cpc_floor_cents,"
                            + " max_density_top20, max_above_fold) values ('" + IDS.newPolicyId().value()
                            + "', 'people_search', '" + (city == 0 ? "berlin" : "city" + city) + "', 25, 3, 1)");
                }
                statement.execute("vacuum analyze");
            }
        }
        return berlin;
    }

    /** Each read of a refresh alone, warm, to show where its time goes. */
    private static void printParts(PostgresRepositories repositories, Clock clock) {
        LocalDate today = CALENDAR.dayOf(clock.instant());
        List<io.promo.domain.shared.CampaignId> ids = new ArrayList<>();
        long campaigns = timed(() -> repositories.campaigns().findAll().forEach(c -> ids.add(c.id())));
        long advertisers = timed(() -> repositories.advertisers().findAll());
        long policies = timed(() -> repositories.policies().findAll());
        long states = timed(() -> repositories.ledger().states(ids, today));
        long ctr = timed(() -> repositories.ctrFeed().countsSince(today.minusDays(TrafficCtrStatistics.DEFAULT_DAYS - 1)));
        System.out.printf(Locale.ROOT, "parts: campaigns %.0f ms, advertisers %.0f ms, policies %.0f ms, budget states %.0f ms,"
                + " CTR counts %.0f ms%n", campaigns / 1e6, advertisers / 1e6, policies / 1e6, states / 1e6, ctr / 1e6);
    }

    private static long timed(Runnable work) {
        long start = System.nanoTime();
        work.run();
        return System.nanoTime() - start;
    }

    /** Stops the statements a refresh left running, so that the server can close. */
    private static void cancelQueries(EmbeddedPostgresServer server) throws SQLException {
        try (Connection connection = server.dataSource().getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("select pg_cancel_backend(pid) from pg_stat_activity"
                    + " where pid <> pg_backend_pid() and state = 'active'");
        }
    }

    private static String millis(long[] sorted, double p) {
        if (sorted.length == 0) {
            return "–";
        }
        int index = (int) Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1));
        double ms = sorted[index] / 1e6;
        return ms >= 100 ? String.format(Locale.ROOT, "%,.0f ms", ms) : String.format(Locale.ROOT, "%.3f ms", ms);
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException | RuntimeException e) {
            return "n/a";
        }
    }
}
