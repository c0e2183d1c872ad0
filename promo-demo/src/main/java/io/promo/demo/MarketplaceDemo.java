package io.promo.demo;

import com.fasterxml.jackson.databind.JsonNode;
import io.promo.app.PromoApplication;
import io.promo.app.config.PromoConfig;
import io.promo.demo.DayResults.CampaignDay;
import io.promo.demo.DemoMarketplace.Listing;
import io.promo.domain.ledger.BudgetCalendar;
import io.promo.domain.serving.pacing.HourlyTrafficCounter;
import io.promo.domain.serving.pacing.PacingSettings;
import io.promo.domain.serving.pacing.TrafficRecorder;
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
import java.util.function.Consumer;

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
     * @param seed           the same seed gives the same marketplace and the same searches; the figures still vary a
     *                       little between runs (promo's random ids, the real time the HTTP calls take)
     * @param currency       ISO 4217 code the amounts are shown in: the deployment's single currency
     */
    public record Options(int searchesPerDay, long seed, Path reportFile, String currency) {
        public static final int DEFAULT_SEARCHES = 8_000;
        /** promo's deployment currency by default (docs/design.md: one currency per deployment, USD by default). */
        public static final String DEFAULT_CURRENCY = "USD";

        public Options {
            if (searchesPerDay < 500 || searchesPerDay > 1_000_000) {
                throw new IllegalArgumentException("searches per day must be between 500 and 1,000,000: " + searchesPerDay);
            }
            try {
                currency = java.util.Currency.getInstance(currency.toUpperCase(java.util.Locale.ROOT)).getCurrencyCode();
            } catch (IllegalArgumentException | NullPointerException e) {
                throw new IllegalArgumentException("currency must be an ISO 4217 code such as USD or EUR: " + currency);
            }
        }

        public Options(int searchesPerDay, long seed, Path reportFile) {
            this(searchesPerDay, seed, reportFile, DEFAULT_CURRENCY);
        }
    }

    private final PrintStream out;
    private final Options options;

    /** What the showcase after the day saw; null before {@link #run}. */
    private Showcase.Results showcase;

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
        // Last week's searches, told to promo at its start so that even pacing follows the daily curve from the first
        // hour; the same searches counted here give the target each campaign's spend is drawn against.
        Consumer<TrafficRecorder> lastWeek = recorder -> DaySimulation.recordLastWeek(recorder, day,
                options.searchesPerDay());
        HourlyTrafficCounter pacingHistory = new HourlyTrafficCounter(BudgetCalendar.UTC,
                PacingSettings.DEFAULT.historyDays() + 1);
        lastWeek.accept(pacingHistory);
        try (EmbeddedPostgresServer database = EmbeddedPostgresServer.start();
             PromoApplication app = PromoApplication.start(config(database.jdbcUrl(), options), clock, lastWeek)) {
            out.printf("promo is serving on http://127.0.0.1:%d over an embedded PostgreSQL %s (throw-away).%n",
                    app.port(), database.setting("server_version"));
            DemoApi api = new DemoApi("http://127.0.0.1:" + app.port());

            DemoMarketplace market = new DemoMarketplace(api, ADMIN_KEY, SERVICE_KEY, random);
            int calls = market.author(day);
            out.printf("Authored policies for %d cities, %d advertisers each with a funded, active campaign (%d API calls); "
                    + "last week's searches taught pacing the daily curve.%n", DemoMarketplace.CITIES.size(),
                    market.listings().size(), calls);
            out.printf("Simulating %s with %,d searches (seed %d)...%n", day, options.searchesPerDay(), options.seed());

            clock.set(day.atStartOfDay(ZoneOffset.UTC).toInstant());
            DaySimulation simulation = new DaySimulation(api, SERVICE_KEY, clock, app.servingIndex()::refreshIfStale, market,
                    random, options.searchesPerDay()).currency(options.currency());
            DaySimulation.Totals totals = simulation.run(day, ProgressBar.forConsole(out, 24));
            app.flushImpressions();
            app.flushImpressionShare();

            List<CampaignDay> campaigns = new ArrayList<>();
            for (Listing listing : market.listings()) {
                campaigns.add(readBack(api, listing, day, totals.opportunities(listing.campaignId()),
                        DaySimulation.expectedShareByHour(pacingHistory, day, listing)));
            }
            DayResults results = new DayResults(day, "UTC", options.currency(), campaigns, totals.invalidClicksByReason(),
                    totals.unattributedInvalidClicks(), totals.searches(), totals.sponsoredSlots(),
                    Duration.between(started, Instant.now()));
            out.println();
            out.print(summary(results));
            out.println(simulation.conversions() + "; cost per inquiry and ROAS per campaign in the table, from the reports.");
            HtmlReport.write(results, options.reportFile());
            out.printf("%nHTML report with charts: %s%n", options.reportFile().toAbsolutePath().toUri());

            Showcase showcase = new Showcase(api, ADMIN_KEY, SERVICE_KEY);
            Showcase.Authored authored = showcase.author(day);
            clock.set(clock.instant().plusSeconds(2));
            app.servingIndex().refreshIfStale();
            this.showcase = showcase.search(authored);
            out.printf("%n%s", Showcase.summary(this.showcase));
            return results;
        } catch (IOException e) {
            throw new UncheckedIOException("writing the report failed", e);
        }
    }

    /** The targeting showcase's figures: competitive separation, a negative keyword and a frequency cap. */
    Showcase.Results showcase() {
        return showcase;
    }

    /** promo's configuration for the demo: its database, any free port, known keys and the demo's currency. */
    static PromoConfig config(String jdbcUrl, Options options) {
        return PromoConfig.load(Map.of(
                PromoConfig.DB_URL, jdbcUrl,
                PromoConfig.HTTP_PORT, "0",
                PromoConfig.ADMIN_KEY, ADMIN_KEY,
                PromoConfig.SERVICE_KEY, SERVICE_KEY,
                PromoConfig.CURRENCY, options.currency()), Map.of(), new SecureRandom());
    }

    /**
     * The campaign's day as its advertiser sees it: the report, for the hourly spend the ledger, and when it was
     * never shown or under-delivered, its diagnostics at the day's end.
     */
    private static CampaignDay readBack(DemoApi api, Listing listing, LocalDate day, DaySimulation.Opportunities searches,
            double[] expectedShare) {
        String path = "/v1/campaigns/" + listing.campaignId();
        JsonNode report = api.call("GET", path + "/report?from=" + day + "&to=" + day, listing.advertiserKey(), null, 200)
                .path("days").get(0);
        Map<String, Long> invalid = new TreeMap<>();
        report.path("invalid_clicks").fields().forEachRemaining(count -> invalid.put(count.getKey(), count.getValue().asLong()));
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
        CampaignDay campaign = new CampaignDay(listing.campaignId(), listing.label(), listing.format(), listing.pacing(),
                listing.cpcCents(), listing.dailyBudgetCents(), reportedSpend, report.path("impressions").asLong(),
                report.path("clicks").asLong(), invalid, listing.keywords(), searches.matchingSearches(),
                searches.searchesWithItsEntity(), cumulative, expectedShare, null, conversions(report.path("conversions")),
                auctions(report.path("auctions")), report.path("savings_cents").asLong());
        return campaign.impressions() > 0 && !campaign.underDelivered() ? campaign
                : campaign.withNotShownBecause(whyNotShown(api, listing));
    }

    private static DayResults.Conversions conversions(JsonNode conversions) {
        JsonNode byType = conversions.path("by_type");
        JsonNode inquiries = byType.path("inquiry");
        return new DayResults.Conversions(inquiries.path("conversions").asLong(), byType.path("booking").path("conversions").asLong(),
                conversions.path("value_cents").asLong(),
                inquiries.path("cost_per_conversion_cents").isNumber() ? inquiries.path("cost_per_conversion_cents").asLong() : null,
                conversions.path("roas").isNumber() ? conversions.path("roas").asDouble() : null);
    }

    private static DayResults.Auctions auctions(JsonNode auctions) {
        double other = auctions.path("lost_to_floor").asDouble() + auctions.path("lost_to_status").asDouble()
                + auctions.path("lost_to_page_caps").asDouble();
        return new DayResults.Auctions(auctions.path("candidate_auctions").asLong(),
                auctions.path("impression_share").asDouble(), auctions.path("lost_to_rank").asDouble(),
                auctions.path("lost_to_budget").asDouble(), auctions.path("lost_to_pacing").asDouble(), other);
    }

    /** The deciding check the campaign's diagnostics name for a search in its city, role and keywords; null if shown. */
    private static String whyNotShown(DemoApi api, Listing listing) {
        String query = listing.positiveKeywords().isEmpty() ? "" : listing.positiveKeywords().get(0);
        JsonNode diagnosis = api.call("GET", "/v1/campaigns/" + listing.campaignId() + "/diagnostics?city=" + listing.city()
                + (listing.role() == null ? "" : "&role=" + listing.role()) + "&query=" + query, listing.advertiserKey(), null, 200);
        JsonNode reason = diagnosis.path("deciding_reason");
        return reason.isTextual() ? reason.asText() : null;
    }

    static String summary(DayResults results) {
        String currency = results.currency();
        TextTable table = new TextTable("campaign", "format", "budget " + currency, "spend " + currency, "bid / paid ¢",
                "delivered", "impr.", "clicks", "invalid", "CTR", "impression share", "inq.", "book.", "cost/inquiry", "ROAS",
                "pacing against target", "why under-delivered");
        for (CampaignDay campaign : results.campaigns()) {
            DayResults.Conversions conversions = campaign.conversions();
            table.row(campaign.label(), campaign.format(), HtmlReport.money(campaign.dailyBudgetCents()),
                    HtmlReport.money(campaign.spendCents()), campaign.bidAndPaid(), HtmlReport.percent(campaign.delivered()),
                    campaign.impressions(),
                    campaign.clicks(), campaign.invalidClicks(), HtmlReport.percent(campaign.ctr()),
                    campaign.impressionShareText(), conversions.inquiries(),
                    conversions.bookings(), HtmlReport.costPerInquiry(conversions), HtmlReport.roas(conversions),
                    campaign.paced() ? "even: " + campaign.pacingAgainstTarget() : "accelerated: " + campaign.pacingAgainstTarget(),
                    campaign.whyUnderDelivered() == null ? "" : campaign.whyUnderDelivered());
        }
        table.row("unattributed (token signature broken)", "", "", "", "", "", "", "", results.unattributedInvalidClickCount(),
                "", "", "", "", "", "", "", "");
        Totals totals = Totals.of(results);
        table.row("all campaigns", "", HtmlReport.money(totals.budgetCents()), HtmlReport.money(totals.spendCents()), "",
                HtmlReport.percent(totals.delivered()), totals.impressions(), totals.clicks(), totals.invalidClicks(),
                HtmlReport.percent(totals.ctr()), "", results.campaigns().stream().mapToLong(c -> c.conversions().inquiries()).sum(),
                results.campaigns().stream().mapToLong(c -> c.conversions().bookings()).sum(), "", "", "",
                totals.underDelivered() + " under-delivered");
        StringBuilder text = new StringBuilder(table.render());
        text.append(String.format("%n%,d searches, %,d sponsored slots; report spend equals the ledger for every campaign.%n",
                results.searches(), results.sponsoredSlots()));
        text.append("Invalid clicks by reason: ").append(new TreeMap<>(results.invalidClicksByReason()));
        text.append(results.invalidClicksReconcile()
                ? "; the campaigns' reports plus the unattributed clicks add up to them.\n"
                : "; they DO NOT add up with the campaigns' reports plus the unattributed clicks: "
                        + results.invalidClicksByReasonFromReports() + "\n");
        text.append(String.format("Simulated in %d s.%n", results.took().toSeconds()));
        return text.toString();
    }

    /** The day's totals over every campaign; invalid clicks include the unattributed ones. */
    record Totals(long budgetCents, long spendCents, long impressions, long clicks, long invalidClicks, long underDelivered) {

        static Totals of(DayResults results) {
            long budget = 0;
            long spend = 0;
            long impressions = 0;
            long clicks = 0;
            long invalid = results.unattributedInvalidClickCount();
            long under = 0;
            for (CampaignDay campaign : results.campaigns()) {
                budget += campaign.dailyBudgetCents();
                spend += campaign.spendCents();
                impressions += campaign.impressions();
                clicks += campaign.clicks();
                invalid += campaign.invalidClicks();
                under += campaign.underDelivered() ? 1 : 0;
            }
            return new Totals(budget, spend, impressions, clicks, invalid, under);
        }

        double delivered() {
            return budgetCents == 0 ? 0 : (double) spendCents / budgetCents;
        }

        double ctr() {
            return impressions == 0 ? 0 : (double) clicks / impressions;
        }
    }
}
