package io.promo.domain.serving.share;

import io.promo.domain.shared.CampaignId;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** {@link ImpressionShareLog} in memory, for domain tests; held to the PostgreSQL adapter by {@link ImpressionShareLogContract}. */
public final class InMemoryImpressionShareLog implements ImpressionShareLog {

    private final List<HourlyShare> added = new ArrayList<>();
    /** When set, the next {@link #add} fails with it (once). */
    private RuntimeException nextFailure;

    @Override
    public synchronized void add(List<HourlyShare> counts) {
        if (nextFailure != null) {
            RuntimeException failure = nextFailure;
            nextFailure = null;
            throw failure;
        }
        added.addAll(counts);
    }

    @Override
    public synchronized Map<LocalDate, ShareCounts> daily(CampaignId campaignId, LocalDate from, LocalDate to) {
        Map<LocalDate, ShareCounts> days = new TreeMap<>();
        for (HourlyShare share : added) {
            if (share.campaignId().equals(campaignId) && !share.day().isBefore(from) && !share.day().isAfter(to)) {
                days.merge(share.day(), share.counts(), ShareCounts::plus);
            }
        }
        return days;
    }

    /** Every batch row added so far, in order. */
    public synchronized List<HourlyShare> rows() {
        return List.copyOf(added);
    }

    public synchronized void failNextAdd(RuntimeException failure) {
        nextFailure = failure;
    }
}
