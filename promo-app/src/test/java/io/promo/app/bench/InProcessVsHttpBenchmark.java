package io.promo.app.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.promo.app.PromoApplication;
import io.promo.domain.ledger.BudgetCalendar;
import io.promo.domain.serving.DecideAdPage;
import io.promo.domain.serving.DecisionRequest;
import io.promo.domain.serving.index.ServingSettings;
import io.promo.domain.serving.pacing.HourlyTrafficCounter;
import io.promo.domain.serving.share.ImpressionShareCounter;
import io.promo.domain.shared.SortableRandomIdGenerator;
import io.promo.domain.traffic.QuerySignature;
import io.promo.embedded.AdPage;
import io.promo.embedded.AdRequest;
import io.promo.embedded.Promo;
import io.promo.embedded.SearchAds;
import io.promo.embedded.internal.DeploymentDefaults;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.ToIntFunction;

/**
 * The same decisions three ways in one run (docs/benchmarks.md, "In process against HTTP"): {@code DecisionLoadBenchmark}'s
 * request mix (600 campaigns in 3 cities, 200 organic matches of which one in ten has a campaign in the city, 64
 * rotating searches) decided
 *
 * <ul>
 * <li><b>bare</b>: {@code DecisionRequest.parse} and {@code DecideAdPage.decide} on the serving index, what the JMH
 *     {@code DecisionBenchmark} times (impression share counted with the deployment's sampling): no click tokens,
 *     no impressions;</li>
 * <li><b>in process</b>: through promo-embedded's public API only ({@code Promo.serving().decide(AdRequest)}), the
 *     whole use case of {@code POST /v1/decisions}: tokens signed, impressions buffered and written by promo's thread;</li>
 * <li><b>HTTP</b>: {@code POST /v1/decisions} on promo-app, by {@code DecisionLoadBenchmark}'s closed-loop client in
 *     this JVM.</li>
 * </ul>
 *
 * Each round runs bare and in process in turns, then HTTP, so their ratios meet the same load. Run it with a heap
 * committed and touched up front ({@code -Xms2g -Xmx2g -XX:+AlwaysPreTouch}): otherwise the first touch of every page
 * a growing heap takes is a page fault on the deciding thread, and the side that allocates more pays more of them
 * (docs/benchmarks.md). Per side: decisions per second,
 * p50/p99/p99.9 latency, decisions per CPU-second of the deciding threads (in process and bare: the "per core"
 * figure) and per CPU-second of the whole process (everything: GC, promo's own threads, and for HTTP the server and
 * the client). Options as {@code name=value}: {@code rounds} [5], {@code warmup} seconds [3], {@code measure} seconds
 * [8], {@code threads} deciding in process and bare [1], {@code concurrency} HTTP client connections [8],
 * {@code campaigns} [600], {@code matches} [200], {@code http} [true]: {@code false} leaves the HTTP side out, for
 * comparing two builds' in-process cost in more rounds of the same time. Bare and in process take turns in batches
 * of {@value #BATCH} decisions on the same threads ({@link #interleaved} says why).
 */
public final class InProcessVsHttpBenchmark {

    private static final int SEARCHES = 64;
    /** Decisions per turn when the bare and in-process sides take turns: tens of milliseconds, many turns a second. */
    private static final int BATCH = 2_000;

