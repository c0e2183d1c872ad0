package io.promo.domain.serving.bench;

import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;

/**
 * Two builds' {@link DecisionBenchmark} in one JVM, each from its own class loader, taking turns on one thread in
 * batches: thread CPU time per decision of each build, and the ratio of each pair of neighbouring batches.
 *
 * <p>Why: on this shared host a JVM's deciding thread can spend a whole run on a vCPU that a neighbour contends for,
 * so two builds measured in separate JVMs differ by up to a third for reasons of their own (docs/benchmarks.md,
 * "Decision speed pass"). In turns on one thread, both builds meet the same vCPU and the same neighbours, and the ratio
 * of neighbouring batches holds where the absolute figures wander. Each build has its own index, scratch and
 * compiled code; only the thread, the heap and the caches are shared (a batch of {@code batch} decisions starts with
 * the other build's data in the caches, which costs each build the same).
 *
 * <p>{@code java -cp <this build's test-classes and JMH> io.promo.domain.serving.bench.DecisionBuildsSideBySide
 * <build A's class path> <build B's class path> [promotedShare=1.0] [batch=20000] [turns=40] [warmupTurns=10]}; a
 * build's class path is its {@code promo-domain/target/test-classes} and {@code classes}, joined by ':'. The two
 * builds need only {@code DecisionBenchmark}'s public {@code promotedShare}, {@code setUp()} and {@code decide()}.
 * {@code scripts/bench/decision-builds.sh} runs it, in both orders: the build in position B has had an edge of 2–4 %
 * although the first of each turn alternates, and the script's geometric mean of the two runs cancels it.
 */
public final class DecisionBuildsSideBySide {

    private DecisionBuildsSideBySide() {
    }

