package io.promo.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.promo.demo.DayResults.CampaignDay;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;

class HtmlReportTest {

    private static final Pattern SVG = Pattern.compile("<svg.*?</svg>", Pattern.DOTALL);

    @Test
    void drawsOneWellFormedChartPerCampaignAndOneForInvalidClicks() throws Exception {
        String html = HtmlReport.render(day(List.of(
                campaign("pcmp_1", "Studio <Lumen> & Co", "even", 10_000),
                campaign("pcmp_2", "Ana Photo", "accelerated", 5_000)),
                Map.of("bot_user_agent", 7L, "duplicate_impression", 3L)));

        List<String> charts = svgs(html);
        assertThat(charts).hasSize(3);
        for (String chart : charts) {
            DocumentBuilderFactory.newInstance().newDocumentBuilder()
                    .parse(new ByteArrayInputStream(chart.getBytes(StandardCharsets.UTF_8)));
        }
        assertThat(html).contains("Studio &lt;Lumen&gt; &amp; Co").doesNotContain("<Lumen>");
        assertThat(html).contains("bot_user_agent").contains("duplicate_impression");
    }

    @Test
    void drawsThePacingTargetOnlyForEvenCampaigns() {
        String html = HtmlReport.render(day(List.of(
                campaign("pcmp_1", "Even one", "even", 10_000),
                campaign("pcmp_2", "Fast one", "accelerated", 10_000)), Map.of()));

        List<String> charts = svgs(html);
        assertThat(dashedTargetLines(charts.get(0))).isEqualTo(1);
        assertThat(dashedTargetLines(charts.get(1))).isZero();
        assertThat(html).contains("No invalid clicks.");
    }

    @Test
    void spendLineEndsAtTheDaysSpendAndBudgetLineSpansTheDay() {
        CampaignDay half = campaign("pcmp_1", "Half spent", "accelerated", 10_000);
        String chart = svgs(HtmlReport.render(day(List.of(half), Map.of()))).get(0);

        double[] spendEnd = lastPoint(chart, "#1f77b4");
        double[] budgetEnd = lastPoint(chart, "#999");
        double zeroY = 170 - 22;
        // The spend ends at half the budget: halfway between the x axis and the budget line.
        assertThat(zeroY - spendEnd[1]).isCloseTo((zeroY - budgetEnd[1]) / 2, org.assertj.core.data.Offset.offset(0.2));
        assertThat(spendEnd[0]).isEqualTo(budgetEnd[0]);
    }

    @Test
    void everyCampaignIsDrawnOnTheSameScaleOfItsBudgetFromZeroToOneHundredPercent() {
        CampaignDay small = campaign("pcmp_1", "Small", "accelerated", 1_000);
        CampaignDay large = campaign("pcmp_2", "Large", "accelerated", 90_000);
        List<String> charts = svgs(HtmlReport.render(day(List.of(small, large), Map.of())));

        for (String chart : charts.subList(0, 2)) {
            assertThat(axisLabels(chart)).containsExactly("0%", "50%", "100%");
        }
        assertThat(lastPoint(charts.get(0), "#1f77b4")).isEqualTo(lastPoint(charts.get(1), "#1f77b4"));
    }

    @Test
    void legendsSayInPlainWordsWhatEachLineIs() {
        String html = HtmlReport.render(day(List.of(campaign("pcmp_1", "Even one", "even", 10_000)), Map.of()));

        assertThat(html).contains("spend so far").contains("even-pacing target").contains("100%: the daily budget")
                .doesNotContain("F(hour)").doesNotContain("×");
    }

    @Test
    void theSummaryTableHasTotalsTheCurrencyAndWhyACampaignUnderDelivered() {
        CampaignDay delivered = new CampaignDay("pcmp_1", "Delivered", "featured", "accelerated", 50, 1_000, 1_000, 120, 20,
                Map.of("bot_user_agent", 2L), List.of(), 200, 150, cumulative(1_000), shares(), null);
        CampaignDay underDelivered = new CampaignDay("pcmp_2", "Few searches", "boosted", "even", 50, 3_000, 500, 40, 10,
                Map.of("self_click", 1L), List.of("wedding", "portrait"), 45, 42, cumulative(500), shares(), null);
        DayResults results = new DayResults(LocalDate.of(2026, 11, 28), "UTC", "eur", List.of(delivered, underDelivered),
                Map.of("bot_user_agent", 2L, "self_click", 1L, "bad_signature", 3L), Map.of("bad_signature", 3L), 1000, 120,
                Duration.ofSeconds(42));

        String summary = section(HtmlReport.render(results), "Summary");

        assertThat(summary).contains("daily budget (EUR)").contains("spend (EUR)").contains("why under-delivered");
        assertThat(rowOf(summary, "all campaigns")).containsSubsequence(">40.00<", ">15.00<", ">37.5%<", ">160<", ">30<",
                ">6<", "1 under-delivered");
        assertThat(rowOf(summary, "Few searches")).contains("few matching searches (keywords wedding, portrait)");
        assertThat(rowOf(summary, "Delivered")).contains("budget spent by 23 h").doesNotContain("few matching");
        assertThat(summary).contains("bid / paid per click (¢)");
        assertThat(rowOf(summary, "Few searches")).as("a 50¢ bid, 500¢ spent on 10 clicks").contains(">50 / 50<");
        assertThat(rowOf(summary, "unattributed")).contains(">3<");
    }