    public static void main(String[] args) throws Exception {
        Map<String, String> options = DecisionLoadBenchmark.options(args);
        int rounds = Integer.parseInt(options.getOrDefault("rounds", "5"));
        int warmup = Integer.parseInt(options.getOrDefault("warmup", "3"));
        int measure = Integer.parseInt(options.getOrDefault("measure", "8"));
        int threads = Integer.parseInt(options.getOrDefault("threads", "1"));
        int concurrency = Integer.parseInt(options.getOrDefault("concurrency", "8"));
        int campaigns = Integer.parseInt(options.getOrDefault("campaigns", "600"));
        int matches = Integer.parseInt(options.getOrDefault("matches", "200"));
        boolean withHttp = Boolean.parseBoolean(options.getOrDefault("http", "true"));

        try (PromoApplication app = DecisionLoadBenchmark.startSeeded(campaigns);
                // The embedder's promo: the public API on the same database, the schema only verified.
                Promo promo = Promo.builder().dataSource(app.dataSource()).schema(Promo.Schema.VERIFY).start()) {
            promo.refreshServingIndex();
            List<String> bodies = new ArrayList<>();
            Random random = new Random(42);
            for (int i = 0; i < SEARCHES; i++) {
                bodies.add(DecisionLoadBenchmark.decisionBody(random, campaigns, matches));
            }
            List<AdRequest> adRequests = bodies.stream().map(InProcessVsHttpBenchmark::adRequest).toList();
            List<byte[]> httpRequests = bodies.stream()
                    .map(body -> DecisionLoadBenchmark.request("/v1/decisions", body, DecisionLoadBenchmark.SERVICE_KEY))
                    .toList();
            DecideAdPage bare = bareDecideAdPage(app);
            SearchAds searchAds = promo.serving();
            System.out.printf(Locale.ROOT, "%d campaigns in 3 cities, %d organic matches per search, %d searches rotating;"
                    + " %d deciding thread(s) in process and bare, %d HTTP connections; %d processors, %s, load %s%n",
                    campaigns, matches, SEARCHES, threads, concurrency, Runtime.getRuntime().availableProcessors(),
                    System.getProperty("java.vm.name") + " " + Runtime.version(), loadAverage());

            List<Round> results = new ArrayList<>();
            ToIntFunction<AdRequest> bareDecision = request -> {
                bare.decide(decisionRequest(request));
                return 0;
            };
            ToIntFunction<AdRequest> inProcessDecision = request -> searchAds.decide(request).impressionsDropped();
            for (int round = 1; round <= rounds; round++) {
                Side[] sides = interleaved(threads, warmup, measure, adRequests, List.of("bare DecideAdPage",
                        "in process (public API)"), List.of(bareDecision, inProcessDecision));
                Side bareSide = sides[0];
                Side inProcessSide = sides[1];
                Side httpSide = withHttp ? http(app.port(), concurrency, warmup, measure, httpRequests) : Side.NONE;
                Round result = new Round(bareSide, inProcessSide, httpSide);
                results.add(result);
                System.out.printf(Locale.ROOT, "round %d%n  %s%n  %s%n  %s%n  in process / bare, per core: %.2f;"
                        + " HTTP p99 / in-process p99: %.0fx%n", round, bareSide, inProcessSide, httpSide,
                        result.perCoreRatio(), result.p99Ratio());
            }
            System.out.printf(Locale.ROOT, "medians of %d rounds:%n", rounds);
            System.out.printf(Locale.ROOT, "  bare:       %s%n", Side.medians(results.stream().map(Round::bare).toList()));
            System.out.printf(Locale.ROOT, "  in process: %s%n", Side.medians(results.stream().map(Round::inProcess).toList()));
            System.out.printf(Locale.ROOT, "  HTTP:       %s%n", Side.medians(results.stream().map(Round::http).toList()));
            System.out.printf(Locale.ROOT, "  in process / bare, per core (goal >= 0.9): %.2f; HTTP p99 / in-process p99"
                    + " (goal >= 100): %.0fx; load %s%n", median(results.stream().mapToDouble(Round::perCoreRatio).toArray()),
                    median(results.stream().mapToDouble(Round::p99Ratio).toArray()), loadAverage());
        }
    }

