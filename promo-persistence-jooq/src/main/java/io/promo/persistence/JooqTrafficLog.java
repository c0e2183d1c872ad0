package io.promo.persistence;

import io.promo.domain.advertiser.AdvertiserStatus;
import io.promo.domain.campaign.CampaignStatus;
import io.promo.domain.ledger.Billability;
import io.promo.domain.ledger.IdempotencyKey;
import io.promo.domain.ledger.NotBilledReason;
import io.promo.domain.ledger.SpendOutcome;
import io.promo.domain.serving.ranking.CtrCounts;
import io.promo.domain.shared.CampaignId;
import io.promo.domain.shared.EventId;
import io.promo.domain.shared.Money;
import io.promo.domain.shared.RoleCode;
import io.promo.domain.shared.UserId;
import io.promo.domain.traffic.BilledClick;
import io.promo.domain.traffic.ClickLogged;
import io.promo.domain.traffic.ClickToLog;
import io.promo.domain.traffic.DayTraffic;
import io.promo.domain.traffic.EventType;
import io.promo.domain.traffic.InvalidClickReason;
import io.promo.domain.traffic.TrafficEvent;
import io.promo.domain.traffic.TrafficLog;
import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.jooq.exception.DataAccessException;
import org.postgresql.PGConnection;

/**
 * {@link TrafficLog} on the seed's {@code promo_event} and the per-day counts of {@code promo_traffic_daily}
 * (migration V7, ADR 0006). Impressions arrive in batches through PostgreSQL's {@code COPY} (ADR 0007), with
 * the batch's counts upserted in the same transaction. A click is one transaction on one connection: its
 * checks, the ledger's spend statement ({@link JooqBudgetLedger#spendInTransaction}), its event and its count
 * commit together or not at all.
 *
 * <p>Concurrency of the click rules: a duplicate impression is refused by the unique partial index
 * {@code promo_event_click_per_impression} (a losing insert rolls back its spend and is logged as invalid
 * instead, in a new transaction); the repeat-viewer check runs under {@code pg_advisory_xact_lock} of the campaign and viewer, so
 * two clicks of one viewer on one campaign are checked one after the other. Locks are taken in one order
 * (advisory, then the ledger's key, budget row and day row, then the count row), so clicks cannot deadlock.
 */
public final class JooqTrafficLog implements TrafficLog {

    private static final String COLUMNS = "event_id, campaign_id, impression_id, type, role, city, query_hash, user_id,"
            + " anon_fp_hash, ip_hash, ua_hash, ts, extra_json";

    private static final String COPY_EVENTS = "copy promo_event (" + COLUMNS + ") from stdin";

    // An event and its daily count in one statement. Parameters: the 13 columns, then campaign_id, budget_day, type,
    // outcome of the count. Updates 1 row when the event was stored, 0 when the conflict clause skipped it.
    private static final String LOG_EVENT = """
            with logged as (
              insert into promo_event (%s)
              values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, cast(? as jsonb))
              %%s
              returning 1
            )
            insert into promo_traffic_daily as t (campaign_id, budget_day, type, outcome, events)
            select ?, ?, ?, ?, 1 from logged
            on conflict (campaign_id, budget_day, type, outcome) do update set events = t.events + 1
            """.formatted(COLUMNS);

    private static final String INSERT_EVENT = LOG_EVENT.formatted("");

    /** A click event, unless the impression already has one (the losing side of a concurrent duplicate). */
    private static final String INSERT_CLICK = LOG_EVENT.formatted("on conflict (impression_id) where type = 'click' do nothing");

    // Parameters: arrays of campaign_id, budget_day, type, outcome, events; sorted by key so that concurrent
    // writers lock the rows in one order.
    private static final String COUNT_EVENTS = """
            insert into promo_traffic_daily as t (campaign_id, budget_day, type, outcome, events)
            select * from unnest(cast(? as text[]), cast(? as date[]), cast(? as text[]), cast(? as text[]),
                                 cast(? as bigint[]))
            on conflict (campaign_id, budget_day, type, outcome) do update set events = t.events + excluded.events
            """;

