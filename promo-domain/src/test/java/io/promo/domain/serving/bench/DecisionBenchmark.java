package io.promo.domain.serving.bench;

import io.promo.domain.serving.DecideAdPage;
import io.promo.domain.serving.share.ImpressionShareCounter;
import io.promo.domain.serving.DecisionPage;
import io.promo.domain.serving.DecisionRequest;
import io.promo.domain.serving.QuerySigner;
import io.promo.domain.serving.Viewer;
import io.promo.domain.serving.index.ServingIndexRefresher;
import io.promo.domain.shared.RoleCode;
import io.promo.domain.shared.SortableRandomIdGenerator;
import io.promo.domain.shared.Surface;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One ad decision: 10 000 active campaigns in the searched city's index (20 000 in all, over 10
 * cities), 200 organic matches of which {@code promotedShare} have a campaign, a 3-word query, page size 20.
 * Each operation builds and validates the {@link DecisionRequest} (as the HTTP layer will) and decides,
 * impression ids from the real {@link SortableRandomIdGenerator} and an HMAC-SHA256 query signature (what the
 * keyed signature, traffic.QuerySignature, costs) included. 256 different searches rotate, so
 * branch predictors and caches do not see one search over and over. See docs/benchmarks.md.
 *
 * <p>The fork asks for transparent huge pages: with 4 KB pages the host's page walks, not the decision, set its p99
 * (docs/benchmarks.md, "Tenth pass"). A {@code -jvmArgsAppend} on JMH's command line replaces these options; repeat
 * the ones to keep.
 */
@State(Scope.Benchmark)
@BenchmarkMode({Mode.Throughput, Mode.AverageTime, Mode.SampleTime})
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-XX:+UseTransparentHugePages"})
@Threads(1)
public class DecisionBenchmark {

    private static final int SEARCHES = 256;
    private static final List<String> QUERIES = List.of("wedding photographer berlin", "Portrait Studio Berlin",
            "kw17 kw230 kw4", "");

    @Param({"0.5", "1.0"})
    public double promotedShare;

    private DecideAdPage decide;
    private final List<List<String>> organicLists = new ArrayList<>();
    private final List<Viewer> viewers = new ArrayList<>();
    /** Each search's viewer's memory token, as the search service passes it back: the last page's answer. */
    private final String[] memoryTokens = new String[SEARCHES];
    private int next;

    /**
     * The impression-share counter the deployment runs with ({@code ImpressionShareCounter.sampling()});
     * {@code -Dpromo.bench.shareSampleMicros} sets another sampling interval, used under load too (0: every decision),
     * and a negative one counts nothing, to compare.
     */
    private static ImpressionShareCounter shareCounter() {
        String given = System.getProperty("promo.bench.shareSampleMicros");
        if (given == null) {
            return ImpressionShareCounter.sampling();
        }
        long micros = Long.parseLong(given.trim());
        return micros < 0 ? null : new ImpressionShareCounter(java.time.Duration.ofNanos(micros * 1_000),
                ImpressionShareCounter.DEPLOYMENT_BURST);
    }

    @Setup
    public void setUp() {
        BenchMarketplace market = new BenchMarketplace(20_000, 10, 10_000, 42);
        ServingIndexRefresher refresher = market.refresher();
        refresher.refresh();
        decide = new DecideAdPage(refresher, market.settings, new SortableRandomIdGenerator(Clock.systemUTC()),
                market.clock, market.traffic, new HmacQuerySigner(new byte[32]), shareCounter());
        Random random = new Random(7);
        for (int s = 0; s < SEARCHES; s++) {
            List<String> organic = new ArrayList<>(200);
            int promoted = (int) Math.round(200 * promotedShare);
            List<Integer> picks = new ArrayList<>();
            while (picks.size() < promoted) {
                int pick = random.nextInt(market.campaignsInFirstCity);
                if (!picks.contains(pick)) {
                    picks.add(pick);
                }
            }
            picks.forEach(p -> organic.add("srv_c" + p));
            for (int i = promoted; i < 200; i++) {
                organic.add("srv_plain" + s + "x" + i);
            }
            Collections.shuffle(organic, random);
            organicLists.add(organic);
            viewers.add(random.nextBoolean() ? Viewer.anonymous("fp" + random.nextInt(1_000_000))
                    : Viewer.user(new io.promo.domain.shared.UserId("usr_v" + random.nextInt(1_000_000))));
        }
    }

    @Benchmark
    public DecisionPage decide() {
        int s = next++ & (SEARCHES - 1);
        DecisionRequest request = new DecisionRequest(Surface.PEOPLE_SEARCH,
                (s & 1) == 0 ? Optional.empty() : Optional.of(PHOTOGRAPHER), BenchMarketplace.BERLIN,
                QUERIES.get(s & 3), viewers.get(s), DecisionRequest.DEFAULT_PAGE_SIZE, organicLists.get(s),
                memoryTokens[s]);
        DecisionPage page = decide.decide(request);
        memoryTokens[s] = page.memoryToken().orElse(null);
        return page;
    }

    private static final RoleCode PHOTOGRAPHER = new RoleCode("photographer");

    /** HMAC-SHA256 of the query, 128 bits in hex: the cost of the keyed query signature (traffic.QuerySignature). */
    static final class HmacQuerySigner implements QuerySigner {
        private final javax.crypto.Mac prototype;

        HmacQuerySigner(byte[] secret) {
            try {
                prototype = javax.crypto.Mac.getInstance("HmacSHA256");
                prototype.init(new javax.crypto.spec.SecretKeySpec(secret, "HmacSHA256"));
            } catch (java.security.GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public String sign(String normalizedQuery) {
            try {
                byte[] mac = ((javax.crypto.Mac) prototype.clone())
                        .doFinal(normalizedQuery.getBytes(java.nio.charset.StandardCharsets.UTF_8));
                return java.util.HexFormat.of().formatHex(mac, 0, 16);
            } catch (CloneNotSupportedException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
