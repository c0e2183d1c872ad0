package io.promo.domain.traffic;

import io.promo.domain.shared.Money;
import java.time.LocalDate;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One campaign's budget day as the log and the ledger record it.
 *
 * @param notBilledClicks valid clicks billed 0, by {@code NotBilledReason} code
 * @param invalidClicks   invalid clicks by {@link InvalidClickReason} code
 * @param spent           what the day's clicks were billed, as the ledger's reconciled day counter holds it plus
 *                        what credits of invalid clicks released from it again (ADR 0016)
 * @param creditedClicks  clicks of this day refunded later as invalid, and what they refunded
 */
public record DayTraffic(LocalDate day, long impressions, long billedClicks, Map<String, Long> notBilledClicks,
        Map<String, Long> invalidClicks, Money spent, long creditedClicks, Money credited) {

    public DayTraffic {
        Objects.requireNonNull(day, "day");
        Objects.requireNonNull(spent, "spent");
        Objects.requireNonNull(credited, "credited");
        notBilledClicks = Map.copyOf(new TreeMap<>(notBilledClicks));
        invalidClicks = Map.copyOf(new TreeMap<>(invalidClicks));
    }

    /** Valid clicks: billed, and billed 0 because the budget no longer covered them. */
    public long validClicks() {
        return billedClicks + notBilledClicks.values().stream().mapToLong(Long::longValue).sum();
    }

    public long invalidClickCount() {
        return invalidClicks.values().stream().mapToLong(Long::longValue).sum();
    }
}