    // Every look-up of a click's rules in one round trip, run after the viewer's advisory lock so that the repeat
    // check sees every click committed before the lock was granted. Parameters: impression_id, viewer key (null
    // for none), repeat-since, campaign_id.
    private static final String CLICK_CHECKS = """
            select a.user_id, c.status in (%s) and a.status in (%s),
                   exists (select 1 from promo_event where impression_id = ? and type = 'click'),
                   exists (select 1 from promo_event
                           where campaign_id = c.campaign_id and type = 'click'
                             and coalesce(user_id, anon_fp_hash) = ? and ts >= ?)
            from promo_campaign c join promo_advertiser a on a.advertiser_id = c.advertiser_id
            where c.campaign_id = ?
            """.formatted(
            sqlList(Billability.BILLABLE_CAMPAIGN_STATUSES.stream().map(CampaignStatus::code).toList()),
            sqlList(Billability.BILLABLE_ADVERTISER_STATUSES.stream().map(AdvertiserStatus::code).toList()));

    private static final String LOCK_VIEWER = "select pg_advisory_xact_lock(hashtextextended(?, 0))";

    private static final String BILLED_CLICKS = """
            select event_id, (extra_json ->> 'billed_cents')::bigint, ts
            from promo_event
            where campaign_id = ? and type = 'click' and ts >= ? and ts < ?
              and (extra_json ->> 'billed_cents')::bigint > 0
            order by ts, event_id
            """;

    private static final String DAY_COUNTS = """
            select budget_day, type, outcome, events from promo_traffic_daily
            where campaign_id = ? and budget_day between ? and ?
            """;

    // What was billed on each day: the day counter, plus what credits of invalid clicks released from it again
    // (ADR 0016), so that a report shows the clicks' cost beside the credits rather than netting them twice.
    private static final String DAY_SPEND = """
            select d.budget_day, d.spent_cents + coalesce((select sum(r.amount_cents) from promo_budget_release r
                                                           where r.campaign_id = d.campaign_id
                                                             and r.budget_day = d.budget_day), 0)
            from promo_campaign_daily_spend d
            where d.campaign_id = ? and d.budget_day between ? and ?
            """;

    // Credits of invalid clicks, on the budget day of the click they refund. Parameters: zone, campaign, from, to.
    private static final String DAY_CREDITS = """
            select day, count(*), sum(amount_cents) from (
              select (e.ts at time zone ?)::date as day, l.amount_cents
              from promo_budget_ledger l
              join promo_event e on e.event_id = l.processor_ref and e.type = 'click'
              where l.processor = '%s' and l.kind = 'credit' and l.campaign_id = ?
            ) credits
            where day between ? and ?
            group by day
            """.formatted(IdempotencyKey.INVALID_CLICK_CREDIT);

    private static final String CTR_COUNTS = """
            select campaign_id, coalesce(sum(events) filter (where type = 'impression'), 0),
                   coalesce(sum(events) filter (where type = 'click'), 0)
            from promo_traffic_daily where budget_day >= ? and type in ('impression', 'click')
            group by campaign_id
            """;

    private static final String BILLED = "billed";

    private final DataSource dataSource;
    private final ZoneId budgetZone;

    public JooqTrafficLog(DataSource dataSource, ZoneId budgetZone) {
        this.dataSource = dataSource;
        this.budgetZone = budgetZone;
    }

    @Override
    public void appendImpressions(List<TrafficEvent> impressions) {
        if (impressions.isEmpty()) {
            return;
        }
        StringBuilder rows = new StringBuilder(impressions.size() * 320);
        Map<CountKey, Long> counts = new TreeMap<>();
        for (TrafficEvent impression : impressions) {
            if (impression.type() != EventType.IMPRESSION) {
                throw new IllegalArgumentException("not an impression: " + impression.eventId());
            }
            appendCopyRow(rows, impression);
            counts.merge(new CountKey(impression.campaignId().value(), dayOf(impression), EventType.IMPRESSION.code(), ""),
                    1L, Long::sum);
        }
        inTransaction("append of " + impressions.size() + " impressions", connection -> {
            try {
                connection.unwrap(PGConnection.class).getCopyAPI().copyIn(COPY_EVENTS, new StringReader(rows.toString()));
            } catch (IOException e) {
                throw new SQLException("copy of impressions failed", e);
            }
            count(connection, counts);
            return null;
        });
    }

    @Override
    public boolean containsEvent(EventId eventId) {
        return read("lookup of " + eventId,
                connection -> exists(connection, "select exists (select 1 from promo_event where event_id = ?)",
                        eventId.value()));
    }