    @Test
    void invalidClicksPerCampaignAndUnattributedAddUpToTheTotalsByReason() {
        CampaignDay one = new CampaignDay("pcmp_1", "One", "featured", "accelerated", 50, 1_000, 1_000, 120, 20,
                Map.of("bot_user_agent", 2L, "expired_token", 1L), List.of(), 200, 150, cumulative(1_000), shares(), null);
        CampaignDay two = new CampaignDay("pcmp_2", "Two", "boosted", "even", 50, 1_000, 1_000, 120, 20,
                Map.of("bot_user_agent", 1L), List.of(), 200, 150, cumulative(1_000), shares(), null);
        Map<String, Long> totals = Map.of("bot_user_agent", 3L, "expired_token", 1L, "bad_signature", 2L);
        DayResults results = new DayResults(LocalDate.of(2026, 11, 28), "UTC", "USD", List.of(one, two), totals,
                Map.of("bad_signature", 2L), 1000, 120, Duration.ofSeconds(42));

        assertThat(results.invalidClicksReconcile()).isTrue();
        String table = section(HtmlReport.render(results), "Invalid clicks by reason");
        assertThat(table).contains("The rows add up to the totals.");
        assertThat(rowOf(table, "unattributed")).containsSubsequence(">2<", "><", "><", ">2<");
        assertThat(rowOf(table, "all invalid clicks")).containsSubsequence(">2<", ">3<", ">1<", ">6<");

        DayResults missingTheUnattributed = new DayResults(results.day(), "UTC", "USD", List.of(one, two), totals, Map.of(),
                1000, 120, Duration.ofSeconds(42));
        assertThat(missingTheUnattributed.invalidClicksReconcile()).isFalse();
        assertThat(HtmlReport.render(missingTheUnattributed)).contains("The rows do not add up to the totals.");
    }

    @Test
    void progressBarPrintsEachTenthOnceWhenNotOnAConsole() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ProgressBar bar = new ProgressBar(new PrintStream(bytes, true, StandardCharsets.UTF_8), false, 200);
        for (int done = 0; done <= 200; done++) {
            bar.show(done, "hour");
        }
        bar.finish("done");

        String[] lines = bytes.toString(StandardCharsets.UTF_8).split("\n");
        assertThat(lines).hasSize(11);
        assertThat(lines[0]).isEqualTo("0% hour");
        assertThat(lines[10]).isEqualTo("100% hour");
    }

    private static List<String> axisLabels(String chart) {
        return Pattern.compile("text-anchor=\"end\">([^<]*)<").matcher(chart).results().map(m -> m.group(1)).toList();
    }

    /** The html from the heading {@code title} to the next heading or the end. */
    private static String section(String html, String title) {
        int start = html.indexOf("\">" + title + "</h2>");
        assertThat(start).as("a section " + title).isNotNegative();
        int end = html.indexOf("<h2", start);
        return html.substring(start, end < 0 ? html.length() : end);
    }

    private static String rowOf(String html, String firstCell) {
        Matcher row = Pattern.compile("<tr[^>]*><td>" + Pattern.quote(firstCell) + "[^<]*</td>.*?</tr>").matcher(html);
        assertThat(row.find()).as("a row " + firstCell).isTrue();
        return row.group();
    }

    private static long[] cumulative(long dayTotal) {
        long[] spend = new long[24];
        for (int hour = 0; hour < 24; hour++) {
            spend[hour] = dayTotal * (hour + 1) / 24;
        }
        return spend;
    }

    private static double[] shares() {
        double[] share = new double[24];
        for (int hour = 0; hour < 24; hour++) {
            share[hour] = (hour + 1) / 24.0;
        }
        return share;
    }

    private static long dashedTargetLines(String chart) {
        return Pattern.compile("stroke=\"#ff7f0e\" stroke-dasharray").matcher(chart).results().count();
    }

    private static double[] lastPoint(String chart, String colour) {
        Matcher line = Pattern.compile("stroke=\"" + colour + "\"[^>]*points=\"([^\"]*)\"").matcher(chart);
        assertThat(line.find()).as("a line in " + colour).isTrue();
        String[] points = line.group(1).trim().split(" ");
        String[] last = points[points.length - 1].split(",");
        return new double[] {Double.parseDouble(last[0]), Double.parseDouble(last[1])};
    }

    private static List<String> svgs(String html) {
        List<String> charts = new ArrayList<>();
        Matcher matcher = SVG.matcher(html);
        while (matcher.find()) {
            charts.add(matcher.group().replace("&nbsp;", " "));
        }
        return charts;
    }

    private static DayResults day(List<CampaignDay> campaigns, Map<String, Long> invalid) {
        return new DayResults(LocalDate.of(2026, 11, 28), "UTC", "USD", campaigns, invalid, Map.of(), 1000, 120,
                Duration.ofSeconds(42));
    }

    /** Spends evenly to half its budget over the day. */
    private static CampaignDay campaign(String id, String label, String pacing, long budget) {
        long[] spend = new long[24];
        double[] share = new double[24];
        for (int hour = 0; hour < 24; hour++) {
            spend[hour] = budget / 2 * (hour + 1) / 24;
            share[hour] = (hour + 1) / 24.0;
        }
        Arrays.fill(share, 23, 24, 1.0);
        return new CampaignDay(id, label, "featured", pacing, 50, budget, spend[23], 500, 20, Map.of("bot_user_agent", 2L),
                List.of(), 800, 600, spend, share, null);
    }
}
