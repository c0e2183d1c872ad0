package io.promo.app.demo;

import com.fasterxml.jackson.databind.JsonNode;
import io.promo.app.PromoApplication;
import io.promo.app.TextTable;
import io.promo.app.config.PromoConfig;
import io.promo.app.demo.DayResults.CampaignDay;
import io.promo.app.demo.DemoMarketplace.Listing;
import io.promo.persistence.EmbeddedPostgresServer;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * {@code ./promo demo}: promo as {@code ./promo serve} runs it, on a throw-away embedded PostgreSQL and an
 * accelerated clock; a marketplace authored through the HTTP API; one budget day of searches and clicks sent
 * through the API; then the summary table and an HTML report, both read back through the API.
 */
public final class MarketplaceDemo {

    private static final String ADMIN_KEY = "demo-admin-key-not-a-secret-0123456789";
    private static final String SERVICE_KEY = "demo-service-key-not-a-secret-012345678";

    /**
     * @param searchesPerDay searches the day has (the default takes about a minute here)
     * @param seed           the same seed gives the same marketplace and the same traffic
     */
    public record Options(int searchesPerDay, long seed, Path reportFile) {
        public static final int DEFAULT_SEARCHES = 8_000;

        public Options {
            if (searchesPerDay < 500 || searchesPerDay > 1_000_000) {
                throw new IllegalArgumentException("searches per day must be between 500 and 1,000,000: " + searchesPerDay);
            }
        }
    }

    private final PrintStream out;
    private final Options options;

    public MarketplaceDemo(PrintStream out, Options options) {
        this.out = out;
        this.options = options;
    }

    /** Runs the demo; answers the day's results (also printed and written as HTML). */
    public DayResults run() {
        Instant started = Instant.now();
        LocalDate day = LocalDate.now(ZoneOffset.UTC);
        // Authoring happens the evening before, so that the day's first search finds everything live.
        SettableClock clock = new SettableClock(day.atStartOfDay(ZoneOffset.UTC).minus(Duration.ofHours(1)).toInstant());
        Random random = new Random(options.seed());
        try (EmbeddedPostgresServer database = EmbeddedPostgresServer.start();
             PromoApplication app = PromoApplication.start(PromoConfig.load(Map.of(
                     PromoConfig.DB_URL, database.jdbcUrl(),
                     PromoConfig.HTTP_PORT, "0",
                     PromoConfig.ADMIN_KEY, ADMIN_KEY,
                     PromoConfig.SERVICE_KEY, SERVICE_KEY), Map.of(), new SecureRandom()), clock)) {
            out.printf("promo is serving on http://127.0.0.1:%d over an embedded PostgreSQL %s (throw-away).%n",
                    app.port(), database.setting("server_version"));
            DemoApi api = new DemoApi("http://127.0.0.1:" + app.port());

            DaySimulation.recordLastWeek(app.trafficHistory(), day, options.searchesPerDay());
            DemoMarketplace market = new DemoMarketplace(api, ADMIN_KEY, SERVICE_KEY, random);
            int calls = market.author(day);
            out.printf("Authored policies for %d cities, %d advertisers each with a funded, active campaign (%d API calls); "
                    + "last week's searches taught pacing the daily curve.%n", DemoMarketplace.CITIES.size(),
                    market.listings().size(), calls);
            out.printf("Simulating %s with %,d searches (seed %d)...%n", day, options.searchesPerDay(), options.seed());

            clock.set(day.atStartOfDay(ZoneOffset.UTC).toInstant());
            DaySimulation simulation = new DaySimulation(api, SERVICE_KEY, clock, app.servingIndex()::refreshIfStale, market,
                    random, options.searchesPerDay());
            DaySimulation.Totals totals = simulation.run(day, ProgressBar.forConsole(out, 24));
            app.flushImpressions();

            List<CampaignDay> campaigns = new ArrayList<>();
            for (Listing listing : market.listings()) {
                campaigns.add(readBack(api, listing, day,
                        DaySimulation.expectedShareByHour(app.trafficHistory(), day, listing)));
            }
            DayResults results = new DayResults(day, "UTC", campaigns, totals.invalidClicksByReason(), totals.searches(),
                    totals.sponsoredSlots(), Duration.between(started, Instant.now()));
            out.println();
            out.print(summary(results));
            HtmlReport.write(results, options.reportFile());
            out.printf("%nHTML report with charts: %s%n", options.reportFile().toAbsolutePath().toUri());
            return results;
        } catch (IOException e) {
            throw new UncheckedIOException("writing the report failed", e);
        }
    }

