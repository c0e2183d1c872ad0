package io.promo.domain.serving.bench;

/**
 * A {@link DecisionBenchmark} set up as JMH sets it up and warmed up by deciding for a while: where the plain loops
 * ({@link DecisionCpuTime}, {@link DecisionLatency}) start. It uses only the benchmark's public {@code promotedShare},
 * {@code setUp()} and {@code decide()}, so it works with another build's benchmark first on the class path.
 *
 * @param checksum the positions of the warm-up's pages: print it, so that the compiler cannot drop the decisions
 */
record WarmedUpDecisions(DecisionBenchmark benchmark, long checksum) {

    static WarmedUpDecisions of(double promotedShare, long warmUpNanos) {
        DecisionBenchmark benchmark = new DecisionBenchmark();
        benchmark.promotedShare = promotedShare;
        benchmark.setUp();
        long checksum = 0;
        long warmUpEnd = System.nanoTime() + warmUpNanos;
        while (System.nanoTime() < warmUpEnd) {
            for (int i = 0; i < 1_000; i++) {
                checksum += benchmark.decide().positions().size();
            }
        }
        return new WarmedUpDecisions(benchmark, checksum);
    }
}
