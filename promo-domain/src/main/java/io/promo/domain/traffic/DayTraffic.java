package io.promo.domain.traffic;

import io.promo.domain.ledger.NotBilledReason;
import io.promo.domain.shared.Money;
import java.time.LocalDate;
import java.util.Map;
import java.util.Objects;

/**
 * One campaign's budget day as the log and the ledger record it.
 *
 * @param notBilledClicks valid clicks billed 0, by reason
 * @param invalidClicks   invalid clicks by reason
 * @param spent           what the day's clicks were billed, as the ledger's reconciled day counter holds it plus
 *                        what credits of invalid clicks released from it again (ADR 0016)
 * @param creditedClicks  clicks of this day refunded later as invalid, and what they refunded
 * @param savings         what the billed clicks' bids (their campaign's maximum CPC at serve time) exceeded what they
 *                        paid, summed: the bids of the day are {@code spent + savings}. Clicks logged before clicks
 *                        carried their bid count as having bid what they paid (0)
 */
public record DayTraffic(LocalDate day, long impressions, long billedClicks, Map<NotBilledReason, Long> notBilledClicks,
        Map<InvalidClickReason, Long> invalidClicks, Money spent, long creditedClicks, Money credited, Money savings) {

    /** A day whose clicks bid what they paid. */
    public DayTraffic(LocalDate day, long impressions, long billedClicks, Map<NotBilledReason, Long> notBilledClicks,
            Map<InvalidClickReason, Long> invalidClicks, Money spent, long creditedClicks, Money credited) {
        this(day, impressions, billedClicks, notBilledClicks, invalidClicks, spent, creditedClicks, credited, Money.ZERO);
    }

    public DayTraffic {
        Objects.requireNonNull(day, "day");
        Objects.requireNonNull(spent, "spent");
        Objects.requireNonNull(credited, "credited");
        if (Objects.requireNonNull(savings, "savings").isNegative()) {
            throw new IllegalArgumentException("a click pays at most its bid: savings " + savings);
        }
        notBilledClicks = Map.copyOf(notBilledClicks);
        invalidClicks = Map.copyOf(invalidClicks);
    }

    /** Valid clicks: billed, and billed 0 because the budget no longer covered them. */
    public long validClicks() {
        return billedClicks + notBilledClicks.values().stream().mapToLong(Long::longValue).sum();
    }

    public long invalidClickCount() {
        return invalidClicks.values().stream().mapToLong(Long::longValue).sum();
    }
}
