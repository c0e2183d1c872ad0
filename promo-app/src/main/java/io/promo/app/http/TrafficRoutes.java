package io.promo.app.http;

import static io.promo.app.http.ProblemResponses.accepted;

import io.javalin.http.Context;
import io.promo.app.metrics.PromoMetrics;
import io.promo.domain.report.AdvertiserReport;
import io.promo.domain.report.CampaignReport;
import io.promo.domain.report.ConversionFigures;
import io.promo.domain.report.TrafficFigures;
import io.promo.domain.report.TrafficReports;
import io.promo.domain.serving.share.LostReason;
import io.promo.domain.serving.share.ShareCounts;
import io.promo.domain.shared.InvalidCommandException;
import io.promo.domain.shared.Money;
import io.promo.domain.traffic.ClickCommand;
import io.promo.domain.traffic.ClickResult;
import io.promo.domain.traffic.ClickTokenSigner;
import io.promo.domain.traffic.CreditInvalidClicks;
import io.promo.domain.traffic.CreditInvalidClicksCommand;
import io.promo.domain.traffic.CreditedClicks;
import io.promo.domain.traffic.EventType;
import io.promo.domain.traffic.RecordClick;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** Clicks from the search service, reports for advertisers, and the admin's after-the-fact invalid-click credits. */
public final class TrafficRoutes implements ApiRoutes {

    // The fields of a click, each named once ("viewer" and "client" are read by SearchViewer and SearchClient).
    private static final String CLICK_TOKEN = "click_token";
    private static final String VIEWER = "viewer";
    private static final String CLIENT = "client";
    // The fields of an invalid-click credit, each named once.
    private static final String FROM = "from";
    private static final String TO = "to";
    private static final String REASON = "reason";

    private final RecordClick recordClick;
    private final TrafficReports reports;
    private final CreditInvalidClicks creditInvalidClicks;
    private final PromoMetrics metrics;

    public TrafficRoutes(RecordClick recordClick, TrafficReports reports, CreditInvalidClicks creditInvalidClicks,
            PromoMetrics metrics) {
        this.recordClick = recordClick;
        this.reports = reports;
        this.creditInvalidClicks = creditInvalidClicks;
        this.metrics = metrics;
    }

    @Override
    public void register(ApiRouter router) {
        router.post("/v1/clicks", Access.SEARCH_SERVICE, (ctx, caller) -> {
            // What the document requires is checked here (ADR 0008): a token, a viewer and the client with its ip and
            // user agent, within their lengths; a click that breaks it is 400 and logs nothing. What a present
            // token, viewer or client says (forged, expired, neither viewer id, a bot) is the click rules' to
            // classify, so that it is logged as an invalid click with its reason (docs/traffic.md). Text that no
            // column can hold (a NUL) is refused with 400 by JsonBody, as everywhere.
            JsonBody body = JsonBody.of(ctx).allowOnly(CLICK_TOKEN, VIEWER, CLIENT);
            String token = body.text(CLICK_TOKEN);
            if (token != null && (token.isEmpty() || token.length() > ClickTokenSigner.MAX_TOKEN_LENGTH)) {
                body.reject(CLICK_TOKEN, "must be 1 to " + ClickTokenSigner.MAX_TOKEN_LENGTH + " characters (got "
                        + token.length() + ")");
            }
            SearchViewer viewer = SearchViewer.read(body.object(VIEWER));
            SearchClient client = SearchClient.read(body.object(CLIENT));
            body.throwIfInvalid();
            ClickResult result = recordClick.click(new ClickCommand(token, viewer.userId(),
                    viewer.anonymousFingerprint(), client.ip(), client.userAgent()));
            count(result);
            Respond.json(ctx, 200, new ClickView(result.eventId().value(), result.type().code(), result.billedCents(),
                    result.reason().orElse(null)));
        });
        router.get("/v1/campaigns/{id}/report", Access.ADVERTISER, (ctx, caller) -> {
            CampaignReport report = accepted(reports.campaign(caller.actor(), Respond.campaignId(ctx),
                    queryDate(ctx, "from"), queryDate(ctx, "to")));
            Respond.json(ctx, 200, CampaignReportView.of(report));
        });
        router.get("/v1/advertisers/{id}/report", Access.ADVERTISER, (ctx, caller) -> {
            AdvertiserReport report = accepted(reports.advertiser(caller.actor(), Respond.advertiserId(ctx),
                    queryDate(ctx, "from"), queryDate(ctx, "to")));
            Respond.json(ctx, 200, AdvertiserReportView.of(report));
        });
        router.post("/v1/campaigns/{id}/invalid-clicks", Access.ADMIN, (ctx, caller) -> {
            var campaignId = Respond.campaignId(ctx);
            JsonBody body = JsonBody.of(ctx).allowOnly(FROM, TO, REASON);
            Instant from = instant(body, FROM);
            Instant to = instant(body, TO);
            String reason = body.optionalText(REASON).orElse(null);
            body.throwIfInvalid();
            CreditedClicks credited = accepted(creditInvalidClicks.credit(
                    new CreditInvalidClicksCommand(caller.actor(), campaignId, from, to, reason)));
            Respond.json(ctx, 200, new CreditedClicksView(campaignId.value(), credited.billedClicks(),
                    credited.newlyCredited(), credited.alreadyCredited(), credited.creditedNow().cents()));
        });
    }