    @Override
    public void appendInvalidClick(TrafficEvent invalidClick) {
        if (invalidClick.type() != EventType.INVALID_CLICK) {
            throw new IllegalArgumentException("not an invalid click: " + invalidClick.eventId());
        }
        inTransaction("invalid click " + invalidClick.eventId(), connection -> {
            insertAndCount(connection, invalidClick);
            return null;
        });
    }

    @Override
    public ClickLogged logClick(ClickToLog click) {
        return inTransaction("click " + click.event().eventId(), connection -> {
            ClickLogged logged = decideAndLog(connection, click);
            if (logged != null) {
                return logged;
            }
            // A concurrent click of the same impression committed first: undo our spend, log a duplicate.
            connection.rollback();
            return invalid(connection, click.event(), InvalidClickReason.DUPLICATE_IMPRESSION);
        });
    }

    /** The click's rules in order, then the spend and the event; null when the event lost a duplicate race. */
    private ClickLogged decideAndLog(Connection connection, ClickToLog click) throws SQLException {
        TrafficEvent event = click.event();
        if (event.viewerKey().isPresent()) {
            try (PreparedStatement lock = connection.prepareStatement(LOCK_VIEWER)) {
                lock.setString(1, event.campaignId().value() + "|" + event.viewerKey().get());
                lock.execute();
            }
        }
        String ownerUserId;
        boolean billable;
        boolean impressionClicked;
        boolean viewerClickedLately;
        try (PreparedStatement checks = connection.prepareStatement(CLICK_CHECKS)) {
            checks.setString(1, event.impressionId().value());
            checks.setString(2, event.viewerKey().orElse(null));
            checks.setObject(3, Timestamps.toColumn(click.repeatSince()));
            checks.setString(4, event.campaignId().value());
            try (ResultSet row = checks.executeQuery()) {
                if (!row.next()) {
                    return invalid(connection, event, InvalidClickReason.CAMPAIGN_NOT_BILLABLE);
                }
                ownerUserId = row.getString(1);
                billable = row.getBoolean(2);
                impressionClicked = row.getBoolean(3);
                viewerClickedLately = row.getBoolean(4);
            }
        }
        if (!billable) {
            return invalid(connection, event, InvalidClickReason.CAMPAIGN_NOT_BILLABLE);
        }
        if (event.userId().map(UserId::value).filter(ownerUserId::equals).isPresent()) {
            return invalid(connection, event, InvalidClickReason.SELF_CLICK);
        }
        if (impressionClicked) {
            return invalid(connection, event, InvalidClickReason.DUPLICATE_IMPRESSION);
        }
        if (viewerClickedLately) {
            return invalid(connection, event, InvalidClickReason.REPEATED_VIEWER);
        }
        // Billed: the spend is in our transaction. Refused: our transaction was rolled back (it held only the lock
        // and reads), and the event is logged in a new one, its duplicate check left to the unique index.
        SpendOutcome outcome = JooqBudgetLedger.spendInTransaction(connection, click.spend(), click.budgetDay());
        ClickLogged logged;
        String countedAs;
        if (outcome instanceof SpendOutcome.Billed billed) {
            logged = new ClickLogged.Billed(event.withExtra(Map.of(TrafficEvent.BILLED_CENTS, billed.entry().amount().cents())),
                    billed.entry());
            countedAs = BILLED;
        } else {
            NotBilledReason reason = ((SpendOutcome.NotBilled) outcome).reason();
            if (reason == NotBilledReason.CAMPAIGN_NOT_BILLABLE) {
                return invalid(connection, event, InvalidClickReason.CAMPAIGN_NOT_BILLABLE);
            }
            if (reason == NotBilledReason.DUPLICATE) {
                return invalid(connection, event, InvalidClickReason.DUPLICATE_IMPRESSION);
            }
            countedAs = reason.name().toLowerCase(Locale.ROOT);
            logged = new ClickLogged.NotBilled(event.withExtra(Map.of(TrafficEvent.BILLED_CENTS, 0L,
                    TrafficEvent.REASON, countedAs)), reason);
        }
        return log(connection, INSERT_CLICK, logged.event(), countedAs) ? logged : null;
    }

