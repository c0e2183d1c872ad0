package io.promo.app.bench;

import static io.promo.app.bench.DecisionLoadBenchmark.ADMIN_KEY;
import static io.promo.app.bench.DecisionLoadBenchmark.SERVICE_KEY;
import static io.promo.app.bench.DecisionLoadBenchmark.decisionBody;
import static io.promo.app.bench.DecisionLoadBenchmark.request;
import static io.promo.app.bench.DecisionLoadBenchmark.rotating;
import static io.promo.app.bench.DecisionLoadBenchmark.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.promo.app.PromoApplication;
import io.promo.app.bench.DecisionLoadBenchmark.Result;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Load on {@code POST /v1/clicks} over a real port (docs/benchmarks.md, "HTTP load"), with the server, seed and
 * client of {@link DecisionLoadBenchmark}. Each round:
 *
 * <ol>
 * <li><b>baseline</b>: the decision benchmark's 403 baseline (admin key, refused before the body is read);</li>
 * <li>click tokens: {@code POST /v1/decisions} until enough sponsored results' {@code click_token}s are collected
 *     (not timed);</li>
 * <li><b>clicks</b>: every request once, drawn in order from a prepared list: 75% a fresh token (a new viewer, a
 *     new ip, so that the burst rule of 20 clicks a minute per ip does not fire), 10% an exact replay of a fresh
 *     click at least 2,000 positions earlier (→ {@code duplicate_impression}; none among a
 *     round's first 2,000), 10% a fresh token from a Googlebot user agent, 5% a fresh token with one character
 *     changed.</li>
 * </ol>
 *
 * Every answer must be a 200; the outcomes of the measured window are counted by {@code type}/{@code reason}.
 * Options as {@code name=value}: {@code concurrency} [8], {@code warmup} seconds [5], {@code measure} seconds [15],
 * {@code rounds} [3], {@code campaigns} [600], {@code matches} [200], {@code clicks} per round [30000].
 */
public final class ClickLoadBenchmark {

    /** A replay repeats a click this many positions back, long answered when 8 closed-loop threads reach it. */
    private static final int REPLAY_DISTANCE = 2_000;

    public static void main(String[] args) throws Exception {
        Map<String, String> options = DecisionLoadBenchmark.options(args);
        int concurrency = Integer.parseInt(options.getOrDefault("concurrency", "8"));
        int warmup = Integer.parseInt(options.getOrDefault("warmup", "5"));
        int measure = Integer.parseInt(options.getOrDefault("measure", "15"));
        int rounds = Integer.parseInt(options.getOrDefault("rounds", "3"));
        int campaigns = Integer.parseInt(options.getOrDefault("campaigns", "600"));
        int matches = Integer.parseInt(options.getOrDefault("matches", "200"));
        int clicks = Integer.parseInt(options.getOrDefault("clicks", "30000"));
        ObjectMapper json = new ObjectMapper();

        try (PromoApplication app = DecisionLoadBenchmark.startSeeded(campaigns)) {
            System.out.printf(Locale.ROOT, "promo on port %d, %d campaigns, %d clicks prepared per round, %d client "
                    + "threads, %d processors%n", app.port(), campaigns, clicks, concurrency,
                    Runtime.getRuntime().availableProcessors());
            Random random = new Random(42);
            List<byte[]> baselineRequests = new ArrayList<>();
            List<byte[]> decisionRequests = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                String body = decisionBody(random, campaigns, matches);
                baselineRequests.add(request("/v1/decisions", body, ADMIN_KEY));
                decisionRequests.add(request("/v1/decisions", body, SERVICE_KEY));
            }
            int clicked = 0;
            long errors = 0;
            for (int round = 1; round <= rounds; round++) {
                Result baseline = run(app.port(), rotating(baselineRequests), 403, concurrency, warmup, measure, null);
                List<String> tokens = clickTokens(app.port(), decisionRequests, concurrency, clicks, json);
                List<byte[]> mix = clickMix(tokens, clicks, clicked, random);
                clicked += mix.size();
                AtomicInteger next = new AtomicInteger();
                Map<String, LongAdder> outcomes = new ConcurrentHashMap<>();
                Result result = run(app.port(), (thread, sent) -> {
                    int at = next.getAndIncrement();
                    return at < mix.size() ? mix.get(at) : null;
                }, 200, concurrency, warmup, measure, (status, body) -> outcomes.computeIfAbsent(
                        status == 200 ? outcome(json, body) : "http " + status, key -> new LongAdder()).increment());
                errors += baseline.errors() + result.errors();
                System.out.printf(Locale.ROOT, "round %d  baseline: %s%n", round, baseline);
                System.out.printf(Locale.ROOT, "round %d  clicks: %s over %.1f s  → %.2fx the baseline's throughput%n",
                        round, result, result.seconds(), result.perSecond() / baseline.perSecond());
                Map<String, Long> sorted = new TreeMap<>();
                outcomes.forEach((outcome, count) -> sorted.put(outcome, count.sum()));
                System.out.printf(Locale.ROOT, "round %d  outcomes (measured window): %s%n", round, sorted);
                if (next.get() >= mix.size()) {
                    System.out.printf(Locale.ROOT, "round %d  ran out of prepared clicks: raise clicks=%n", round);
                }
            }
            if (errors > 0) {
                throw new IllegalStateException(errors + " answers were not the expected status");
            }
        }
    }

    /** Sponsored results' click tokens from decisions on the rotating bodies, until {@code wanted} are collected. */
    private static List<String> clickTokens(int port, List<byte[]> decisionRequests, int concurrency, int wanted,
            ObjectMapper json) throws Exception {
        List<String> tokens = Collections.synchronizedList(new ArrayList<>());
        Result fetched = run(port, (thread, sent) -> tokens.size() < wanted ? decisionRequests.get(
                (thread + sent) % decisionRequests.size()) : null, 200, concurrency, 0, 3_600, (status, body) -> {
                    try {
                        json.readTree(body).findValuesAsText("click_token").forEach(tokens::add);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
        if (fetched.errors() > 0 || tokens.size() < wanted) {
            throw new IllegalStateException("collecting click tokens: " + fetched.errors() + " errors, " + tokens.size()
                    + " of " + wanted + " tokens");
        }
        return tokens;
    }

    /** The click requests of one round, in order; {@code clickedBefore} keeps viewers and ips new across rounds. */
    private static List<byte[]> clickMix(List<String> tokens, int clicks, int clickedBefore, Random random) {
        List<byte[]> mix = new ArrayList<>(clicks);
        List<Integer> fresh = new ArrayList<>();
        int replayable = 0; // fresh.get(0 .. replayable - 1) are at least REPLAY_DISTANCE positions back
        int token = 0;
        for (int i = 0; i < clicks; i++) {
            while (replayable < fresh.size() && fresh.get(replayable) <= i - REPLAY_DISTANCE) {
                replayable++;
            }
            int n = clickedBefore + i;
            double draw = random.nextDouble();
            if (draw < 0.10 && replayable > 0) {
                mix.add(mix.get(fresh.get(random.nextInt(replayable))));
            } else if (draw >= 0.10 && draw < 0.20) {
                mix.add(click(tokens.get(token++), n, "Googlebot/2.1 (+http://www.google.com/bot.html)"));
            } else if (draw >= 0.20 && draw < 0.25) {
                mix.add(click(tampered(tokens.get(token++)), n, "Mozilla/5.0 bench"));
            } else {
                fresh.add(i);
                mix.add(click(tokens.get(token++), n, "Mozilla/5.0 bench"));
            }
        }
        return mix;
    }

    private static byte[] click(String token, int n, String userAgent) {
        String body = """
                {"click_token":"%s","viewer":{"anon_fingerprint":"fp_click_%d"},\
                "client":{"ip":"10.%d.%d.%d","user_agent":"%s"}}""".formatted(token, n, (n >> 16) & 255, (n >> 8) & 255,
                n & 255, userAgent);
        return request("/v1/clicks", body, SERVICE_KEY);
    }

    /** The token with its middle character changed: the signature no longer matches (or it no longer parses). */
    private static String tampered(String token) {
        int middle = token.length() / 2;
        char changed = token.charAt(middle) == 'A' ? 'B' : 'A';
        return token.substring(0, middle) + changed + token.substring(middle + 1);
    }

    private static String outcome(ObjectMapper json, byte[] body) {
        try {
            JsonNode answer = json.readTree(body);
            JsonNode reason = answer.path("reason");
            String billed = answer.path("billed_cents").asLong() > 0 ? " billed" : "";
            return answer.path("type").asText() + billed + (reason.isTextual() ? "/" + reason.asText() : "");
        } catch (IOException e) {
            return "unreadable answer";
        }
    }
}
