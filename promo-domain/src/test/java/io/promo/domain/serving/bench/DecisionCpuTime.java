package io.promo.domain.serving.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Locale;

/**
 * {@link DecisionBenchmark}'s decision timed by the thread's CPU time instead of the wall clock: the time the
 * thread is descheduled on a loaded machine does not count, so two builds compare even when the neighbours are
 * busy (the cache they evict still does). Sets the benchmark up as JMH does, warms up, then times rounds of
 * {@code decide()} calls and prints the minimum (the least disturbed round) and the median, in µs per decision.
 *
 * <pre>
 * java -Xms1g -Xmx1g -cp "$CP" io.promo.domain.serving.bench.DecisionCpuTime 1.0 [rounds] [calls] [warm-up s]
 * </pre>
 * The first argument is {@code promotedShare}; run one JVM per share, as JMH forks one per parameter.
 * See docs/benchmarks.md.
 */
public final class DecisionCpuTime {

    private DecisionCpuTime() {
    }

    public static void main(String[] args) {
        double share = args.length > 0 ? Double.parseDouble(args[0]) : 1.0;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 15;
        int calls = args.length > 2 ? Integer.parseInt(args[2]) : 20_000;
        long warmUpNanos = (args.length > 3 ? Long.parseLong(args[3]) : 6) * 1_000_000_000L;

        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        if (!threads.isCurrentThreadCpuTimeSupported()) {
            throw new IllegalStateException("this JVM cannot measure a thread's CPU time");
        }
        double loadAtStart = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        WarmedUpDecisions warm = WarmedUpDecisions.of(share, warmUpNanos);
        DecisionBenchmark benchmark = warm.benchmark();
        long sink = warm.checksum();
        double[] micros = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            long start = threads.getCurrentThreadCpuTime();
            for (int i = 0; i < calls; i++) {
                sink += benchmark.decide().positions().size();
            }
            micros[r] = (threads.getCurrentThreadCpuTime() - start) / 1_000.0 / calls;
        }
        double loadAtEnd = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();

        double[] sorted = micros.clone();
        Arrays.sort(sorted);
        System.out.printf(Locale.ROOT, "promotedShare %.1f: CPU time per decision min %.2f µs, median %.2f µs"
                + " (%d rounds of %d; load %.2f -> %.2f; %d positions)%n", share, sorted[0], sorted[rounds / 2], rounds,
                calls, loadAtStart, loadAtEnd, sink);
        System.out.println("rounds (µs): " + Arrays.toString(Arrays.stream(micros)
                .mapToObj(m -> String.format(Locale.ROOT, "%.2f", m)).toArray()));
    }
}
