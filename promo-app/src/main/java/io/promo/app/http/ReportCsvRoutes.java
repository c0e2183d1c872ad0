package io.promo.app.http;

import static io.promo.app.http.ProblemResponses.accepted;

import io.javalin.http.Context;
import io.promo.domain.campaign.CampaignQueries;
import io.promo.domain.conversion.ConversionType;
import io.promo.domain.report.AdvertiserReport;
import io.promo.domain.report.CampaignReport;
import io.promo.domain.report.ConversionFigures;
import io.promo.domain.report.TrafficFigures;
import io.promo.domain.report.TrafficReports;
import io.promo.domain.shared.Actor;
import io.promo.domain.shared.CampaignId;
import io.promo.domain.shared.InvalidCommandException;
import io.promo.domain.shared.Money;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The campaign and advertiser reports as CSV (RFC 4180, UTF-8, {@code text/csv}), one row per campaign and budget day,
 * for advertisers who live in spreadsheets: {@code GET /v1/campaigns/{id}/report.csv} and
 * {@code GET /v1/advertisers/{id}/report.csv}, with the JSON reports' query and access. The columns are fixed for a
 * deployment: the figures, then three per conversion type of the deployment, in code order.
 */
public final class ReportCsvRoutes implements ApiRoutes {

    private static final List<String> FIXED_COLUMNS = List.of("campaign_id", "campaign_name", "day", "impressions",
            "clicks", "billed_clicks", "invalid_clicks", "ctr", "spend_cents", "credited_cents", "net_spend_cents",
            "conversions", "conversion_value_cents", "conversion_rate", "cost_per_conversion_cents", "roas");

    private final TrafficReports reports;
    private final CampaignQueries campaigns;
    private final Set<ConversionType> types;

    /** @param types the deployment's conversion types: a column group each */
    public ReportCsvRoutes(TrafficReports reports, CampaignQueries campaigns, Set<ConversionType> types) {
        this.reports = reports;
        this.campaigns = campaigns;
        this.types = new TreeSet<>(types);
    }

    @Override
    public void register(ApiRouter router) {
        router.get("/v1/campaigns/{id}/report.csv", Access.ADVERTISER, (ctx, caller) -> {
            CampaignId campaignId = Respond.campaignId(ctx);
            LocalDate from = queryDate(ctx, "from");
            LocalDate to = queryDate(ctx, "to");
            CampaignReport report = accepted(reports.campaign(caller.actor(), campaignId, from, to));
            String name = accepted(campaigns.get(caller.actor(), campaignId)).settings().name();
            StringBuilder csv = header();
            rows(csv, report, name);
            write(ctx, csv);
        });
        router.get("/v1/advertisers/{id}/report.csv", Access.ADVERTISER, (ctx, caller) -> {
            LocalDate from = queryDate(ctx, "from");
            LocalDate to = queryDate(ctx, "to");
            Actor actor = caller.actor();
            AdvertiserReport advertiser = accepted(reports.advertiser(actor, Respond.advertiserId(ctx), from, to));
            StringBuilder csv = header();
            for (AdvertiserReport.CampaignTotals campaign : advertiser.campaigns()) {
                rows(csv, accepted(reports.campaign(actor, campaign.campaignId(), from, to)), campaign.name());
            }
            write(ctx, csv);
        });
    }

    private StringBuilder header() {
        List<String> columns = new ArrayList<>(FIXED_COLUMNS);
        for (ConversionType type : types) {
            columns.add(type.code() + "_conversions");
            columns.add(type.code() + "_value_cents");
            columns.add("cost_per_" + type.code() + "_cents");
        }
        return new StringBuilder(String.join(",", columns)).append("\r\n");
    }

    private void rows(StringBuilder csv, CampaignReport report, String name) {
        for (CampaignReport.Day day : report.days()) {
            TrafficFigures f = day.figures();
            ConversionFigures c = day.conversions();
            List<String> cells = new ArrayList<>(List.of(report.campaignId().value(), text(name), day.day().toString(),
                    Long.toString(f.impressions()), Long.toString(f.clicks()), Long.toString(f.billedClicks()),
                    Long.toString(f.invalidClickCount()), decimal(f.ctr()), cents(f.spent()), cents(f.credited()),
                    cents(ConversionFigures.netSpend(f)), Long.toString(c.conversions()), cents(c.value()),
                    decimal(c.conversionRate()), c.costPerConversion().map(ReportCsvRoutes::cents).orElse(""),
                    c.roas().map(ReportCsvRoutes::decimal).orElse("")));
            for (ConversionType type : types) {
                var totals = Optional.ofNullable(c.byType().get(type));
                cells.add(Long.toString(totals.map(t -> t.conversions()).orElse(0L)));
                cells.add(totals.map(t -> cents(t.value())).orElse("0"));
                cells.add(c.costPer(type, f).map(ReportCsvRoutes::cents).orElse(""));
            }
            csv.append(String.join(",", cells)).append("\r\n");
        }
    }

    private static void write(Context ctx, StringBuilder csv) {
        ctx.status(200);
        ctx.contentType("text/csv; charset=utf-8");
        ctx.result(csv.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static String cents(Money money) {
        return Long.toString(money.cents());
    }

    private static String decimal(double value) {
        return String.format(Locale.ROOT, "%.4f", value);
    }

    /**
     * A text cell: quoted when it holds a comma, quote or line break (RFC 4180); a leading {@code = + - @} is
     * prefixed with {@code '} so that a spreadsheet never runs an advertiser's campaign name as a formula.
     */
    static String text(String value) {
        String safe = !value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        return safe.contains(",") || safe.contains("\"") || safe.contains("\n") || safe.contains("\r")
                ? "\"" + safe.replace("\"", "\"\"") + "\"" : safe;
    }

    private static LocalDate queryDate(Context ctx, String name) {
        String raw = ctx.queryParam(name);
        if (raw == null || raw.isBlank()) {
            throw InvalidCommandException.of(name, "is required: a budget day as YYYY-MM-DD");
        }
        return Dates.day(name, raw);
    }
}
