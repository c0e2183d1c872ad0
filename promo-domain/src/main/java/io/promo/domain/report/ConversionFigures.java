package io.promo.domain.report;

import io.promo.domain.conversion.ConversionType;
import io.promo.domain.conversion.DayConversions.TypeTotals;
import io.promo.domain.shared.Money;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What a span's clicks earned (ADR 0035), beside what they cost. Every figure is computed from the spend the ledger
 * booked net of credits of invalid clicks, never from a bid: a click pays what it was billed.
 *
 * @param byType            attributed conversions and their value, by type (a type without any is absent)
 * @param conversions       all of them
 * @param value             their value in the deployment's currency
 * @param conversionRate    conversions / billed clicks not credited since; 0 without such clicks
 * @param costPerConversion net spend / conversions, rounded to the cent; empty without conversions
 * @param roas              value / net spend (return on ad spend, 2.5 = 250 %); empty without net spend
 */
public record ConversionFigures(Map<ConversionType, TypeTotals> byType, long conversions, Money value,
        double conversionRate, Optional<Money> costPerConversion, Optional<Double> roas) {

    public ConversionFigures {
        byType = Map.copyOf(byType);
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(costPerConversion, "costPerConversion");
        Objects.requireNonNull(roas, "roas");
    }

    /** The figures of {@code byType} conversions earned by the traffic {@code traffic} reports. */
    public static ConversionFigures of(Map<ConversionType, TypeTotals> byType, TrafficFigures traffic) {
        long conversions = 0;
        Money value = Money.ZERO;
        for (TypeTotals totals : byType.values()) {
            conversions = Math.addExact(conversions, totals.conversions());
            value = value.plus(totals.value());
        }
        Money netSpend = netSpend(traffic);
        long netClicks = traffic.billedClicks() - traffic.creditedClicks();
        double rate = netClicks <= 0 ? 0 : (double) conversions / netClicks;
        Optional<Money> cost = conversions == 0 ? Optional.empty() : Optional.of(costOf(netSpend, conversions));
        Optional<Double> roas = netSpend.isPositive() ? Optional.of((double) value.cents() / netSpend.cents()) : Optional.empty();
        return new ConversionFigures(byType, conversions, value, rate, cost, roas);
    }

    /** What the traffic cost net of credits of invalid clicks: what the advertiser paid for it in the end. */
    public static Money netSpend(TrafficFigures traffic) {
        Money net = traffic.spent().minus(traffic.credited());
        return net.isNegative() ? Money.ZERO : net;
    }

    /** Net spend per conversion of {@code type} (cost per inquiry, per booking); empty without any. */
    public Optional<Money> costPer(ConversionType type, TrafficFigures traffic) {
        TypeTotals totals = byType.get(type);
        return totals == null || totals.conversions() == 0 ? Optional.empty()
                : Optional.of(costOf(netSpend(traffic), totals.conversions()));
    }

    /** The conversions of both maps together, by type. */
    public static Map<ConversionType, TypeTotals> merge(Map<ConversionType, TypeTotals> a, Map<ConversionType, TypeTotals> b) {
        Map<ConversionType, TypeTotals> merged = new TreeMap<>(a);
        b.forEach((type, totals) -> merged.merge(type, totals, TypeTotals::plus));
        return merged;
    }

    private static Money costOf(Money netSpend, long conversions) {
        return Money.ofCents(Math.round((double) netSpend.cents() / conversions));
    }
}