    /** The body as the search service's {@link AdRequest}: the in-process client gets exactly what HTTP gets. */
    private static AdRequest adRequest(String body) {
        try {
            JsonNode json = new ObjectMapper().readTree(body);
            List<String> organic = new ArrayList<>();
            json.get("organic_matches").forEach(id -> organic.add(id.textValue()));
            return AdRequest.builder(json.get("surface").textValue(), json.get("city").textValue())
                    .role(json.get("role").textValue()).query(json.get("query").textValue())
                    .anonymousViewer(json.get("viewer").get("anon_fingerprint").textValue())
                    .client(json.get("client").get("ip").textValue(), json.get("client").get("user_agent").textValue())
                    .pageSize(json.get("page_size").intValue()).organicMatches(organic).build();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static DecisionRequest decisionRequest(AdRequest r) {
        return DecisionRequest.parse(r.surface(), r.role(), r.city(), r.query(), r.userId(), r.anonymousFingerprint(),
                r.pageSize(), r.organicMatches());
    }

    /**
     * A {@link DecideAdPage} built as the wiring builds it, on the app's serving index, counting impression share with
     * the deployment's sampling as JMH's {@code DecisionBenchmark} and the in-process side do: without, the bare side
     * would leave out work both of those do.
     */
    private static DecideAdPage bareDecideAdPage(PromoApplication app) {
        BudgetCalendar calendar = new BudgetCalendar(ZoneOffset.UTC);
        ServingSettings settings = ServingSettings.defaults(DeploymentDefaults.POLICY_LIMITS, calendar);
        Clock clock = Clock.systemUTC();
        return new DecideAdPage(app.servingIndex(), settings, new SortableRandomIdGenerator(clock), clock,
                new HourlyTrafficCounter(calendar, settings.pacing().historyDays() + 1),
                new QuerySignature("bench-hash-secret-0123456789abcdef".getBytes(StandardCharsets.UTF_8))::of,
                ImpressionShareCounter.sampling());
    }

    /**
     * {@code sides} measured on the same threads in turns of {@value #BATCH} decisions each, all threads switching
     * together: a run's deciding thread can spend minutes on a vCPU that a neighbour of this virtual machine contends
     * for, and the time it stays there can be one side's whole window when the sides run one after the other (the
     * ratio of the two then swings by half or more from round to round). In turns, both sides meet the same vCPU,
     * the same neighbours and the same load, and their ratio holds. Per side: its turns' decisions, latencies, thread CPU time, allocation
     * and wall time, and the process's CPU time during its turns (work promo's own threads do for one side's turn,
     * such as writing its impressions, can spill into the next turn). Each side's impression-share sampling allowance
     * grows in wall time, during the other side's turns too, so each counts more of its decisions than a deployment's
     * thread would: (its turn + the other's) / its turn as many, about 2.7 times for the faster bare side and 1.6 for
     * the in-process side, which lowers the bare side's rate a little more and so raises the ratio by about a point.
     */
    private static Side[] interleaved(int threads, int warmupSeconds, int measureSeconds, List<AdRequest> requests,
            List<String> names, List<ToIntFunction<AdRequest>> sides) throws InterruptedException {
        int k = sides.size();
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        long start = System.nanoTime();
        long measureFrom = start + warmupSeconds * 1_000_000_000L;
        long measureUntil = measureFrom + measureSeconds * 1_000_000_000L;
        long[][][] latencies = new long[k][threads][];
        int[][] counts = new int[k][threads];
        AtomicLong[] threadCpu = new AtomicLong[k];
        AtomicLong[] allocated = new AtomicLong[k];
        AtomicLong[] dropped = new AtomicLong[k];
        long[] wall = new long[k];
        long[] processCpu = new long[k];
        for (int s = 0; s < k; s++) {
            threadCpu[s] = new AtomicLong();
            allocated[s] = new AtomicLong();
            dropped[s] = new AtomicLong();
            for (int t = 0; t < threads; t++) {
                latencies[s][t] = new long[Math.min(measureSeconds * 200_000, 20_000_000)];
            }
        }
        String loadFrom = loadAverage();
        // The barrier's action runs between turns, when every thread has finished one: it books the turn's wall and
        // process CPU time to its side and picks the next side.
        int[] turn = {0};
        boolean[] measuring = {false};
        boolean[] finished = {false};
        long[] mark = {System.nanoTime(), processCpuNanos()};
        CyclicBarrier between = new CyclicBarrier(threads, () -> {
            long now = System.nanoTime();
            long processNow = processCpuNanos();
            if (measuring[0]) {
                wall[turn[0] % k] += now - mark[0];
                processCpu[turn[0] % k] += processNow - mark[1];
            }
            // Measuring starts and ends on a whole round of turns, so every side has as many turns.
            if (turn[0] % k == k - 1) {
                finished[0] = measuring[0] && now >= measureUntil;
                measuring[0] = now >= measureFrom;
            }
            turn[0]++;
            mark[0] = now;
            mark[1] = processNow;
        });
        CountDownLatch done = new CountDownLatch(threads);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            Thread decider = new Thread(() -> {
                try {
                    int n = thread;
                    // The barrier's action writes turn, measuring and finished; await() orders them before these reads.
                    between.await();
                    while (!finished[0]) {
                        int side = turn[0] % k;
                        boolean measured = measuring[0];
                        ToIntFunction<AdRequest> decide = sides.get(side);
                        long[] mine = latencies[side][thread];
                        int count = counts[side][thread];
                        long cpuFrom = cpu.getCurrentThreadCpuTime();
                        long allocatedFrom = allocatedBytes();
                        long lost = 0;
                        long now = System.nanoTime();
                        for (int i = 0; i < BATCH; i++) {
                            lost += decide.applyAsInt(requests.get(n++ % requests.size()));
                            long after = System.nanoTime();
                            if (measured && count < mine.length) {
                                mine[count++] = after - now;
                            }
                            now = after;
                        }
                        if (measured) {
                            threadCpu[side].addAndGet(cpu.getCurrentThreadCpuTime() - cpuFrom);
                            allocated[side].addAndGet(allocatedBytes() - allocatedFrom);
                            dropped[side].addAndGet(lost);
                            counts[side][thread] = count;
                        }
                        between.await();
                    }
                } catch (Throwable e) {
                    // The first failure is the run's; breaking the barrier releases the other threads' waits.
                    failure.compareAndSet(null, e);
                    between.reset();
                } finally {
                    done.countDown();
                }
            }, "bench-decider-" + t);
            decider.start();
        }
        done.await();
        if (failure.get() != null) {
            throw new IllegalStateException("a deciding thread failed; no figures", failure.get());
        }
        String load = loadFrom + " → " + loadAverage();
        Side[] measured = new Side[k];
        for (int s = 0; s < k; s++) {
            long[] all = merge(latencies[s], counts[s]);
            measured[s] = new Side(names.get(s), all.length, wall[s] / 1e9, percentile(all, 0.50), percentile(all, 0.99),
                    percentile(all, 0.999), threadCpu[s].get(), allocated[s].get(), processCpu[s], dropped[s].get(), load);
        }
        return measured;
    }

    /**
     * The bytes the calling thread has allocated so far (HotSpot's count): unlike time, the same on a busy machine as
     * on a quiet one, so it compares builds exactly.
     */
    private static long allocatedBytes() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
    }

