package io.promo.persistence;

import io.promo.domain.ledger.BudgetCalendar;
import io.promo.domain.shared.EventId;
import io.promo.domain.traffic.EventType;
import io.promo.domain.traffic.ImpressionLog;
import io.promo.domain.traffic.TrafficEvent;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.postgresql.PGConnection;

/**
 * {@link ImpressionLog} on the seed's {@code promo_event}: a batch arrives through PostgreSQL's {@code COPY} (plain
 * JDBC, the driver's copy API; ADR 0007), with its per-day counts in {@code promo_traffic_daily} (ADR 0006) upserted
 * in the same transaction.
 */
public final class JdbcImpressionLog implements ImpressionLog {

    private static final String COPY_EVENTS = "copy promo_event (" + TrafficEventMapper.COLUMNS + ") from stdin";

    // Parameters: arrays of campaign_id, budget_day, type, outcome, events; sorted by key so that concurrent
    // writers lock the rows in one order.
    private static final String COUNT_EVENTS = """
            insert into promo_traffic_daily as t (campaign_id, budget_day, type, outcome, events)
            select * from unnest(cast(? as text[]), cast(? as date[]), cast(? as text[]), cast(? as text[]),
                                 cast(? as bigint[]))
            on conflict (campaign_id, budget_day, type, outcome) do update set events = t.events + excluded.events
            """;

    private static final String CONTAINS_EVENT = "select exists (select 1 from promo_event where event_id = ?)";

    private final DataSource dataSource;
    private final ZoneId budgetZone;

    public JdbcImpressionLog(DataSource dataSource, ZoneId budgetZone) {
        this.dataSource = dataSource;
        this.budgetZone = budgetZone;
    }

    @Override
    public void appendImpressions(List<TrafficEvent> impressions) {
        if (impressions.isEmpty()) {
            return;
        }
        StringBuilder rows = new StringBuilder(impressions.size() * 320);
        // Counted in a hash map, sorted once per batch (thousands of impressions, a few hundred keys); a batch spans
        // about one flush interval, so the budget day of the previous impression is almost always this one's too.
        Map<CountKey, Long> counts = new HashMap<>();
        BudgetDays days = new BudgetDays(budgetZone);
        for (TrafficEvent impression : impressions) {
            if (impression.type() != EventType.IMPRESSION) {
                throw new IllegalArgumentException("not an impression: " + impression.eventId());
            }
            TrafficEventMapper.appendCopyRow(rows, impression);
            counts.merge(new CountKey(impression.campaignId().value(), days.of(impression.ts())), 1L, Long::sum);
        }
        byte[] copy = rows.toString().getBytes(StandardCharsets.UTF_8); // the driver's client encoding is UTF-8
        SortedMap<CountKey, Long> sorted = new TreeMap<>(counts);
        JdbcTransactions.inTransaction(dataSource, "append of " + impressions.size() + " impressions", connection -> {
            try {
                connection.unwrap(PGConnection.class).getCopyAPI().copyIn(COPY_EVENTS, new ByteArrayInputStream(copy));
            } catch (IOException e) {
                throw new SQLException("copy of impressions failed", e);
            }
            count(connection, sorted);
            return null;
        });
    }

    @Override
    public boolean containsEvent(EventId eventId) {
        return JdbcTransactions.read(dataSource, "lookup of " + eventId, connection -> {
            try (PreparedStatement query = connection.prepareStatement(CONTAINS_EVENT)) {
                query.setString(1, eventId.value());
                try (ResultSet row = query.executeQuery()) {
                    row.next();
                    return row.getBoolean(1);
                }
            }
        });
    }

    private static void count(Connection connection, SortedMap<CountKey, Long> counts) throws SQLException {
        int n = counts.size();
        String[] campaigns = new String[n];
        LocalDate[] days = new LocalDate[n];
        String[] types = new String[n];
        String[] outcomes = new String[n];
        Long[] events = new Long[n];
        int i = 0;
        for (Map.Entry<CountKey, Long> entry : counts.entrySet()) {
            campaigns[i] = entry.getKey().campaignId();
            days[i] = entry.getKey().day();
            types[i] = EventType.IMPRESSION.code();
            outcomes[i] = "";
            events[i] = entry.getValue();
            i++;
        }
        try (PreparedStatement upsert = connection.prepareStatement(COUNT_EVENTS)) {
            upsert.setArray(1, connection.createArrayOf("text", campaigns));
            upsert.setArray(2, connection.createArrayOf("date", days));
            upsert.setArray(3, connection.createArrayOf("text", types));
            upsert.setArray(4, connection.createArrayOf("text", outcomes));
            upsert.setArray(5, connection.createArrayOf("bigint", events));
            upsert.executeUpdate();
        }
    }

    /**
     * {@link BudgetCalendar#dayOf}, remembering the last day's bounds (a day of 23 or 25 hours included), so that a
     * batch asks the zone's rules once per day it spans rather than once per impression.
     */
    static final class BudgetDays {
        private final BudgetCalendar calendar;
        private LocalDate day;
        private Instant start = Instant.MAX;
        private Instant end = Instant.MIN;

        BudgetDays(ZoneId zone) {
            this.calendar = new BudgetCalendar(zone);
        }

        LocalDate of(Instant ts) {
            if (ts.isBefore(start) || !ts.isBefore(end)) {
                day = calendar.dayOf(ts);
                start = calendar.startOf(day);
                end = calendar.endOf(day);
            }
            return day;
        }
    }

    /** An impression count row's key (type impression, outcome empty), in the order rows are locked. */
    private record CountKey(String campaignId, LocalDate day) implements Comparable<CountKey> {
        @Override
        public int compareTo(CountKey other) {
            int c = campaignId.compareTo(other.campaignId);
            return c != 0 ? c : day.compareTo(other.day);
        }
    }
}