    private void count(ClickResult result) {
        if (result.type() == EventType.INVALID_CLICK) {
            metrics.invalidClick(result.reason().orElse("unknown"));
        } else if (result.billed()) {
            metrics.clickBilled(result.billedCents());
        } else {
            metrics.clickNotBilled(result.reason().orElse("unknown"));
        }
    }

    private static LocalDate queryDate(Context ctx, String name) {
        String raw = ctx.queryParam(name);
        if (raw == null || raw.isBlank()) {
            throw InvalidCommandException.of(name, "is required: a budget day as YYYY-MM-DD");
        }
        return Dates.day(name, raw);
    }

    private static Instant instant(JsonBody body, String field) {
        String raw = body.optionalText(field).orElse(null);
        if (raw == null) {
            return null;
        }
        try {
            return Dates.instant(field, raw);
        } catch (InvalidCommandException e) {
            e.violations().forEach(v -> body.reject(v.field(), v.message()));
            return null;
        }
    }

    record ClickView(String eventId, String type, long billedCents, String reason) {
    }

    record CreditedClicksView(String campaignId, int billedClicks, int newlyCredited, int alreadyCredited,
            long creditedNowCents) {
    }

    /**
     * A span's figures as the report shows them; money in cents, the averages (paid, and bid) null without billed
     * clicks; savings what the billed clicks' bids exceeded what they paid.
     */
    record FiguresView(long impressions, long clicks, long billedClicks, Map<String, Long> notBilledClicks,
            Map<String, Long> invalidClicks, double ctr, long spendCents, Long avgCpcCents, Long avgBidCents,
            long savingsCents, long creditedClicks, long creditedCents, ConversionsView conversions) {
        static FiguresView of(TrafficFigures f, ConversionFigures conversions) {
            Map<String, Long> notBilled = new TreeMap<>();
            f.notBilledClicks().forEach((reason, count) -> notBilled.put(reason.name().toLowerCase(Locale.ROOT), count));
            Map<String, Long> invalid = new TreeMap<>();
            f.invalidClicks().forEach((reason, count) -> invalid.put(reason.code(), count));
            return new FiguresView(f.impressions(), f.clicks(), f.billedClicks(), notBilled, invalid,
                    f.ctr(), f.spent().cents(), f.billedClicks() == 0 ? null : f.averageCpc().cents(),
                    f.billedClicks() == 0 ? null : f.averageBid().cents(), f.savings().cents(), f.creditedClicks(),
                    f.credited().cents(), ConversionsView.of(conversions, f));
        }
    }