    /** The campaign's day as its advertiser sees it: the report and, for the hourly spend, the ledger. */
    private static CampaignDay readBack(DemoApi api, Listing listing, LocalDate day, double[] expectedShare) {
        String path = "/v1/campaigns/" + listing.campaignId();
        JsonNode report = api.call("GET", path + "/report?from=" + day + "&to=" + day, listing.advertiserKey(), null, 200)
                .path("days").get(0);
        long invalid = 0;
        for (JsonNode count : report.path("invalid_clicks")) {
            invalid += count.asLong();
        }
        long[] spendByHour = new long[24];
        String before = null;
        do {
            JsonNode page = api.call("GET", path + "/ledger?limit=500" + (before == null ? "" : "&before=" + before),
                    listing.advertiserKey(), null, 200);
            for (JsonNode entry : page.path("entries")) {
                Instant at = Instant.parse(entry.path("created_at").asText());
                if ("spend".equals(entry.path("kind").asText()) && at.atZone(ZoneOffset.UTC).toLocalDate().equals(day)) {
                    spendByHour[at.atZone(ZoneOffset.UTC).getHour()] += entry.path("amount_cents").asLong();
                }
            }
            before = page.path("next_before").isNull() ? null : page.path("next_before").asText();
        } while (before != null);
        long[] cumulative = new long[24];
        long sum = 0;
        for (int hour = 0; hour < 24; hour++) {
            sum += spendByHour[hour];
            cumulative[hour] = sum;
        }
        long reportedSpend = report.path("spend_cents").asLong();
        if (reportedSpend != sum) {
            throw new IllegalStateException("the report's spend of " + listing.campaignId() + " (" + reportedSpend
                    + ") differs from its ledger's (" + sum + ")");
        }
        long impressions = report.path("impressions").asLong();
        return new CampaignDay(listing.campaignId(), listing.label(), listing.format(), listing.pacing(),
                listing.dailyBudgetCents(), reportedSpend, impressions, report.path("clicks").asLong(),
                invalid, cumulative, expectedShare, impressions == 0 ? whyNotShown(api, listing) : null);
    }

    /** What the campaign's diagnostics say for a search in its city, role and keywords. */
    private static String whyNotShown(DemoApi api, Listing listing) {
        String query = listing.keywords().isEmpty() ? "" : listing.keywords().get(0);
        JsonNode diagnosis = api.call("GET", "/v1/campaigns/" + listing.campaignId() + "/diagnostics?city=" + listing.city()
                + (listing.role() == null ? "" : "&role=" + listing.role()) + "&query=" + query, listing.advertiserKey(), null, 200);
        return diagnosis.path("deciding_reason").asText("none");
    }

    static String summary(DayResults results) {
        TextTable table = new TextTable("campaign", "format", "budget", "spend", "used", "impr.", "clicks", "invalid",
                "CTR", "pacing");
        long budget = 0;
        long spend = 0;
        for (CampaignDay campaign : results.campaigns()) {
            budget += campaign.dailyBudgetCents();
            spend += campaign.spendCents();
            table.row(campaign.label(), campaign.format(), HtmlReport.money(campaign.dailyBudgetCents()),
                    HtmlReport.money(campaign.spendCents()), HtmlReport.percent(campaign.budgetUsed()), campaign.impressions(),
                    campaign.clicks(), campaign.invalidClicks(), HtmlReport.percent(campaign.ctr()), pacingNote(campaign));
        }
        StringBuilder text = new StringBuilder(table.render());
        text.append(String.format("%nAll campaigns: spent %s of %s daily budgets; %,d searches, %,d sponsored slots; "
                + "report spend equals the ledger for every campaign.%n", HtmlReport.money(spend), HtmlReport.money(budget),
                results.searches(), results.sponsoredSlots()));
        text.append("Invalid clicks by reason: ").append(new TreeMap<>(results.invalidClicksByReason())).append('\n');
        text.append(String.format("Simulated in %d s.%n", results.took().toSeconds()));
        return text.toString();
    }

    /** For even pacing, the largest gap between spend and target at the end of any hour, as a share of the budget. */
    private static String pacingNote(CampaignDay campaign) {
        if (campaign.spendCents() > campaign.dailyBudgetCents()) {
            return "OVERSPENT";
        }
        if (campaign.notShownBecause() != null) {
            return "never shown: " + campaign.notShownBecause();
        }
        if (!campaign.paced()) {
            return "accelerated";
        }
        long[] spend = campaign.cumulativeSpendByHour();
        double worst = 0;
        for (int hour = 0; hour < 24; hour++) {
            worst = Math.max(worst, Math.abs(spend[hour] - campaign.pacingTargetCents(hour)) / (double) campaign.dailyBudgetCents());
        }
        return "even, within " + HtmlReport.percent(worst) + " of target";
    }
}