    /** DecisionLoadBenchmark's client: a warm-up run, then the measured one with the process's CPU time around it. */
    private static Side http(int port, int concurrency, int warmupSeconds, int measureSeconds, List<byte[]> requests)
            throws Exception {
        String loadFrom = loadAverage();
        DecisionLoadBenchmark.run(port, DecisionLoadBenchmark.rotating(requests), 200, concurrency, 0, warmupSeconds, null);
        long processCpuFrom = processCpuNanos();
        DecisionLoadBenchmark.Result result = DecisionLoadBenchmark.run(port, DecisionLoadBenchmark.rotating(requests),
                200, concurrency, 0, measureSeconds, null);
        long processCpu = processCpuNanos() - processCpuFrom;
        if (result.errors() > 0) {
            throw new IllegalStateException(result.errors() + " HTTP answers were not 200");
        }
        return new Side("HTTP, " + concurrency + " connections", result.requests(), result.seconds(),
                result.p50Micros() * 1_000, result.p99Micros() * 1_000, result.p999Micros() * 1_000, -1, -1, processCpu, 0,
                loadFrom + " → " + loadAverage());
    }

    record Side(String name, long decisions, double seconds, long p50Nanos, long p99Nanos, long p999Nanos,
            long threadCpuNanos, long allocatedBytes, long processCpuNanos, long impressionsDropped, String load) {

        /** The HTTP side of a run with {@code http=false}: no decisions, its rates NaN. */
        static final Side NONE = new Side("HTTP (not run)", 0, Double.NaN, 0, 0, 0, -1, -1, 0, 0, "-");

        double perSecond() {
            return decisions / seconds;
        }

        /** Decisions per CPU-second of the deciding threads; NaN when they are not ours to time (HTTP). */
        double perThreadCpuSecond() {
            return threadCpuNanos < 0 ? Double.NaN : decisions / (threadCpuNanos / 1e9);
        }

        double perProcessCpuSecond() {
            return decisions / (processCpuNanos / 1e9);
        }

        /** Bytes the deciding threads allocated per decision; NaN for HTTP (Jetty's threads are not ours to count). */
        double bytesPerDecision() {
            return allocatedBytes < 0 ? Double.NaN : (double) allocatedBytes / decisions;
        }

        static String medians(List<Side> sides) {
            if (sides.stream().allMatch(side -> side == NONE)) {
                return "not run";
            }
            return String.format(Locale.ROOT, "%,.0f decisions/s, %,.0f per deciding-thread CPU-second, %,.0f per process"
                    + " CPU-second, p50 %s, p99 %s, p99.9 %s, %,.0f bytes allocated per decision",
                    median(sides.stream().mapToDouble(Side::perSecond).toArray()),
                    median(sides.stream().mapToDouble(Side::perThreadCpuSecond).toArray()),
                    median(sides.stream().mapToDouble(Side::perProcessCpuSecond).toArray()),
                    time(median(sides.stream().mapToDouble(Side::p50Nanos).toArray())),
                    time(median(sides.stream().mapToDouble(Side::p99Nanos).toArray())),
                    time(median(sides.stream().mapToDouble(Side::p999Nanos).toArray())),
                    median(sides.stream().mapToDouble(Side::bytesPerDecision).toArray()));
        }

        @Override
        public String toString() {
            if (this == NONE) {
                return name;
            }
            return String.format(Locale.ROOT, "%-26s %,9.0f decisions/s, %,9.0f per deciding-thread CPU-s, %,9.0f per"
                    + " process CPU-s, p50 %s, p99 %s, p99.9 %s, %,.0f B allocated per decision, %,d impressions dropped,"
                    + " load %s", name, perSecond(), perThreadCpuSecond(), perProcessCpuSecond(), time(p50Nanos),
                    time(p99Nanos), time(p999Nanos), bytesPerDecision(), impressionsDropped, load);
        }
    }

    record Round(Side bare, Side inProcess, Side http) {
        double perCoreRatio() {
            return inProcess.perThreadCpuSecond() / bare.perThreadCpuSecond();
        }

        double p99Ratio() {
            return http == Side.NONE ? Double.NaN : (double) http.p99Nanos() / inProcess.p99Nanos();
        }
    }

    private static String time(double nanos) {
        return nanos >= 1_000_000 ? String.format(Locale.ROOT, "%.2f ms", nanos / 1e6)
                : String.format(Locale.ROOT, "%.1f µs", nanos / 1e3);
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return fields[0] + "/" + fields[1] + "/" + fields[2];
        } catch (java.io.IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private static long[] merge(long[][] latencies, int[] counts) {
        long[] all = new long[Arrays.stream(counts).sum()];
        int at = 0;
        for (int t = 0; t < counts.length; t++) {
            System.arraycopy(latencies[t], 0, all, at, counts[t]);
            at += counts[t];
        }
        Arrays.sort(all);
        return all;
    }

    private static long percentile(long[] sorted, double p) {
        return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n == 0 ? Double.NaN : n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