    /** What the span's clicks earned (ADR 0035); money in cents, figures that would divide by zero null. */
    record ConversionsView(long conversions, Map<String, TypeView> byType, long valueCents, long netSpendCents,
            double conversionRate, Long costPerConversionCents, Double roas) {
        static ConversionsView of(ConversionFigures c, TrafficFigures traffic) {
            Map<String, TypeView> byType = new TreeMap<>();
            c.byType().forEach((type, totals) -> byType.put(type.code(), new TypeView(totals.conversions(),
                    totals.value().cents(), c.costPer(type, traffic).map(Money::cents).orElse(null))));
            return new ConversionsView(c.conversions(), byType, c.value().cents(),
                    ConversionFigures.netSpend(traffic).cents(), c.conversionRate(),
                    c.costPerConversion().map(Money::cents).orElse(null), c.roas().orElse(null));
        }
    }

    record TypeView(long conversions, long valueCents, Long costPerConversionCents) {
    }

    /** {@code ShareCounts} as the reports show them: the shares of the candidate auctions, by reason. */
    record AuctionsView(long candidateAuctions, long impressions, double impressionShare, double lostToFloor,
            double lostToStatus, double lostToBudget, double lostToPacing, double lostToRank, double lostToPageCaps) {
        static AuctionsView of(ShareCounts c) {
            return new AuctionsView(c.candidateAuctions(), c.impressions(), c.impressionShare(),
                    c.lostShare(LostReason.FLOOR), c.lostShare(LostReason.STATUS), c.lostShare(LostReason.BUDGET),
                    c.lostShare(LostReason.PACING), c.lostShare(LostReason.RANK), c.lostShare(LostReason.PAGE_CAPS));
        }
    }

    record DayView(LocalDate day, long impressions, long clicks, long billedClicks, Map<String, Long> notBilledClicks,
            Map<String, Long> invalidClicks, double ctr, long spendCents, Long avgCpcCents, Long avgBidCents,
            long savingsCents, long creditedClicks, long creditedCents, long remainingDailyBudgetCents, Long remainingTotalBudgetCents, ConversionsView conversions,
            AuctionsView auctions) {
        static DayView of(CampaignReport.Day day, CampaignReport report) {
            FiguresView f = FiguresView.of(day.figures(), day.conversions());
            return new DayView(day.day(), f.impressions(), f.clicks(), f.billedClicks(), f.notBilledClicks(),
                    f.invalidClicks(), f.ctr(), f.spendCents(), f.avgCpcCents(), f.avgBidCents(), f.savingsCents(),
                    f.creditedClicks(), f.creditedCents(),
                    day.remainingDailyBudget().cents(), report.remaining().remainingTotalBudget().map(Money::cents).orElse(null),
                    f.conversions(), AuctionsView.of(day.auctions()));
        }
    }

    record CampaignReportView(String campaignId, LocalDate from, LocalDate to, List<DayView> days, FiguresView totals,
            JsonViews.BalanceView remaining, AuctionsView auctions) {
        static CampaignReportView of(CampaignReport report) {
            return new CampaignReportView(report.campaignId().value(), report.from(), report.to(),
                    report.days().stream().map(day -> DayView.of(day, report)).toList(),
                    FiguresView.of(report.totals(), report.conversionTotals()),
                    JsonViews.BalanceView.of(report.campaignId().value(), report.remaining()),
                    AuctionsView.of(report.auctions()));
        }
    }

    record CampaignTotalsView(String campaignId, String name, FiguresView totals, AuctionsView auctions) {
    }

    record AdvertiserReportView(String advertiserId, LocalDate from, LocalDate to, List<CampaignTotalsView> campaigns,
            FiguresView totals, AuctionsView auctions) {
        static AdvertiserReportView of(AdvertiserReport report) {
            return new AdvertiserReportView(report.advertiserId().value(), report.from(), report.to(),
                    report.campaigns().stream().map(c -> new CampaignTotalsView(c.campaignId().value(), c.name(),
                            FiguresView.of(c.totals(), c.conversions()), AuctionsView.of(c.auctions()))).toList(),
                    FiguresView.of(report.totals(), report.conversionTotals()), AuctionsView.of(report.auctions()));
        }
    }
}
