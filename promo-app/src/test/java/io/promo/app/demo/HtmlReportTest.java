package io.promo.app.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.promo.app.demo.DayResults.CampaignDay;
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
        return new DayResults(LocalDate.of(2026, 11, 28), "UTC", campaigns, invalid, 1000, 120, Duration.ofSeconds(42));
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
        return new CampaignDay(id, label, "featured", pacing, budget, spend[23], 500, 20, 2, spend, share, null);
    }
}
