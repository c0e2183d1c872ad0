package io.promo.persistence;

import io.promo.domain.advertiser.AdvertiserStatus;
import io.promo.domain.campaign.CampaignStatus;
import io.promo.domain.shared.CampaignId;
import io.promo.domain.shared.EventId;
import io.promo.domain.shared.Money;
import io.promo.domain.shared.UserId;
import io.promo.domain.traffic.BilledClick;
import io.promo.domain.traffic.ClickFacts;
import io.promo.domain.traffic.ClickLog;
import io.promo.domain.traffic.ClickLogged;
import io.promo.domain.traffic.ClickPolicy;
import io.promo.domain.traffic.ClickToLog;
import io.promo.domain.traffic.EventType;
import io.promo.domain.traffic.InvalidClickReason;
import io.promo.domain.traffic.TrafficEvent;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * {@link ClickLog} on the seed's {@code promo_event} and its per-day counts ({@code promo_traffic_daily}, ADR 0006),
 * over plain JDBC. A click is one transaction on one connection: the viewer's lock, the {@link ClickFacts} in one
 * statement, {@link ClickPolicy}'s decision, the ledger's spend statement ({@link JooqBudgetLedger#spendInTransaction})
 * and the event with its count commit together or not at all.
 *
 * <p>Concurrency of the click rules: a duplicate impression is refused by the unique partial index
 * {@code promo_event_click_per_impression} (a losing insert rolls back its spend and is logged as invalid instead, in
 * a new transaction); the facts are read under {@code pg_advisory_xact_lock} of the campaign and viewer, so two
 * clicks of one viewer on one campaign are decided one after the other. Locks are taken in one order (advisory,
 * then the ledger's key, budget row and day row, then the count row), so clicks cannot deadlock.
 *
 * <p>The burst rule counts the ip's click events of every node under an advisory lock of the ip, taken in the same
 * statement as the viewer's (ip first), so it costs no round trip (ADR 0037). A click refused for money or lost to a
 * duplicate race is logged in a second transaction, after the locks are gone: a click of the same ip decided in that
 * gap does not count it yet, so the deployment's bound is the limit plus such clicks in flight at that instant.
 */
public final class JdbcClickLog implements ClickLog {

    // An event and its daily count in one statement. Parameters: the 13 columns, then campaign_id, budget_day, type,
    // outcome and the saving (bid - price, 0 unless billed) of the count. Updates 1 row when the event was stored, 0
    // when the conflict clause skipped it.
    private static final String LOG_EVENT = """
            with logged as (
              insert into promo_event (%s)
              values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, cast(? as jsonb))
              %%s
              returning 1
            )
            insert into promo_traffic_daily as t (campaign_id, budget_day, type, outcome, events, savings_cents)
            select ?, ?, ?, ?, 1, ? from logged
            on conflict (campaign_id, budget_day, type, outcome)
            do update set events = t.events + 1, savings_cents = t.savings_cents + excluded.savings_cents
            """.formatted(TrafficEventMapper.COLUMNS);

    private static final String INSERT_EVENT = LOG_EVENT.formatted("");

    /** A click event, unless the impression already has one (the losing side of a concurrent duplicate). */
    private static final String INSERT_CLICK = LOG_EVENT.formatted("on conflict (impression_id) where type = 'click' do nothing");

    // The facts of a click's rules in one round trip, read after the ip's and the viewer's advisory locks so that the
    // burst count and the repeat look see every click committed before the locks were granted. Parameters: ip_hash,
    // burst-since, burst limit, impression_id, viewer key (null for none), repeat-since, campaign_id. A null campaign
    // status: the campaign is unknown. The burst count stops at the limit (promo_event_clicks_by_ip, V23).
    private static final String CLICK_FACTS = """
            select (select count(*) from (select 1 from promo_event
                                          where ip_hash = ? and type in ('click', 'invalid_click') and ts > ?
                                          limit ?) burst),
                   c.status, a.status, a.user_id,
                   exists (select 1 from promo_event where impression_id = ? and type = 'click'),
                   exists (select 1 from promo_event
                           where campaign_id = c.campaign_id and type = 'click'
                             and coalesce(user_id, anon_fp_hash) = ? and ts >= ?)
            from (values (?)) clicked (campaign_id)
            left join promo_campaign c on c.campaign_id = clicked.campaign_id
            left join promo_advertiser a on a.advertiser_id = c.advertiser_id
            """;

    // Two locks in one round trip, always the ip's first: every click of one ip is decided after the previous one
    // committed (the burst count, ADR 0037), every click of one viewer on one campaign too (the repeat rule).
    private static final String LOCK_IP_AND_VIEWER =
            "select pg_advisory_xact_lock(hashtextextended(?, 0)), pg_advisory_xact_lock(hashtextextended(?, 0))";
    private static final String LOCK_IP = "select pg_advisory_xact_lock(hashtextextended(?, 0))";

    private static final String BILLED_CLICKS = """
            select event_id, (extra_json ->> 'billed_cents')::bigint, ts
            from promo_event
            where campaign_id = ? and type = 'click' and ts >= ? and ts < ?
              and (extra_json ->> 'billed_cents')::bigint > 0
            order by ts, event_id
            """;

    private final DataSource dataSource;
    private final ZoneId budgetZone;

    public JdbcClickLog(DataSource dataSource, ZoneId budgetZone) {
        this.dataSource = dataSource;
        this.budgetZone = budgetZone;
    }

    @Override
    public void appendInvalidClick(TrafficEvent invalidClick) {
        if (invalidClick.type() != EventType.INVALID_CLICK) {
            throw new IllegalArgumentException("not an invalid click: " + invalidClick.eventId());
        }
        JdbcTransactions.inTransaction(dataSource, "invalid click " + invalidClick.eventId(), connection -> {
            log(connection, INSERT_EVENT, invalidClick);
            return null;
        });
    }

    @Override
    public ClickLogged logClick(ClickToLog click) {
        return JdbcTransactions.inTransaction(dataSource, "click " + click.event().eventId(), connection -> {
            ClickLogged logged = decideAndLog(connection, click);
            if (logged != null) {
                return logged;
            }
            // A concurrent click of the same impression committed first: undo our spend, log a duplicate.
            connection.rollback();
            return logInvalid(connection, ClickPolicy.invalid(click.event(), InvalidClickReason.DUPLICATE_IMPRESSION));
        });
    }

    /** Lock, read the facts, ask the policy, spend, log; null when the event lost a duplicate race. */
    private ClickLogged decideAndLog(Connection connection, ClickToLog click) throws SQLException {
        TrafficEvent event = click.event();
        try (PreparedStatement lock = connection.prepareStatement(event.viewerKey().isPresent() ? LOCK_IP_AND_VIEWER : LOCK_IP)) {
            lock.setString(1, "ip|" + event.ipHash());
            if (event.viewerKey().isPresent()) {
                lock.setString(2, event.campaignId().value() + "|" + event.viewerKey().get());
            }
            lock.execute();
        }
        Optional<InvalidClickReason> invalid = ClickPolicy.invalidReason(click, facts(connection, click));
        if (invalid.isPresent()) {
            return logInvalid(connection, ClickPolicy.invalid(event, invalid.get()));
        }
        // Billed: the spend is in our transaction. Refused: our transaction was rolled back (it held only the lock
        // and reads), and the event is logged in a new one, its duplicate check left to the unique index.
        ClickLogged logged = ClickPolicy.afterSpend(click,
                JooqBudgetLedger.spendInTransaction(connection, click.spend(), click.budgetDay()));
        if (logged instanceof ClickLogged.Invalid) {
            return logInvalid(connection, logged);
        }
        return log(connection, INSERT_CLICK, logged.event()) ? logged : null;
    }

    private static ClickFacts facts(Connection connection, ClickToLog click) throws SQLException {
        TrafficEvent event = click.event();
        try (PreparedStatement query = connection.prepareStatement(CLICK_FACTS)) {
            query.setString(1, event.ipHash());
            query.setObject(2, Timestamps.toColumn(click.ipBurst().since()));
            query.setInt(3, click.ipBurst().limit());
            query.setString(4, event.impressionId().value());
            query.setString(5, event.viewerKey().orElse(null));
            query.setObject(6, Timestamps.toColumn(click.repeatSince()));
            query.setString(7, event.campaignId().value());
            try (ResultSet row = query.executeQuery()) {
                row.next();
                int ipClicks = row.getInt(1);
                if (row.getString(2) == null) {
                    return new ClickFacts(Optional.empty(), false, false, ipClicks);
                }
                ClickFacts.Payer payer = new ClickFacts.Payer(CampaignStatus.parse("status", row.getString(2)),
                        AdvertiserStatus.parse("status", row.getString(3)), new UserId(row.getString(4)));
                return new ClickFacts(Optional.of(payer), row.getBoolean(5), row.getBoolean(6), ipClicks);
            }
        }
    }

    private ClickLogged logInvalid(Connection connection, ClickLogged invalid) throws SQLException {
        log(connection, INSERT_EVENT, invalid.event());
        return invalid;
    }

    /** Stores the event and counts it; false when the statement's conflict clause skipped it. */
    private boolean log(Connection connection, String sql, TrafficEvent event) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(sql)) {
            TrafficEventMapper.bind(insert, event);
            insert.setString(14, event.campaignId().value());
            insert.setObject(15, LocalDate.ofInstant(event.ts(), budgetZone));
            insert.setString(16, event.type().code());
            insert.setString(17, TrafficEventMapper.outcome(event.detail()));
            insert.setLong(18, TrafficEventMapper.savingsCents(event.detail()));
            return insert.executeUpdate() == 1;
        }
    }

    @Override
    public List<BilledClick> billedClicks(CampaignId campaignId, Instant from, Instant to) {
        return JdbcTransactions.read(dataSource, "billed clicks of " + campaignId, connection -> {
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
}
