package io.promo.domain.report;

import io.promo.domain.ledger.NotBilledReason;
import io.promo.domain.shared.Money;
import io.promo.domain.traffic.DayTraffic;
import io.promo.domain.traffic.InvalidClickReason;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * What a report says about a span of traffic (one day, a period, an advertiser's campaigns).
 *
 * @param clicks          valid clicks: billed, and billed 0 because the budget no longer covered them
 * @param notBilledClicks valid clicks billed 0, by reason (daily budget, total budget, balance)
 * @param invalidClicks   invalid clicks by reason, never billed
 * @param ctr             clicks / impressions; 0 without impressions
 * @param spent           the ledger's spend (its reconciled day counters), not a sum of events (I7)
 * @param averageCpc      spent / billed clicks, rounded to the nearest cent; 0 without billed clicks
 * @param credited        refunds of clicks found invalid later, counted on the day of the click
 * @param averageBid      the billed clicks' average bid (their campaign's maximum CPC at serve time): (spent +
 *                        savings) / billed clicks, rounded to the nearest cent; 0 without billed clicks
 * @param savings         what the billed clicks' bids exceeded what they paid (the second price's saving), summed;
 *                        0 for clicks logged before clicks carried their bid
 */
public record TrafficFigures(long impressions, long clicks, long billedClicks, Map<NotBilledReason, Long> notBilledClicks,
        Map<InvalidClickReason, Long> invalidClicks, double ctr, Money spent, Money averageCpc, long creditedClicks, Money credited,
        Money averageBid, Money savings) {

    public static final TrafficFigures NONE = of(0, 0, Map.of(), Map.of(), Money.ZERO, 0, Money.ZERO, Money.ZERO);

    public TrafficFigures {
        Objects.requireNonNull(spent, "spent");
        Objects.requireNonNull(averageCpc, "averageCpc");
        Objects.requireNonNull(credited, "credited");
        Objects.requireNonNull(averageBid, "averageBid");
        Objects.requireNonNull(savings, "savings");
        notBilledClicks = Map.copyOf(notBilledClicks);
        invalidClicks = Map.copyOf(invalidClicks);
    }

    public static TrafficFigures of(DayTraffic day) {
        return of(day.impressions(), day.billedClicks(), day.notBilledClicks(), day.invalidClicks(), day.spent(),
                day.creditedClicks(), day.credited(), day.savings());
    }

    private static TrafficFigures of(long impressions, long billedClicks, Map<NotBilledReason, Long> notBilled,
            Map<InvalidClickReason, Long> invalid, Money spent, long creditedClicks, Money credited, Money savings) {
        long clicks = billedClicks + notBilled.values().stream().mapToLong(Long::longValue).sum();
        double ctr = impressions == 0 ? 0 : (double) clicks / impressions;
        Money averageCpc = billedClicks == 0 ? Money.ZERO
                : Money.ofCents(Math.round((double) spent.cents() / billedClicks));
        Money averageBid = billedClicks == 0 ? Money.ZERO
                : Money.ofCents(Math.round((double) spent.plus(savings).cents() / billedClicks));
        return new TrafficFigures(impressions, clicks, billedClicks, notBilled, invalid, ctr, spent, averageCpc,
                creditedClicks, credited, averageBid, savings);
    }

    /** The figures of both spans together. */
    public TrafficFigures plus(TrafficFigures other) {
        Map<NotBilledReason, Long> notBilled = new EnumMap<>(NotBilledReason.class);
        notBilled.putAll(notBilledClicks);
        other.notBilledClicks.forEach((reason, count) -> notBilled.merge(reason, count, Long::sum));
        Map<InvalidClickReason, Long> invalid = new EnumMap<>(InvalidClickReason.class);
        invalid.putAll(invalidClicks);
        other.invalidClicks.forEach((reason, count) -> invalid.merge(reason, count, Long::sum));
        return of(impressions + other.impressions, billedClicks + other.billedClicks, notBilled, invalid,
                spent.plus(other.spent), creditedClicks + other.creditedClicks, credited.plus(other.credited),
                savings.plus(other.savings));
    }

    public long invalidClickCount() {
        return invalidClicks.values().stream().mapToLong(Long::longValue).sum();
    }
}
