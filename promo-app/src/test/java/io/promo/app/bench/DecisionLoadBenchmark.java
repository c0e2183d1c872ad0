package io.promo.app.bench;

import io.promo.app.PromoApplication;
import io.promo.embedded.internal.UseCases;
import io.promo.app.config.PromoConfig;
import io.promo.domain.advertiser.Advertiser;
import io.promo.domain.advertiser.CreateAdvertiserCommand;
import io.promo.domain.advertiser.PaymentReference;
import io.promo.domain.campaign.Campaign;
import io.promo.domain.campaign.CampaignAction;
import io.promo.domain.campaign.CampaignSettings;
import io.promo.domain.campaign.ChangeCampaignStatusCommand;
import io.promo.domain.campaign.CreateCampaignCommand;
import io.promo.domain.campaign.Format;
import io.promo.domain.campaign.PacingMode;
import io.promo.domain.campaign.TargetEntity;
import io.promo.domain.ledger.FundingCommand;
import io.promo.domain.ledger.IdempotencyKey;
import io.promo.domain.shared.Actor;
import io.promo.domain.shared.CityCode;
import io.promo.domain.shared.Money;
import io.promo.domain.shared.Surface;
import io.promo.domain.shared.UserId;
import io.promo.persistence.EmbeddedPostgresServer;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Load on {@code POST /v1/decisions} over a real port, from a client on the same machine (docs/benchmarks.md,
 * "HTTP load"). Starts promo as {@code ./promo serve} does, on a throw-away embedded PostgreSQL, seeds a
 * marketplace through the use cases, then runs closed-loop client threads, each on its own keep-alive
 * connection, against two routes in the same run:
 *
 * <ul>
 * <li><b>baseline</b>: the same request with the admin key, refused with 403 before the body is read: the
 *     HTTP stack, authentication and a problem answer, no decision;</li>
 * <li><b>decisions</b>: the search service's request with 200 organic matches, of which about 20 have a
 *     campaign in the city: the whole decision path.</li>
 * </ul>
 *
 * Options as {@code name=value} arguments: {@code concurrency} [8], {@code warmup} seconds [5], {@code measure}
 * seconds [15], {@code rounds} [3], {@code campaigns} [600], {@code matches} [200]; {@code hold} seconds: instead of
 * measuring, serve the seeded promo that long for an external load generator ({@code scripts/bench/wrk-decisions.sh}).
 */
public final class DecisionLoadBenchmark {