    private ClickLogged invalid(Connection connection, TrafficEvent click, InvalidClickReason reason) throws SQLException {
        TrafficEvent logged = click.asInvalid(reason);
        log(connection, INSERT_EVENT, logged, reason.code());
        return new ClickLogged.Invalid(logged, reason);
    }

    private void insertAndCount(Connection connection, TrafficEvent event) throws SQLException {
        log(connection, INSERT_EVENT, event, event.reason().orElse(""));
    }

    /** Stores the event and counts it under {@code outcome}; false when the statement's conflict clause skipped it. */
    private boolean log(Connection connection, String sql, TrafficEvent event, String outcome) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(sql)) {
            bind(insert, event);
            insert.setString(14, event.campaignId().value());
            insert.setObject(15, dayOf(event));
            insert.setString(16, event.type().code());
            insert.setString(17, outcome);
            return insert.executeUpdate() == 1;
        }
    }

    private static void count(Connection connection, Map<CountKey, Long> counts) throws SQLException {
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
            types[i] = entry.getKey().type();
            outcomes[i] = entry.getKey().outcome();
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

    @Override
    public List<BilledClick> billedClicks(CampaignId campaignId, Instant from, Instant to) {
        return read("billed clicks of " + campaignId, connection -> {
            List<BilledClick> clicks = new ArrayList<>();
            try (PreparedStatement query = connection.prepareStatement(BILLED_CLICKS)) {
                query.setString(1, campaignId.value());
                query.setObject(2, Timestamps.toColumn(from));
                query.setObject(3, Timestamps.toColumn(to));
                try (ResultSet row = query.executeQuery()) {
                    while (row.next()) {
                        clicks.add(new BilledClick(new EventId(row.getString(1)), Money.ofCents(row.getLong(2)),
                                row.getObject(3, OffsetDateTime.class).toInstant()));
                    }
                }
            }
            return clicks;
        });
    }

    @Override
    public List<DayTraffic> daily(CampaignId campaignId, LocalDate from, LocalDate to) {
        return read("daily traffic of " + campaignId, connection -> {
            Map<LocalDate, DayBuilder> days = new TreeMap<>();
            try (PreparedStatement query = connection.prepareStatement(DAY_COUNTS)) {
                query.setString(1, campaignId.value());
                query.setObject(2, from);
                query.setObject(3, to);
                try (ResultSet row = query.executeQuery()) {
                    while (row.next()) {
                        days.computeIfAbsent(row.getObject(1, LocalDate.class), DayBuilder::new)
                                .add(row.getString(2), row.getString(3), row.getLong(4));
                    }
                }
            }
            try (PreparedStatement query = connection.prepareStatement(DAY_SPEND)) {
                query.setString(1, campaignId.value());
                query.setObject(2, from);
                query.setObject(3, to);
                try (ResultSet row = query.executeQuery()) {
                    while (row.next()) {
                        days.computeIfAbsent(row.getObject(1, LocalDate.class), DayBuilder::new).spent = row.getLong(2);
                    }
                }
            }
            try (PreparedStatement query = connection.prepareStatement(DAY_CREDITS)) {
                query.setString(1, budgetZone.getId());
                query.setString(2, campaignId.value());
                query.setObject(3, from);
                query.setObject(4, to);
                try (ResultSet row = query.executeQuery()) {
                    while (row.next()) {
                        DayBuilder day = days.computeIfAbsent(row.getObject(1, LocalDate.class), DayBuilder::new);
                        day.creditedClicks = row.getLong(2);
                        day.credited = row.getLong(3);
                    }
                }
            }
            return days.values().stream().map(DayBuilder::build).toList();
        });
    }

    @Override
    public Map<CampaignId, CtrCounts> ctrCountsSince(LocalDate firstDay) {
        return read("CTR counts", connection -> {
            Map<CampaignId, CtrCounts> counts = new HashMap<>();
            try (PreparedStatement query = connection.prepareStatement(CTR_COUNTS)) {
                query.setObject(1, firstDay);
                try (ResultSet row = query.executeQuery()) {
                    while (row.next()) {
                        counts.put(new CampaignId(row.getString(1)), new CtrCounts(row.getLong(2), row.getLong(3)));
                    }
                }
            }
            return counts;
        });
    }

    private LocalDate dayOf(TrafficEvent event) {
        return LocalDate.ofInstant(event.ts(), budgetZone);
    }

    private static boolean exists(Connection connection, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                query.setObject(i + 1, parameters[i]);
            }
            try (ResultSet row = query.executeQuery()) {
                row.next();
                return row.getBoolean(1);
            }
        }
    }

    private static void bind(PreparedStatement insert, TrafficEvent event) throws SQLException {
        insert.setString(1, event.eventId().value());
        insert.setString(2, event.campaignId().value());
        insert.setString(3, event.impressionId().value());
        insert.setString(4, event.type().code());
        insert.setString(5, event.role().map(RoleCode::value).orElse(null));
        insert.setString(6, event.city().value());
        insert.setString(7, event.queryHash());
        insert.setString(8, event.userId().map(UserId::value).orElse(null));
        insert.setString(9, event.anonFpHash().orElse(null));
        insert.setString(10, event.ipHash());
        insert.setString(11, event.uaHash());
        insert.setObject(12, Timestamps.toColumn(event.ts()));
        insert.setString(13, event.extraJson());
    }

    /** One line of COPY's text format: tab-separated, {@code \N} for null, backslash escapes. */
    private static void appendCopyRow(StringBuilder rows, TrafficEvent event) {
        copyField(rows, event.eventId().value()).append('\t');
        copyField(rows, event.campaignId().value()).append('\t');
        copyField(rows, event.impressionId().value()).append('\t');
        rows.append(event.type().code()).append('\t');
        copyField(rows, event.role().map(RoleCode::value).orElse(null)).append('\t');
        copyField(rows, event.city().value()).append('\t');
        copyField(rows, event.queryHash()).append('\t');
        copyField(rows, event.userId().map(UserId::value).orElse(null)).append('\t');
        copyField(rows, event.anonFpHash().orElse(null)).append('\t');
        copyField(rows, event.ipHash()).append('\t');
        copyField(rows, event.uaHash()).append('\t');
        rows.append(event.ts()).append('\t');
        copyField(rows, event.extraJson()).append('\n');
    }

    private static StringBuilder copyField(StringBuilder rows, String value) {
        if (value == null) {
            return rows.append("\\N");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> rows.append("\\\\");
                case '\t' -> rows.append("\\t");
                case '\n' -> rows.append("\\n");
                case '\r' -> rows.append("\\r");
                default -> rows.append(c);
            }
        }
        return rows;
    }

    private record CountKey(String campaignId, LocalDate day, String type, String outcome) implements Comparable<CountKey> {
        @Override
        public int compareTo(CountKey other) {
            int c = campaignId.compareTo(other.campaignId);
            if (c == 0) {
                c = day.compareTo(other.day);
            }
            if (c == 0) {
                c = type.compareTo(other.type);
            }
            return c != 0 ? c : outcome.compareTo(other.outcome);
        }
    }

    /** One day of {@link #daily} while its three queries are merged. */
    private static final class DayBuilder {
        private final LocalDate day;
        private long impressions;
        private long billedClicks;
        private final Map<String, Long> notBilled = new TreeMap<>();
        private final Map<String, Long> invalid = new TreeMap<>();
        private long spent;
        private long creditedClicks;
        private long credited;

        DayBuilder(LocalDate day) {
            this.day = day;
        }

        void add(String type, String outcome, long events) {
            if (type.equals(EventType.IMPRESSION.code())) {
                impressions += events;
            } else if (type.equals(EventType.CLICK.code()) && outcome.equals(BILLED)) {
                billedClicks += events;
            } else if (type.equals(EventType.CLICK.code())) {
                notBilled.merge(outcome, events, Long::sum);
            } else {
                invalid.merge(outcome, events, Long::sum);
            }
        }

        DayTraffic build() {
            return new DayTraffic(day, impressions, billedClicks, notBilled, invalid, Money.ofCents(spent),
                    creditedClicks, Money.ofCents(credited));
        }
    }

    @FunctionalInterface
    private interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private <T> T inTransaction(String what, Work<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                Rollback.after(connection, e);
                throw e;
            }
        } catch (SQLException e) {
            throw new DataAccessException(what + " failed", e);
        }
    }

    private <T> T read(String what, Work<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            return work.run(connection);
        } catch (SQLException e) {
            throw new DataAccessException(what + " failed", e);
        }
    }

    private static String sqlList(List<String> codes) {
        return codes.stream().sorted().map(code -> "'" + code + "'").collect(Collectors.joining(", "));
    }
}
