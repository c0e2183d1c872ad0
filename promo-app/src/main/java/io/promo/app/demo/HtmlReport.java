package io.promo.app.demo;

import io.promo.app.demo.DayResults.CampaignDay;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The demo's report as one self-contained HTML file: charts are inline SVG drawn here, so the file opens in
 * any browser without a network or a script library.
 *
 * <ul>
 *   <li>per campaign, cumulative spend by hour against the daily budget and, for {@code even} pacing, the
 *       target budget × F(hour);
 *   <li>invalid clicks by the rule that caught them;
 *   <li>the summary table the terminal shows.
 * </ul>
 */
public final class HtmlReport {

    private static final int CHART_WIDTH = 300;
    private static final int CHART_HEIGHT = 170;
    private static final int MARGIN_LEFT = 46;
    private static final int MARGIN_BOTTOM = 22;
    private static final int MARGIN_TOP = 10;
    private static final int MARGIN_RIGHT = 10;

    private HtmlReport() {
    }

    public static void write(DayResults results, Path file) throws IOException {
        Files.writeString(file, render(results), StandardCharsets.UTF_8);
    }

    static String render(DayResults results) {
        StringBuilder html = new StringBuilder(64 * 1024);
        html.append("""
                <!doctype html>
                <html lang="en"><head><meta charset="utf-8">
                <title>promo demo: one budget day</title>
                <style>
                  body { font: 14px/1.4 system-ui, sans-serif; margin: 2em; color: #222; }
                  h1 { font-size: 1.5em; } h2 { font-size: 1.2em; margin-top: 2em; }
                  table { border-collapse: collapse; } td, th { padding: 3px 8px; border-bottom: 1px solid #ddd; }
                  td.n { text-align: right; font-variant-numeric: tabular-nums; }
                  .grid { display: flex; flex-wrap: wrap; gap: 12px; }
                  figure { margin: 0; } figcaption { font-size: 12px; color: #555; max-width: 300px; }
                  .legend span { margin-right: 1.5em; }
                  svg text { font-size: 10px; fill: #555; }
                </style></head><body>
                """);
        html.append("<h1>promo demo: budget day ").append(escape(results.day().toString()))
                .append(" (").append(escape(results.zone())).append(")</h1>\n");
        html.append("<p>").append(results.searches()).append(" searches, ").append(results.sponsoredSlots())
                .append(" sponsored slots filled, ").append(results.campaigns().size()).append(" campaigns; simulated in ")
                .append(results.took().toSeconds()).append(" s.</p>\n");

        html.append("<h2>Cumulative spend by hour</h2>\n<p class=\"legend\">")
                .append("<span style=\"color:#1f77b4\">━ spend</span>")
                .append("<span style=\"color:#ff7f0e\">╍ even pacing target: budget × F(hour)</span>")
                .append("<span style=\"color:#999\">┄ daily budget</span></p>\n<div class=\"grid\">\n");
        for (CampaignDay campaign : results.campaigns()) {
            html.append(spendChart(campaign));
        }
        html.append("</div>\n");

        html.append("<h2>Invalid clicks by reason</h2>\n").append(invalidClicksChart(results.invalidClicksByReason()));
        html.append("<h2>Summary</h2>\n").append(summaryTable(results));
        html.append("</body></html>\n");
        return html.toString();
    }

    private static String spendChart(CampaignDay campaign) {
        long[] spend = campaign.cumulativeSpendByHour();
        long top = Math.max(1, campaign.dailyBudgetCents());
        for (long value : spend) {
            top = Math.max(top, value);
        }
        StringBuilder svg = new StringBuilder();
        svg.append("<figure><svg width=\"").append(CHART_WIDTH).append("\" height=\"").append(CHART_HEIGHT)
                .append("\" role=\"img\" aria-label=\"cumulative spend of ").append(escape(campaign.label())).append("\">");
        axes(svg, top);
        svg.append(horizontalLine(campaign.dailyBudgetCents(), top, "#999", "2,3"));
        if (campaign.paced()) {
            List<double[]> target = new ArrayList<>();
            target.add(new double[] {0, 0});
            for (int hour = 0; hour < CampaignDay.HOURS; hour++) {
                target.add(new double[] {hour + 1, campaign.pacingTargetCents(hour)});
            }
            svg.append(polyline(target, top, "#ff7f0e", "5,3"));
        }
        List<double[]> spent = new ArrayList<>();
        spent.add(new double[] {0, 0});
        for (int hour = 0; hour < CampaignDay.HOURS; hour++) {
            spent.add(new double[] {hour + 1, spend[hour]});
        }
        svg.append(polyline(spent, top, "#1f77b4", null));
        svg.append("</svg><figcaption>").append(escape(campaign.label())).append(" · ").append(escape(campaign.pacing()))
                .append(" · ").append(escape(campaign.format())).append(" · ")
                .append(percent(campaign.budgetUsed())).append(" of ").append(money(campaign.dailyBudgetCents()));
        if (campaign.notShownBecause() != null) {
            svg.append(" · never shown: ").append(escape(campaign.notShownBecause()));
        }
        svg.append("</figcaption></figure>\n");
        return svg.toString();
    }

