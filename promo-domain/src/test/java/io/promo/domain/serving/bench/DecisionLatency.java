package io.promo.domain.serving.bench;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.Locale;

/**
 * {@link DecisionBenchmark}'s decision timed one by one on the wall clock: every decision of a long run, not JMH's
 * sample of them, so a percentile of the tail rests on thousands of decisions above it. Prints p50, p90, p99 and
 * p99.9 in µs, the share of decisions above 30 µs, the collections during the run and the load average.
 *
 * <p>Why beside JMH's {@code -bm sample}: JMH times a sample of the decisions, this every one; and the share above
 * 30 µs says how many decisions a change pushed into the tail where p99 itself does not move. Each JVM lays out the
 * campaigns and compiles the decision its own way, so one build's p99 still moves from run to run (9.8–15.6 µs over
 * five runs at share 0.5): compare builds by the median of alternating runs, as {@code scripts/bench/decision-tail.sh}
 * does. Run it with transparent huge pages (the script does): with 4 KB pages
 * this host's page walks, not the code, set every build's p99 (docs/benchmarks.md, "Tenth pass").
 *
 * <pre>
 * java -XX:+UseTransparentHugePages -cp "$CP" io.promo.domain.serving.bench.DecisionLatency 0.5 [decisions] [warm-up s]
 * </pre>
 * The first argument is {@code promotedShare}. It needs only the benchmark's public {@code promotedShare},
 * {@code setUp()} and {@code decide()}, so it runs another build's benchmark when that build's classes come first on
 * the class path.
 */
public final class DecisionLatency {

    /** A decision above this many µs counts as slow in the printed share. */
    private static final long SLOW_NANOS = 30_000;

    private DecisionLatency() {
    }

    public static void main(String[] args) {
        double share = args.length > 0 ? Double.parseDouble(args[0]) : 1.0;
        int decisions = args.length > 1 ? Integer.parseInt(args[1]) : 1_500_000;
        long warmUpNanos = (args.length > 2 ? Long.parseLong(args[2]) : 10) * 1_000_000_000L;

        WarmedUpDecisions warm = WarmedUpDecisions.of(share, warmUpNanos);
        DecisionBenchmark benchmark = warm.benchmark();
        long sink = warm.checksum();

        double loadAtStart = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        long collectionsAtStart = collections();
        long[] nanos = new long[decisions];
        long runStart = System.nanoTime();
        for (int i = 0; i < decisions; i++) {
            long start = System.nanoTime();
            sink += benchmark.decide().positions().size();
            nanos[i] = System.nanoTime() - start;
        }
        double seconds = (System.nanoTime() - runStart) / 1e9;
        long collections = collections() - collectionsAtStart;
        double loadAtEnd = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();

        long slow = Arrays.stream(nanos).filter(n -> n > SLOW_NANOS).count();
        Arrays.sort(nanos);
        System.out.printf(Locale.ROOT, "promotedShare %.2f: p50 %.2f, p90 %.2f, p99 %.2f, p99.9 %.1f µs; %.3f %% above"
                        + " %d µs; %d decisions in %.1f s, %d collections, load %.2f -> %.2f (checksum %d)%n", share,
                at(nanos, 0.50), at(nanos, 0.90), at(nanos, 0.99), at(nanos, 0.999), 100.0 * slow / decisions,
                SLOW_NANOS / 1_000, decisions, seconds, collections, loadAtStart, loadAtEnd, sink);
    }

    /** The {@code quantile} of sorted nanoseconds, in µs (the nearest rank). */
    private static double at(long[] sorted, double quantile) {
        int rank = (int) Math.ceil(quantile * sorted.length);
        return sorted[Math.max(0, rank - 1)] / 1_000.0;
    }

    private static long collections() {
        long total = 0;
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            total += Math.max(0, collector.getCollectionCount());
        }
        return total;
    }
}