    static final String ADMIN_KEY = "bench-admin-key-0123456789abcdefghijklmnop";
    static final String SERVICE_KEY = "bench-service-key-0123456789abcdefghijklmn";
    private static final List<String> CITIES = List.of("berlin", "paris", "lisbon");

    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args);
        int concurrency = Integer.parseInt(options.getOrDefault("concurrency", "8"));
        int warmup = Integer.parseInt(options.getOrDefault("warmup", "5"));
        int measure = Integer.parseInt(options.getOrDefault("measure", "15"));
        int rounds = Integer.parseInt(options.getOrDefault("rounds", "3"));
        int campaigns = Integer.parseInt(options.getOrDefault("campaigns", "600"));
        int matches = Integer.parseInt(options.getOrDefault("matches", "200"));
        try (PromoApplication app = startSeeded(campaigns)) {
            if (options.containsKey("hold")) {
                hold(app, campaigns, matches, Integer.parseInt(options.get("hold")), Path.of(options.getOrDefault("bodies",
                        "promo-app/target/decision-bodies")));
                return;
            }
            System.out.printf(Locale.ROOT, "promo on port %d, %d campaigns in %d cities, %d organic matches per request, "
                    + "%d client threads, %d processors%n", app.port(), campaigns, CITIES.size(), matches, concurrency,
                    Runtime.getRuntime().availableProcessors());
            List<byte[]> decisionRequests = new ArrayList<>();
            List<byte[]> baselineRequests = new ArrayList<>();
            Random random = new Random(42);
            for (int i = 0; i < 64; i++) {
                String body = decisionBody(random, campaigns, matches);
                decisionRequests.add(request("/v1/decisions", body, SERVICE_KEY));
                baselineRequests.add(request("/v1/decisions", body, ADMIN_KEY));
            }
            for (int round = 1; round <= rounds; round++) {
                Result baseline = run(app.port(), rotating(baselineRequests), 403, concurrency, warmup, measure, null);
                Result decisions = run(app.port(), rotating(decisionRequests), 200, concurrency, warmup, measure, null);
                System.out.printf(Locale.ROOT, "round %d  baseline: %s%n", round, baseline);
                System.out.printf(Locale.ROOT, "round %d  decisions: %s  → %.2fx the baseline's throughput%n", round,
                        decisions, decisions.perSecond() / baseline.perSecond());
            }
        }
    }

    /**
     * For an external load generator ({@code scripts/bench/wrk-decisions.sh}): writes the 64 request bodies to
     * {@code bodies} as {@code body-0.json} …, prints the port and the search service's key, and keeps serving for
     * {@code seconds}.
     */
    private static void hold(PromoApplication app, int campaigns, int matches, int seconds, Path bodies)
            throws IOException, InterruptedException {
        Files.createDirectories(bodies);
        Random random = new Random(42);
        for (int i = 0; i < 64; i++) {
            Files.writeString(bodies.resolve("body-" + i + ".json"), decisionBody(random, campaigns, matches));
        }
        System.out.printf(Locale.ROOT, "serving port=%d key=%s bodies=%s for %d s%n", app.port(), SERVICE_KEY,
                bodies.toAbsolutePath(), seconds);
        System.out.flush();
        Thread.sleep(seconds * 1_000L);
    }

    static Map<String, String> options(String[] args) {
        Map<String, String> options = new java.util.HashMap<>();
        for (String arg : args) {
            String[] pair = arg.split("=", 2);
            options.put(pair[0], pair[1]);
        }
        return options;
    }

    /** promo as {@code ./promo serve} starts it, on a throw-away embedded PostgreSQL, seeded and its index built. */
    static PromoApplication startSeeded(int campaigns) {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        // A temporary server (its data directory deleted when it closes) with the durable settings promo's own
        // embedded database runs with. The impressions a run writes take gigabytes, so it closes when the JVM ends,
        // however it ends (the wrk script stops the held server with a signal): the app first, which may still be
        // writing; closing either twice is a no-op.
        EmbeddedPostgresServer database = EmbeddedPostgresServer.startTemporary(
                Map.of("fsync", "on", "synchronous_commit", "on"));
        AtomicReference<PromoApplication> started = new AtomicReference<>();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            PromoApplication running = started.get();
            if (running != null) {
                running.close();
            }
            database.close();
        }, "bench-database-cleanup"));
        PromoApplication app = PromoApplication.start(PromoConfig.load(Map.of(
                PromoConfig.DB_URL, database.jdbcUrl(), PromoConfig.HTTP_PORT, "0",
                PromoConfig.ADMIN_KEY, ADMIN_KEY, PromoConfig.SERVICE_KEY, SERVICE_KEY), Map.of(), new SecureRandom()));
        started.set(app);
        seed(app.useCases(), campaigns);
        app.servingIndex().refresh();
        return app;
    }

    /** Daily budgets and funds far beyond what a run spends, so that every valid click of the click load is billed. */
    private static void seed(UseCases promo, int campaigns) {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        for (int i = 0; i < campaigns; i++) {
            Advertiser owner = promo.createAdvertiser().create(new CreateAdvertiserCommand(Actor.ADMIN,
                    new UserId("usr_bench_" + i), Optional.of(new PaymentReference("cus_" + i + "/pm_" + i)))).orElseThrow();
            CityCode city = new CityCode(CITIES.get(i % CITIES.size()));
            CampaignSettings settings = new CampaignSettings("bench " + i, i % 3 == 0 ? Format.FEATURED : Format.BOOSTED,
                    List.of(city), i % 2 == 0 ? List.of() : List.of("portrait", "wedding"), today, Optional.empty(),
                    Money.ofCents(30 + i % 50), Money.ofCents(1_000_000), Optional.empty(),
                    i % 4 == 0 ? PacingMode.EVEN : PacingMode.ACCELERATED);
            Campaign campaign = promo.createCampaign().create(new CreateCampaignCommand(Actor.tenant(owner.id()), owner.id(),
                    Surface.PEOPLE_SEARCH, new TargetEntity(io.promo.domain.campaign.TargetEntityType.SERVICE_PROFILE,
                            "srv_bench_" + i), settings)).orElseThrow();
            promo.recordFunding().record(FundingCommand.topUp(campaign.id(), Money.ofCents(10_000_000), IdempotencyKey.STRIPE,
                    "pi_bench_" + i)).orElseThrow();
            promo.changeCampaignStatus().change(new ChangeCampaignStatusCommand(Actor.tenant(owner.id()), campaign.id(),
                    CampaignAction.ACTIVATE)).orElseThrow();
        }
    }

    /** A search in one city: {@code matches} organic ids, one in ten of them an entity with a campaign there. */
    static String decisionBody(Random random, int campaigns, int matches) {
        int cityIndex = random.nextInt(CITIES.size());
        List<Integer> inCity = new ArrayList<>();
        for (int campaign = cityIndex; campaign < campaigns; campaign += CITIES.size()) {
            inCity.add(campaign);
        }
        java.util.Collections.shuffle(inCity, random);
        StringBuilder organic = new StringBuilder();
        for (int i = 0; i < matches; i++) {
            if (i > 0) {
                organic.append(',');
            }
            if (i % 10 == 3) {
                organic.append("\"srv_bench_").append(inCity.get((i / 10) % inCity.size())).append('"');
            } else {
                organic.append("\"srv_organic_").append(random.nextInt(1_000_000)).append('_').append(i).append('"');
            }
        }
        return """
                {"surface":"people_search","role":"photographer","city":"%s","query":"%s",
                 "viewer":{"anon_fingerprint":"fp_%d"},"client":{"ip":"203.0.113.%d","user_agent":"Mozilla/5.0 bench"},
                 "page_size":20,"organic_matches":[%s]}""".formatted(CITIES.get(cityIndex),
                random.nextBoolean() ? "wedding portrait" : "fashion", random.nextInt(10_000), random.nextInt(250), organic);
    }

    static byte[] request(String path, String body, String key) {
        byte[] json = body.getBytes(StandardCharsets.UTF_8);
        String head = "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + key
                + "\r\nContent-Type: application/json\r\nContent-Length: " + json.length + "\r\n\r\n";
        byte[] headBytes = head.getBytes(StandardCharsets.US_ASCII);
        byte[] request = Arrays.copyOf(headBytes, headBytes.length + json.length);
        System.arraycopy(json, 0, request, headBytes.length, json.length);
        return request;
    }

    record Result(long requests, double seconds, long errors, long p50Micros, long p99Micros, long p999Micros,
            long maxMicros) {
        double perSecond() {
            return requests / seconds;
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%,.0f req/s, p50 %.2f ms, p99 %.2f ms, p99.9 %.2f ms, max %.1f ms, %d errors",
                    perSecond(), p50Micros / 1000.0, p99Micros / 1000.0, p999Micros / 1000.0, maxMicros / 1000.0, errors);
        }
    }

    /** What a client thread sends next. */
    interface Requests {
        /** The next request of client thread {@code thread}, which has sent {@code sent} before; null to stop. */
        byte[] next(int thread, int sent);
    }

    /** Reads the body of an answer; called by the client threads, for answers in the measured window only. */
    interface Answers {
        void answered(int status, byte[] body);
    }

    /** The same few requests over and over, each thread starting at its own. */
    static Requests rotating(List<byte[]> requests) {
        return (thread, sent) -> requests.get((thread + sent) % requests.size());
    }

    /**
     * Closed loop: each thread sends, waits for the answer, sends the next, until the time is up or {@code requests}
     * has nothing more; latencies (and {@code answers}, if not null) of the measured window only.
     */
    static Result run(int port, Requests requests, int expectedStatus, int concurrency, int warmupSeconds,
            int measureSeconds, Answers answers) throws Exception {
        long start = System.nanoTime();
        long measureFrom = start + warmupSeconds * 1_000_000_000L;
        long measureUntil = measureFrom + measureSeconds * 1_000_000_000L;
        AtomicLong errors = new AtomicLong();
        AtomicLong lastAnswer = new AtomicLong(measureFrom);
        List<long[]> perThread = new ArrayList<>();
        List<int[]> counts = new ArrayList<>();
        CountDownLatch done = new CountDownLatch(concurrency);
        for (int t = 0; t < concurrency; t++) {
            long[] latencies = new long[4_000_000];
            int[] count = new int[1];
            perThread.add(latencies);
            counts.add(count);
            int thread = t;
            Thread client = new Thread(() -> {
                try (Socket socket = new Socket("127.0.0.1", port)) {
                    socket.setTcpNoDelay(true);
                    OutputStream out = socket.getOutputStream();
                    InputStream in = new BufferedInputStream(socket.getInputStream(), 65_536);
                    ByteArrayOutputStream body = answers == null ? null : new ByteArrayOutputStream(1_024);
                    for (int n = 0; ; n++) {
                        long sent = System.nanoTime();
                        byte[] request = sent >= measureUntil ? null : requests.next(thread, n);
                        if (request == null) {
                            break;
                        }
                        out.write(request);
                        out.flush();
                        int status = readResponse(in, body);
                        long answered = System.nanoTime();
                        if (status != expectedStatus) {
                            errors.incrementAndGet();
                        }
                        if (sent >= measureFrom && count[0] < latencies.length) {
                            latencies[count[0]++] = (answered - sent) / 1_000;
                            lastAnswer.accumulateAndGet(answered, Math::max);
                            if (answers != null) {
                                answers.answered(status, body.toByteArray());
                            }
                        }
                    }
                } catch (IOException e) {
                    errors.incrementAndGet();
                    System.err.println("client thread failed: " + e);
                } finally {
                    done.countDown();
                }
            }, "bench-client-" + t);
            client.start();
        }
        done.await();
        int total = counts.stream().mapToInt(c -> c[0]).sum();
        long[] all = new long[total];
        int at = 0;
        for (int t = 0; t < concurrency; t++) {
            System.arraycopy(perThread.get(t), 0, all, at, counts.get(t)[0]);
            at += counts.get(t)[0];
        }
        Arrays.sort(all);
        // A window cut short by a source that ran dry counts only the seconds it lasted.
        double seconds = Math.min(measureSeconds, (Math.min(lastAnswer.get(), measureUntil) - measureFrom) / 1e9);
        return new Result(total, seconds, errors.get(), percentile(all, 0.50), percentile(all, 0.99),
                percentile(all, 0.999), all.length == 0 ? 0 : all[all.length - 1]);
    }

    private static long percentile(long[] sorted, double p) {
        return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
    }

    /** Reads one HTTP/1.1 response (Content-Length or chunked) and answers its status; its body into {@code body} if not null. */
    private static int readResponse(InputStream in, ByteArrayOutputStream body) throws IOException {
        if (body != null) {
            body.reset();
        }
        String statusLine = readLine(in);
        int status = Integer.parseInt(statusLine.substring(9, 12));
        long length = -1;
        boolean chunked = false;
        for (String line = readLine(in); !line.isEmpty(); line = readLine(in)) {
            String lower = line.toLowerCase(Locale.ROOT);
            if (lower.startsWith("content-length:")) {
                length = Long.parseLong(line.substring(15).trim());
            } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                chunked = true;
            }
        }
        if (chunked) {
            for (long size = Long.parseLong(readLine(in).trim(), 16); size > 0; size = Long.parseLong(readLine(in).trim(), 16)) {
                skip(in, size, body);
                readLine(in);
            }
            readLine(in);
        } else if (length > 0) {
            skip(in, length, body);
        }
        return status;
    }

    private static void skip(InputStream in, long bytes, ByteArrayOutputStream body) throws IOException {
        if (body != null) {
            byte[] read = in.readNBytes(Math.toIntExact(bytes));
            if (read.length < bytes) {
                throw new IOException("connection closed mid-body");
            }
            body.write(read);
            return;
        }
        long left = bytes;
        while (left > 0) {
            long skipped = in.skip(left);
            if (skipped <= 0) {
                if (in.read() < 0) {
                    throw new IOException("connection closed mid-body");
                }
                skipped = 1;
            }
            left -= skipped;
        }
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder(64);
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new IOException("connection closed");
            }
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }
}
