package io.promo.domain.serving.bench;

import io.promo.domain.advertiser.Advertiser;
import io.promo.domain.campaign.Campaign;
import io.promo.domain.ledger.BudgetState;
import io.promo.domain.serving.index.ServingData;
import io.promo.domain.serving.index.ServingIndex;
import io.promo.domain.serving.index.ServingIndexRefresher;
import io.promo.domain.shared.CampaignId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Rebuilding the serving index over 100 000 campaigns (20 cities, a fifth of them in two, 20 000
 * advertisers): {@code refresh} is the whole refresher path through the in-memory adapters (their
 * {@code findAll} sorts, one {@code BudgetLedger.state} per campaign through the port's default
 * {@code states}); {@code build} is the index construction alone, from data already read. See
 * docs/benchmarks.md.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xms4g", "-Xmx4g"})
public class IndexRefreshBenchmark {

    private BenchMarketplace market;
    private ServingIndexRefresher refresher;
    private ServingData data;

    @Setup
    public void setUp() {
        market = new BenchMarketplace(100_000, 20, 10_000, 42);
        refresher = market.refresher();
        List<Campaign> campaigns = market.campaigns.findAll();
        List<Advertiser> advertisers = market.advertisers.findAll();
        Map<CampaignId, BudgetState> budgets = market.ledger.states(
                campaigns.stream().map(Campaign::id).toList(), BenchMarketplace.TODAY);
        data = new ServingData(campaigns, advertisers, market.policies.findAll(), budgets, Map.copyOf(market.ctr), Map.of());
    }

    @Benchmark
    public ServingIndex refresh() {
        return refresher.refresh();
    }

    @Benchmark
    public ServingIndex build() {
        return ServingIndex.build(BenchMarketplace.NOW, market.settings, data);
    }
}
