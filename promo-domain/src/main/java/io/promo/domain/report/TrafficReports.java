package io.promo.domain.report;

import io.promo.domain.advertiser.AdvertiserRepository;
import io.promo.domain.campaign.Campaign;
import io.promo.domain.campaign.CampaignRepository;
import io.promo.domain.conversion.ConversionReportSource;
import io.promo.domain.conversion.ConversionType;
import io.promo.domain.conversion.DayConversions;
import io.promo.domain.conversion.DayConversions.TypeTotals;
import io.promo.domain.ledger.BudgetQueries;
import io.promo.domain.ledger.BudgetSummary;
import io.promo.domain.serving.share.ImpressionShareLog;
import io.promo.domain.serving.share.ShareCounts;
import io.promo.domain.shared.Actor;
import io.promo.domain.shared.AdvertiserId;
import io.promo.domain.shared.CampaignId;
import io.promo.domain.shared.Money;
import io.promo.domain.shared.Outcome;
import io.promo.domain.shared.Violations;
import io.promo.domain.traffic.DayTraffic;
import io.promo.domain.traffic.TrafficReportSource;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Use cases: traffic and money per campaign and budget day, and per advertiser (docs/design.md "Report"). Counts
 * come from the event log's per-day counts, money from the ledger's reconciled day counters (so a report's
 * spend always equals the ledger's, I7), conversions from the conversion log's counts on their clicks' days. A tenant sees only its own campaigns: another's answers NOT_FOUND (I8).
 */
public final class TrafficReports {

    /** A report covers at most this many days (a year and a day, for leap years). */
    public static final int MAX_DAYS = 366;

    private final CampaignRepository campaigns;
    private final AdvertiserRepository advertisers;
    private final TrafficReportSource traffic;
    private final BudgetQueries budgets;
    private final ConversionReportSource conversions;
    private final ImpressionShareLog shares;

    public TrafficReports(CampaignRepository campaigns, AdvertiserRepository advertisers, TrafficReportSource traffic,
            BudgetQueries budgets, ConversionReportSource conversions, ImpressionShareLog shares) {
        this.campaigns = campaigns;
        this.advertisers = advertisers;
        this.traffic = traffic;
        this.budgets = budgets;
        this.conversions = conversions;
        this.shares = shares;
    }

    /** Every budget day from {@code from} to {@code to}, both included, zeros for days without traffic. */
    public Outcome<CampaignReport> campaign(Actor actor, CampaignId campaignId, LocalDate from, LocalDate to) {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(campaignId, "campaignId");
        Optional<Outcome<CampaignReport>> invalid = checkPeriod(from, to);
        if (invalid.isPresent()) {
            return invalid.get();
        }
        Optional<Campaign> campaign = campaigns.findVisibleTo(actor, campaignId);
        if (campaign.isEmpty()) {
            return Outcome.notFound("campaign", campaignId);
        }
        Map<LocalDate, DayTraffic> byDay = new HashMap<>();
        for (DayTraffic day : traffic.daily(campaignId, from, to)) {
            byDay.put(day.day(), day);
        }
        Map<LocalDate, Map<ConversionType, TypeTotals>> conversionsByDay = conversionsByDay(campaignId, from, to);
        Map<LocalDate, ShareCounts> auctionsByDay = shares.daily(campaignId, from, to);
        ShareCounts auctionTotals = ShareCounts.NONE;
        Money dailyBudget = campaign.get().settings().dailyBudget();
        List<CampaignReport.Day> days = new ArrayList<>();
        TrafficFigures totals = TrafficFigures.NONE;
        Map<ConversionType, TypeTotals> conversionTotals = Map.of();
        for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
            DayTraffic dayTraffic = byDay.get(day);
            TrafficFigures figures = dayTraffic == null ? TrafficFigures.NONE : TrafficFigures.of(dayTraffic);
            // Credits of invalid clicks free the budget their clicks used (ADR 0016).
            Money remaining = dailyBudget.minus(figures.spent().minus(figures.credited()));
            Map<ConversionType, TypeTotals> dayConversions = conversionsByDay.getOrDefault(day, Map.of());
            // A day before impression share was counted has no counts: zeros, like a day without traffic.
            ShareCounts auctions = auctionsByDay.getOrDefault(day, ShareCounts.NONE);
            days.add(new CampaignReport.Day(day, figures, remaining.isNegative() ? Money.ZERO : remaining,
                    ConversionFigures.of(dayConversions, figures), auctions));
            totals = totals.plus(figures);
            conversionTotals = ConversionFigures.merge(conversionTotals, dayConversions);
            auctionTotals = auctionTotals.plus(auctions);
        }
        BudgetSummary remaining = budgets.summary(actor, campaignId).orElseThrow();
        return Outcome.accepted(new CampaignReport(campaignId, from, to, days, totals, remaining,
                ConversionFigures.of(conversionTotals, totals), auctionTotals));
    }

    /** The advertiser's campaigns' totals over the period, oldest campaign first. */
    public Outcome<AdvertiserReport> advertiser(Actor actor, AdvertiserId advertiserId, LocalDate from, LocalDate to) {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(advertiserId, "advertiserId");
        Optional<Outcome<AdvertiserReport>> invalid = checkPeriod(from, to);
        if (invalid.isPresent()) {
            return invalid.get();
        }
        if (advertisers.findVisibleTo(actor, advertiserId).isEmpty()) {
            return Outcome.notFound("advertiser", advertiserId);
        }
        List<AdvertiserReport.CampaignTotals> perCampaign = new ArrayList<>();
        TrafficFigures totals = TrafficFigures.NONE;
        Map<ConversionType, TypeTotals> conversionTotals = Map.of();
        ShareCounts auctionTotals = ShareCounts.NONE;
        for (Campaign campaign : campaigns.findByAdvertiser(advertiserId)) {
            TrafficFigures campaignTotals = TrafficFigures.NONE;
            for (DayTraffic day : traffic.daily(campaign.id(), from, to)) {
                campaignTotals = campaignTotals.plus(TrafficFigures.of(day));
            }
            Map<ConversionType, TypeTotals> campaignConversions = Map.of();
            for (DayConversions day : conversions.daily(campaign.id(), from, to)) {
                campaignConversions = ConversionFigures.merge(campaignConversions, day.byType());
            }
            ShareCounts auctions = shares.daily(campaign.id(), from, to).values().stream()
                    .reduce(ShareCounts.NONE, ShareCounts::plus);
            perCampaign.add(new AdvertiserReport.CampaignTotals(campaign.id(), campaign.settings().name(), campaignTotals,
                    ConversionFigures.of(campaignConversions, campaignTotals), auctions));
            totals = totals.plus(campaignTotals);
            conversionTotals = ConversionFigures.merge(conversionTotals, campaignConversions);
            auctionTotals = auctionTotals.plus(auctions);
        }
        return Outcome.accepted(new AdvertiserReport(advertiserId, from, to, perCampaign, totals,
                ConversionFigures.of(conversionTotals, totals), auctionTotals));
    }

    private Map<LocalDate, Map<ConversionType, TypeTotals>> conversionsByDay(CampaignId campaignId, LocalDate from,
            LocalDate to) {
        Map<LocalDate, Map<ConversionType, TypeTotals>> byDay = new HashMap<>();
        for (DayConversions day : conversions.daily(campaignId, from, to)) {
            byDay.put(day.day(), day.byType());
        }
        return byDay;
    }

    private static <T> Optional<Outcome<T>> checkPeriod(LocalDate from, LocalDate to) {
        Violations violations = new Violations()
                .require(from != null, "from", "is required (a date, yyyy-mm-dd)")
                .require(to != null, "to", "is required (a date, yyyy-mm-dd)");
        if (from != null && to != null) {
            violations.require(!to.isBefore(from), "to", "must not be before from (" + from + ")")
                    .require(ChronoUnit.DAYS.between(from, to) < MAX_DAYS, "to",
                            "a report covers at most " + MAX_DAYS + " days");
        }
        return violations.isEmpty() ? Optional.empty() : Optional.of(Outcome.invalid(violations.list()));
    }
}
