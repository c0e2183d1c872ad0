package io.promo.demo;

import io.promo.demo.DayResults.CampaignDay;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * The demo's report as one self-contained HTML file: charts are inline SVG drawn here, so the file opens in
 * any browser without a network or a script library.
 *
 * <ul>
 *   <li>per campaign, cumulative spend by hour as a share of its daily budget, every chart on the same 0–100 %
 *       scale so that campaigns compare at a glance, and for {@code even} pacing the even-pacing target;
 *   <li>the summary table the terminal shows, with totals and why a campaign under-delivered;
 *   <li>invalid clicks by the rule that caught them, per campaign and unattributed, adding up to the totals.
 * </ul>
 */
public final class HtmlReport {

    private static final int CHART_WIDTH = 300;
    private static final int CHART_HEIGHT = 170;
    private static final int MARGIN_LEFT = 40;
    private static final int MARGIN_BOTTOM = 22;
    private static final int MARGIN_TOP = 10;
    private static final int MARGIN_RIGHT = 10;
    /** The top of every spend chart: the daily budget, 100 %. A click is never billed past it (ADR 0005), so one scale fits all. */
    private static final double FULL_BUDGET = 1.0;

    static final String SPEND_COLOUR = "#1f77b4";
    static final String TARGET_COLOUR = "#ff7f0e";
    static final String BUDGET_COLOUR = "#999";

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
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <title>promo demo: one budget day</title>
                <style>
                  body { font: 14px/1.4 system-ui, sans-serif; margin: 1.5em 2em; color: #222; }
                  h1 { font-size: 1.5em; } h2 { font-size: 1.2em; margin-top: 2em; }
                  table { border-collapse: collapse; font-size: 13px; }
                  td, th { padding: 3px 7px; border-bottom: 1px solid #ddd; white-space: nowrap; }
                  th { text-align: left; background: #f4f4f4; position: sticky; top: 0; white-space: normal; vertical-align: bottom; }
                  td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
                  tr.total td { font-weight: bold; border-top: 2px solid #333; }
                  tr.unattributed td { font-style: italic; color: #555; }
                  td.why { color: #b00; white-space: normal; min-width: 18em; }
                  .grid { display: grid; grid-template-columns: repeat(auto-fill, 310px); gap: 14px 10px; }
                  figure { margin: 0; } figcaption { font-size: 12px; color: #444; width: 300px; }
                  figcaption b { color: #222; } figcaption .why { color: #b00; }
                  .legend span { margin-right: 2em; white-space: nowrap; }
                  svg text { font-size: 10px; fill: #555; }
                </style></head><body>
                """);
        html.append("<h1>promo demo: budget day ").append(escape(results.day().toString()))
                .append(" (").append(escape(results.zone())).append(")</h1>\n");
        MarketplaceDemo.Totals totals = MarketplaceDemo.Totals.of(results);
        html.append("<p>").append(String.format(Locale.ROOT, "%,d", results.searches())).append(" searches, ")
                .append(String.format(Locale.ROOT, "%,d", results.sponsoredSlots())).append(" sponsored slots filled, ")
                .append(results.campaigns().size()).append(" campaigns spent ")
                .append(escape(money(totals.spendCents(), results.currency()))).append(" of ")
                .append(escape(money(totals.budgetCents(), results.currency())))
                .append(" in daily budgets (").append(percent(totals.delivered())).append("); ")
                .append(totals.underDelivered()).append(" under-delivered. Amounts in ").append(escape(results.currency()))
                .append(". Simulated in ").append(results.took().toSeconds()).append(" s.</p>\n");

        html.append("<h2 id=\"summary\">Summary</h2>\n").append(summaryTable(results));

        html.append("<h2 id=\"spend\">Spend through the day, as a share of each campaign's daily budget</h2>\n<p class=\"legend\">")
                .append("<span style=\"color:").append(SPEND_COLOUR).append("\">━━ spend so far</span>")
                .append("<span style=\"color:").append(TARGET_COLOUR)
                .append("\">╍╍ even-pacing target: the budget spread over the day like its searches</span>")
                .append("<span style=\"color:#777\">┄┄ 100%: the daily budget</span></p>\n<div class=\"grid\">\n");
        for (CampaignDay campaign : results.campaigns()) {
            html.append(spendChart(campaign, results.currency()));
        }
        html.append("</div>\n");

        html.append("<h2 id=\"invalid-clicks\">Invalid clicks by reason</h2>\n").append(invalidClicksChart(results.invalidClicksByReason()))
                .append(invalidClicksTable(results));
        html.append("</body></html>\n");
        return html.toString();
    }

    private static String spendChart(CampaignDay campaign, String currency) {
        long[] spend = campaign.cumulativeSpendByHour();
        StringBuilder svg = new StringBuilder();
        svg.append("<figure><svg width=\"").append(CHART_WIDTH).append("\" height=\"").append(CHART_HEIGHT)
                .append("\" role=\"img\" aria-label=\"spend of ").append(escape(campaign.label()))
                .append(" as a share of its daily budget\">");
        axes(svg);
        svg.append(horizontalLine(FULL_BUDGET, BUDGET_COLOUR, "2,3"));
        if (campaign.paced()) {
            List<double[]> target = new ArrayList<>();
            target.add(new double[] {0, 0});
            for (int hour = 0; hour < CampaignDay.HOURS; hour++) {
                target.add(new double[] {hour + 1, share(campaign.pacingTargetCents(hour), campaign)});
            }
            svg.append(polyline(target, TARGET_COLOUR, "5,3"));
        }
        List<double[]> spent = new ArrayList<>();
        spent.add(new double[] {0, 0});
        for (int hour = 0; hour < CampaignDay.HOURS; hour++) {
            spent.add(new double[] {hour + 1, share(spend[hour], campaign)});
        }
        svg.append(polyline(spent, SPEND_COLOUR, null));
        svg.append("</svg><figcaption><b>").append(escape(campaign.label())).append("</b> · ").append(escape(campaign.format()))
                .append("<br>delivered ").append(percent(campaign.delivered())).append(" of ")
                .append(escape(money(campaign.dailyBudgetCents(), currency))).append(" · ")
                .append(escape(campaign.pacingAgainstTarget()));
        if (campaign.whyUnderDelivered() != null) {
            svg.append("<br><span class=\"why\">").append(escape(campaign.whyUnderDelivered())).append("</span>");
        }
        svg.append("</figcaption></figure>\n");
        return svg.toString();
    }

    private static double share(long cents, CampaignDay campaign) {
        return (double) cents / campaign.dailyBudgetCents();
    }

    /** The shared axes: hours of the day, and 0 %, 50 %, 100 % of the daily budget with light grid lines. */
    private static void axes(StringBuilder svg) {
        int x0 = MARGIN_LEFT;
        int y0 = CHART_HEIGHT - MARGIN_BOTTOM;
        svg.append(horizontalLine(0.5, "#e4e4e4", null));
        svg.append("<line x1=\"").append(x0).append("\" y1=\"").append(MARGIN_TOP).append("\" x2=\"").append(x0)
                .append("\" y2=\"").append(y0).append("\" stroke=\"#333\"/>");
        svg.append("<line x1=\"").append(x0).append("\" y1=\"").append(y0).append("\" x2=\"")
                .append(CHART_WIDTH - MARGIN_RIGHT).append("\" y2=\"").append(y0).append("\" stroke=\"#333\"/>");
        for (int hour = 0; hour <= CampaignDay.HOURS; hour += 6) {
            svg.append("<text x=\"").append(fmt(x(hour))).append("\" y=\"").append(CHART_HEIGHT - 6)
                    .append("\" text-anchor=\"middle\">").append(String.format(Locale.ROOT, "%02d h", hour)).append("</text>");
        }
        for (double level : new double[] {0, 0.5, FULL_BUDGET}) {
            svg.append("<text x=\"").append(x0 - 4).append("\" y=\"").append(fmt(y(level) + 3))
                    .append("\" text-anchor=\"end\">").append(String.format(Locale.ROOT, "%.0f%%", level * 100)).append("</text>");
        }
    }

    private static String horizontalLine(double share, String colour, String dashes) {
        List<double[]> points = List.of(new double[] {0, share}, new double[] {CampaignDay.HOURS, share});
        return polyline(points, colour, dashes);
    }

    private static String polyline(List<double[]> points, String colour, String dashes) {
        StringBuilder line = new StringBuilder("<polyline fill=\"none\" stroke-width=\"2\" stroke=\"").append(colour).append('"');
        if (dashes != null) {
            line.append(" stroke-dasharray=\"").append(dashes).append('"');
        }
        line.append(" points=\"");
        for (double[] point : points) {
            line.append(fmt(x(point[0]))).append(',').append(fmt(y(point[1]))).append(' ');
        }
        return line.append("\"/>").toString();
    }

    private static double x(double hour) {
        return MARGIN_LEFT + hour * (CHART_WIDTH - MARGIN_LEFT - MARGIN_RIGHT) / CampaignDay.HOURS;
    }

    /** @param share of the daily budget, 0 to 1 */
    private static double y(double share) {
        double plotHeight = CHART_HEIGHT - MARGIN_TOP - MARGIN_BOTTOM;
        return CHART_HEIGHT - MARGIN_BOTTOM - share * plotHeight / FULL_BUDGET;
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

    /**
     * Invalid clicks per campaign (as its report counts them) and per reason, the unattributed ones in their own row,
     * and the totals the click answers gave: the rows add up to the totals when every click is accounted for.
     */
    private static String invalidClicksTable(DayResults results) {
        TreeSet<String> reasons = new TreeSet<>(results.invalidClicksByReason().keySet());
        reasons.addAll(results.invalidClicksByReasonFromReports().keySet());
        if (reasons.isEmpty()) {
            return "";
        }
        StringBuilder table = new StringBuilder("<p>Per campaign, as its report counts them; clicks whose token's signature "
                + "does not verify name no campaign and are counted as unattributed. ")
                .append(results.invalidClicksReconcile() ? "The rows add up to the totals."
                        : "<b>The rows do not add up to the totals.</b>")
                .append("</p>\n<table><tr><th>campaign</th>");
        for (String reason : reasons) {
            table.append("<th class=\"n\">").append(escape(reason)).append("</th>");
        }
        table.append("<th class=\"n\">all reasons</th></tr>\n");
        for (CampaignDay campaign : results.campaigns()) {
            if (campaign.invalidClicks() > 0) {
                table.append(invalidClicksRow("", campaign.label(), campaign.invalidClicksByReason(), reasons));
            }
        }
        table.append(invalidClicksRow("unattributed", "unattributed (token signature broken)",
                results.unattributedInvalidClicks(), reasons));
        table.append(invalidClicksRow("total", "all invalid clicks", results.invalidClicksByReason(), reasons));
        return table.append("</table>\n").toString();
    }

    private static String invalidClicksRow(String cssClass, String label, Map<String, Long> byReason, TreeSet<String> reasons) {
        StringBuilder row = new StringBuilder("<tr").append(cssClass.isEmpty() ? "" : " class=\"" + cssClass + "\"")
                .append("><td>").append(escape(label)).append("</td>");
        long all = 0;
        for (String reason : reasons) {
            long count = byReason.getOrDefault(reason, 0L);
            all += count;
            row.append(numberCell(count == 0 ? "" : Long.toString(count)));
        }
        return row.append(numberCell(Long.toString(all))).append("</tr>\n").toString();
    }

    private static String summaryTable(DayResults results) {
        String currency = escape(results.currency());
        // The label names the campaign's pacing mode already.
        StringBuilder table = new StringBuilder("<table><tr><th>campaign</th><th>format</th>"
                + "<th class=\"n\">daily budget (" + currency + ")</th><th class=\"n\">spend (" + currency + ")</th>"
                + "<th class=\"n\">bid / paid per click (¢)</th><th class=\"n\">delivered</th><th class=\"n\">impressions</th><th class=\"n\">clicks</th>"
                + "<th class=\"n\">invalid clicks</th><th class=\"n\">CTR</th><th>impression share</th><th class=\"n\">inquiries</th>"
                + "<th class=\"n\">bookings</th><th class=\"n\">cost per inquiry (" + currency + ")</th>"
                + "<th class=\"n\">ROAS</th><th>pacing against target</th><th>why under-delivered</th></tr>\n");
        for (CampaignDay campaign : results.campaigns()) {
            table.append("<tr><td>").append(escape(campaign.label())).append("</td><td>").append(escape(campaign.format()))
                    .append("</td>").append(numberCell(money(campaign.dailyBudgetCents()))).append(numberCell(money(campaign.spendCents())))
                    .append(numberCell(escape(campaign.bidAndPaid()))).append(numberCell(percent(campaign.delivered()))).append(numberCell(Long.toString(campaign.impressions())))
                    .append(numberCell(Long.toString(campaign.clicks()))).append(numberCell(Long.toString(campaign.invalidClicks())))
                    .append(numberCell(percent(campaign.ctr())))
                    .append("<td>").append(escape(campaign.impressionShareText())).append("</td>")
                    .append(numberCell(Long.toString(campaign.conversions().inquiries())))
                    .append(numberCell(Long.toString(campaign.conversions().bookings())))
                    .append(numberCell(costPerInquiry(campaign.conversions()))).append(numberCell(roas(campaign.conversions())))
                    .append("<td>").append(escape(campaign.pacingAgainstTarget()))
                    .append("</td><td class=\"why\">")
                    .append(campaign.whyUnderDelivered() == null ? "" : escape(campaign.whyUnderDelivered()))
                    .append("</td></tr>\n");
        }
        table.append("<tr class=\"unattributed\"><td>unattributed (token signature broken)</td><td></td><td></td><td></td>"
                + "<td></td><td></td><td></td><td></td>").append(numberCell(Long.toString(results.unattributedInvalidClickCount())))
                .append("<td></td><td></td><td></td><td></td><td></td><td></td><td></td><td></td></tr>\n");
        MarketplaceDemo.Totals totals = MarketplaceDemo.Totals.of(results);
        table.append("<tr class=\"total\"><td>all campaigns</td><td></td>")
                .append(numberCell(money(totals.budgetCents()))).append(numberCell(money(totals.spendCents())))
                .append("<td></td>").append(numberCell(percent(totals.delivered()))).append(numberCell(Long.toString(totals.impressions())))
                .append(numberCell(Long.toString(totals.clicks()))).append(numberCell(Long.toString(totals.invalidClicks())))
                .append(numberCell(percent(totals.ctr()))).append("<td></td>")
                .append(numberCell(Long.toString(results.campaigns().stream().mapToLong(c -> c.conversions().inquiries()).sum())))
                .append(numberCell(Long.toString(results.campaigns().stream().mapToLong(c -> c.conversions().bookings()).sum())))
                .append("<td></td><td></td><td></td><td>").append(totals.underDelivered())
                .append(" under-delivered</td></tr>\n");
        return table.append("</table>\n").toString();
    }

    private static String numberCell(String text) {
        return "<td class=\"n\">" + escape(text) + "</td>";
    }

    /** An amount in the currency's major units with two decimals, for a column whose header names the currency. */
    static String money(long cents) {
        return String.format(Locale.ROOT, "%s%d.%02d", cents < 0 ? "-" : "", Math.abs(cents / 100), Math.abs(cents % 100));
    }

    /** An amount with its currency code: {@code 7.20 USD}. */
    static String money(long cents, String currency) {
        return money(cents) + " " + currency;
    }

    /** Net spend per inquiry in the currency's major units, or a dash without inquiries. */
    static String costPerInquiry(DayResults.Conversions conversions) {
        return conversions.costPerInquiryCents() == null ? "–" : money(conversions.costPerInquiryCents());
    }

    /** Return on ad spend as a multiple ({@code 3.2×}: the clicks earned 3.2 times what they cost), or a dash without spend. */
    static String roas(DayResults.Conversions conversions) {
        return conversions.roas() == null ? "–" : String.format(Locale.ROOT, "%.1f×", conversions.roas());
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