    private static void axes(StringBuilder svg, long top) {
        int x0 = MARGIN_LEFT;
        int y0 = CHART_HEIGHT - MARGIN_BOTTOM;
        svg.append("<line x1=\"").append(x0).append("\" y1=\"").append(MARGIN_TOP).append("\" x2=\"").append(x0)
                .append("\" y2=\"").append(y0).append("\" stroke=\"#333\"/>");
        svg.append("<line x1=\"").append(x0).append("\" y1=\"").append(y0).append("\" x2=\"")
                .append(CHART_WIDTH - MARGIN_RIGHT).append("\" y2=\"").append(y0).append("\" stroke=\"#333\"/>");
        for (int hour = 0; hour <= CampaignDay.HOURS; hour += 6) {
            svg.append("<text x=\"").append(fmt(x(hour)) ).append("\" y=\"").append(CHART_HEIGHT - 6)
                    .append("\" text-anchor=\"middle\">").append(String.format(Locale.ROOT, "%02d h", hour)).append("</text>");
        }
        svg.append("<text x=\"").append(x0 - 4).append("\" y=\"").append(MARGIN_TOP + 8)
                .append("\" text-anchor=\"end\">").append(escape(money(top))).append("</text>");
        svg.append("<text x=\"").append(x0 - 4).append("\" y=\"").append(y0)
                .append("\" text-anchor=\"end\">0</text>");
    }

    private static String horizontalLine(long value, long top, String colour, String dashes) {
        List<double[]> points = List.of(new double[] {0, value}, new double[] {CampaignDay.HOURS, value});
        return polyline(points, top, colour, dashes);
    }

    private static String polyline(List<double[]> points, long top, String colour, String dashes) {
        StringBuilder line = new StringBuilder("<polyline fill=\"none\" stroke-width=\"2\" stroke=\"").append(colour).append('"');
        if (dashes != null) {
            line.append(" stroke-dasharray=\"").append(dashes).append('"');
        }
        line.append(" points=\"");
        for (double[] point : points) {
            line.append(fmt(x(point[0]))).append(',').append(fmt(y(point[1], top))).append(' ');
        }
        return line.append("\"/>").toString();
    }

    private static double x(double hour) {
        return MARGIN_LEFT + hour * (CHART_WIDTH - MARGIN_LEFT - MARGIN_RIGHT) / CampaignDay.HOURS;
    }

    private static double y(double value, long top) {
        double plotHeight = CHART_HEIGHT - MARGIN_TOP - MARGIN_BOTTOM;
        return CHART_HEIGHT - MARGIN_BOTTOM - value * plotHeight / top;
    }

    private static String invalidClicksChart(Map<String, Long> byReason) {
        if (byReason.isEmpty()) {
            return "<p>No invalid clicks.</p>\n";
        }
        List<Map.Entry<String, Long>> rows = new ArrayList<>(byReason.entrySet());
        rows.sort(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()).thenComparing(Map.Entry.comparingByKey()));
        long most = rows.get(0).getValue();
        int barHeight = 20;
        int labelWidth = 170;
        int barWidth = 380;
        int height = rows.size() * (barHeight + 6);
        StringBuilder svg = new StringBuilder("<svg width=\"").append(labelWidth + barWidth + 60).append("\" height=\"")
                .append(height).append("\" role=\"img\" aria-label=\"invalid clicks by reason\">");
        int yTop = 0;
        for (Map.Entry<String, Long> row : rows) {
            double width = most == 0 ? 0 : (double) row.getValue() * barWidth / most;
            svg.append("<text x=\"").append(labelWidth - 6).append("\" y=\"").append(yTop + 14)
                    .append("\" text-anchor=\"end\" style=\"font-size:12px\">").append(escape(row.getKey())).append("</text>");
            svg.append("<rect x=\"").append(labelWidth).append("\" y=\"").append(yTop).append("\" width=\"")
                    .append(fmt(width)).append("\" height=\"").append(barHeight).append("\" fill=\"#d62728\"/>");
            svg.append("<text x=\"").append(fmt(labelWidth + width + 6)).append("\" y=\"").append(yTop + 14)
                    .append("\" style=\"font-size:12px\">").append(row.getValue()).append("</text>");
            yTop += barHeight + 6;
        }
        return svg.append("</svg>\n").toString();
    }

    private static String summaryTable(DayResults results) {
        StringBuilder table = new StringBuilder("<table><tr><th>campaign</th><th>format</th><th>pacing</th><th>daily budget</th>"
                + "<th>spend</th><th>used</th><th>impressions</th><th>clicks</th><th>invalid clicks</th><th>CTR</th></tr>\n");
        for (CampaignDay campaign : results.campaigns()) {
            table.append("<tr><td>").append(escape(campaign.label())).append("</td><td>").append(escape(campaign.format()))
                    .append("</td><td>").append(escape(campaign.pacing())).append("</td>")
                    .append(numberCell(money(campaign.dailyBudgetCents()))).append(numberCell(money(campaign.spendCents())))
                    .append(numberCell(percent(campaign.budgetUsed()))).append(numberCell(Long.toString(campaign.impressions())))
                    .append(numberCell(Long.toString(campaign.clicks()))).append(numberCell(Long.toString(campaign.invalidClicks())))
                    .append(numberCell(percent(campaign.ctr()))).append("</tr>\n");
        }
        return table.append("</table>\n").toString();
    }

    private static String numberCell(String text) {
        return "<td class=\"n\">" + escape(text) + "</td>";
    }

    static String money(long cents) {
        return String.format(Locale.ROOT, "%d.%02d", cents / 100, Math.abs(cents % 100));
    }

    static String percent(double share) {
        return String.format(Locale.ROOT, "%.1f%%", share * 100);
    }

    private static String fmt(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }

    static String escape(String text) {
        StringBuilder escaped = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '&' -> escaped.append("&amp;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&#39;");
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }
}