    public static void main(String[] args) throws Throwable {
        if (args.length < 2) {
            throw new IllegalArgumentException("usage: <build A class path> <build B class path> [promotedShare=1.0]"
                    + " [batch=20000] [turns=40] [warmupTurns=10]");
        }
        double share = 1.0;
        int batch = 20_000;
        int turns = 40;
        int warmupTurns = 10;
        for (int i = 2; i < args.length; i++) {
            String[] pair = args[i].split("=", 2);
            switch (pair[0]) {
                case "promotedShare" -> share = Double.parseDouble(pair[1]);
                case "batch" -> batch = Integer.parseInt(pair[1]);
                case "turns" -> turns = Integer.parseInt(pair[1]);
                case "warmupTurns" -> warmupTurns = Integer.parseInt(pair[1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        Build a = new Build("A", args[0]);
        Build b = new Build("B", args[1]);
        // Impression-share sampling allows a decision thread one counted decision per interval of wall time, and each
        // build's allowance grows while the other build's turn runs: at the deployment's interval each build would
        // count (its turn + the other's) / its turn, about twice, the share of its decisions that a deployment's
        // thread deciding as fast counts. Twice the interval gives each build about the deployment's share (unless
        // the caller set one; a build before impression share counts nothing either way). A build whose counter
        // spaces the counted decisions of a busy thread by time since the last one (DEPLOYMENT_SAMPLING_UNDER_LOAD)
        // needs no correction, and gets none unless the other build needs one.
        String sampling = "promo.bench.shareSampleMicros";
        if (System.getProperty(sampling) == null) {
            long deploymentMicros = Math.max(b.deploymentSamplingMicros(), a.deploymentSamplingMicros());
            if (deploymentMicros > 0) {
                System.setProperty(sampling, Long.toString(2 * deploymentMicros));
            }
        }
        a.setUp(share);
        b.setUp(share);
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        double[] aMicros = new double[turns];
        double[] bMicros = new double[turns];
        for (int turn = -warmupTurns; turn < turns; turn++) {
            // Who goes first alternates, so neither build always follows the other.
            Build first = turn % 2 == 0 ? a : b;
            Build second = first == a ? b : a;
            double firstMicros = first.batch(batch, cpu);
            double secondMicros = second.batch(batch, cpu);
            if (turn >= 0) {
                aMicros[turn] = first == a ? firstMicros : secondMicros;
                bMicros[turn] = first == a ? secondMicros : firstMicros;
            }
        }
        double[] ratios = new double[turns];
        for (int i = 0; i < turns; i++) {
            ratios[i] = bMicros[i] / aMicros[i];
        }
        System.out.printf(Locale.ROOT, "promotedShare %.2f, %d turns of %d decisions per build (after %d warm-up turns),"
                + " impression share sampled every %s µs, load %s%n", share, turns, batch, warmupTurns,
                System.getProperty(sampling), loadAverage());
        System.out.printf(Locale.ROOT, "A %s%n  µs of thread CPU per decision: %s%n", a.classPath, summary(aMicros));
        System.out.printf(Locale.ROOT, "B %s%n  µs of thread CPU per decision: %s%n", b.classPath, summary(bMicros));
        System.out.printf(Locale.ROOT, "B / A, per turn: %s%n", summary(ratios));
    }

    /** One build: its class loader, its benchmark state, set up as JMH would. */
    private static final class Build {
        final String classPath;
        final ClassLoader loader;
        Object state;
        MethodHandle decide;

        Build(String name, String classPath) throws Exception {
            this.classPath = classPath;
            List<URL> urls = new ArrayList<>();
            for (String entry : classPath.split(":")) {
                if (!entry.isBlank()) {
                    urls.add(Path.of(entry).toUri().toURL());
                }
            }
            // The JMH annotations and the test libraries come from this JVM's class path; promo's classes from the
            // build's, never from the parent.
            ClassLoader parent = new FilteringLoader(DecisionBuildsSideBySide.class.getClassLoader());
            loader = new URLClassLoader("build-" + name, urls.toArray(URL[]::new), parent);
        }

        /**
         * The build's {@code ImpressionShareCounter.DEPLOYMENT_SAMPLING} in µs where turns distort it; 0 for a build
         * without one, or whose counter spaces a busy thread's counted decisions by time (no correction needed).
         */
        long deploymentSamplingMicros() throws ReflectiveOperationException {
            try {
                Class<?> counter = Class.forName("io.promo.domain.serving.share.ImpressionShareCounter", false, loader);
                if (Arrays.stream(counter.getFields()).anyMatch(f -> f.getName().equals("DEPLOYMENT_SAMPLING_UNDER_LOAD"))) {
                    return 0;
                }
                return ((Duration) counter.getField("DEPLOYMENT_SAMPLING").get(null)).toNanos() / 1_000;
            } catch (ClassNotFoundException | NoSuchFieldException before) {
                return 0;
            }
        }

        void setUp(double share) throws Throwable {
            Class<?> type = Class.forName(DecisionBenchmark.class.getName(), true, loader);
            if (type.getClassLoader() != loader) {
                throw new IllegalStateException(DecisionBenchmark.class.getName() + " is not in " + classPath);
            }
            state = type.getConstructor().newInstance();
            type.getField("promotedShare").setDouble(state, share);
            type.getMethod("setUp").invoke(state);
            decide = MethodHandles.publicLookup().findVirtual(type, "decide",
                    MethodType.methodType(type.getMethod("decide").getReturnType())).bindTo(state)
                    .asType(MethodType.methodType(Object.class));
        }

        /** µs of this thread's CPU per decision over {@code n} decisions. */
        double batch(int n, ThreadMXBean cpu) throws Throwable {
            long from = cpu.getCurrentThreadCpuTime();
            Object last = null;
            for (int i = 0; i < n; i++) {
                last = decide.invokeExact();
            }
            long used = cpu.getCurrentThreadCpuTime() - from;
            if (last == null) {
                throw new IllegalStateException("a decision answered null");
            }
            return used / 1e3 / n;
        }
    }

    /** Everything of the parent but promo's own classes and resources, which each build loads itself. */
    private static final class FilteringLoader extends ClassLoader {
        FilteringLoader(ClassLoader parent) {
            super(parent);
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (name.startsWith("io.promo.")) {
                throw new ClassNotFoundException(name);
            }
            return super.loadClass(name, resolve);
        }

        @Override
        public URL getResource(String name) {
            return name.startsWith("io/promo/") ? null : super.getResource(name);
        }

        @Override
        public Enumeration<URL> getResources(String name) throws IOException {
            return name.startsWith("io/promo/") ? Collections.emptyEnumeration() : super.getResources(name);
        }
    }

    private static String summary(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return String.format(Locale.ROOT, "min %.3f, p25 %.3f, median %.3f, p75 %.3f, max %.3f", sorted[0],
                sorted[n / 4], n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2, sorted[3 * n / 4],
                sorted[n - 1]);
    }

    private static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return fields[0] + "/" + fields[1] + "/" + fields[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }
}
