package io.promo.persistence;

import io.promo.domain.conversion.Attribution;
import io.promo.domain.conversion.AttributionDecision;
import io.promo.domain.conversion.AttributionPolicy;
import io.promo.domain.conversion.CandidateClick;
import io.promo.domain.conversion.Conversion;
import io.promo.domain.conversion.ConversionId;
import io.promo.domain.conversion.ConversionLog;
import io.promo.domain.conversion.ConversionLogged;
import io.promo.domain.conversion.ConversionSubject;
import io.promo.domain.conversion.ConversionToRecord;
import io.promo.domain.conversion.ConversionType;
import io.promo.domain.conversion.UnattributedReason;
import io.promo.domain.ledger.IdempotencyKey;
import io.promo.domain.shared.CampaignId;
import io.promo.domain.shared.Coded;
import io.promo.domain.shared.EventId;
import io.promo.domain.shared.Money;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * {@link ConversionLog} on {@code promo_conversion} and its per-day counts ({@code promo_conversion_daily}), over plain
 * JDBC (ADR 0035). A conversion is one transaction: an advisory lock of its id (so two deliveries of one id are decided
 * one after the other), the stored row if there is one, else the candidate clicks in one statement,
 * {@link AttributionPolicy}'s decision, and the row with its count in one statement.
 *
 * <p>"Billed" and "credited" are read from the ledger, not from the event's detail: a click earns a conversion when a
 * spend entry was booked for it and no invalid-click credit names it, whatever it was priced at.
 */
public final class JdbcConversionLog implements ConversionLog {

    private static final String LOCK_ID = "select pg_advisory_xact_lock(hashtextextended(?, 0))";

    private static final String STORED = """
            select conversion_id, type, value_cents, occurred_at, recorded_at, subject_hash, click_id, campaign_id,
                   click_budget_day, unattributed_reason, clicked_at
            from promo_conversion where conversion_id = ?
            """;

    // A click's candidacy: what the ledger booked for it and whether a credit took it back.
    private static final String CANDIDACY = """
            exists (select 1 from promo_budget_ledger s
                    where s.processor = '%s' and s.processor_ref = e.event_id and s.kind = 'spend'),
            exists (select 1 from promo_budget_ledger r
                    where r.processor = '%s' and r.processor_ref = e.event_id)
            """.formatted(IdempotencyKey.CLICK, IdempotencyKey.INVALID_CLICK_CREDIT);

    /** The named click, valid or invalid. Parameter: its event id. */
    private static final String CLICK_BY_ID = """
            select e.event_id, e.campaign_id, e.ts, %s
            from promo_event e where e.event_id = ? and e.type in ('click', 'invalid_click')
            """.formatted(CANDIDACY);

    /**
     * The viewer's clicks on the campaigns promoting the entity, in the window (promo_event_click_by_viewer).
     * Parameters: viewer key, window start, window end, entity type, entity id.
     */
    private static final String CLICKS_BY_VIEWER = """
            select e.event_id, e.campaign_id, e.ts, %s
            from promo_campaign c
            join promo_event e on e.campaign_id = c.campaign_id and e.type = 'click'
             and coalesce(e.user_id, e.anon_fp_hash) = ? and e.ts >= ? and e.ts <= ?
            where c.target_entity_type = ? and c.target_entity_id = ?
            """.formatted(CANDIDACY);

    /** The conversion and, when attributed, its count, in one statement. Parameters: the 11 columns. */
    private static final String INSERT = """
            with recorded as (
              insert into promo_conversion (conversion_id, type, value_cents, occurred_at, recorded_at, subject_hash,
                                            click_id, campaign_id, click_budget_day, unattributed_reason, clicked_at)
              values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
              returning campaign_id, click_budget_day, type, coalesce(value_cents, 0) as value_cents
            )
            insert into promo_conversion_daily as d (campaign_id, budget_day, type, conversions, value_cents)
            select campaign_id, click_budget_day, type, 1, value_cents from recorded where campaign_id is not null
            on conflict (campaign_id, budget_day, type)
            do update set conversions = d.conversions + 1, value_cents = d.value_cents + excluded.value_cents
            """;

    private final DataSource dataSource;

    public JdbcConversionLog(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public ConversionLogged record(ConversionToRecord conversion, AttributionPolicy policy) {
        return JdbcTransactions.inTransaction(dataSource, "conversion " + conversion.id(), connection -> {
            try (PreparedStatement lock = connection.prepareStatement(LOCK_ID)) {
                lock.setString(1, "promo_conversion|" + conversion.id().value());
                lock.execute();
            }
            Optional<Conversion> stored = stored(connection, conversion.id());
            if (stored.isPresent()) {
                return new ConversionLogged.AlreadyRecorded(stored.get());
            }
            AttributionDecision decision = policy.decide(conversion.subject(), conversion.occurredAt(),
                    candidates(connection, conversion, policy));
            if (decision instanceof AttributionDecision.BeforeClick before) {
                return new ConversionLogged.BeforeClick(before.clickedAt());
            }
            Conversion recorded = conversion.attributed((Attribution) decision);
            insert(connection, recorded);
            return new ConversionLogged.Recorded(recorded);
        });
    }

    private static List<CandidateClick> candidates(Connection connection, ConversionToRecord conversion,
            AttributionPolicy policy) throws SQLException {
        List<CandidateClick> clicks = new ArrayList<>();
        PreparedStatement query;
        if (conversion.subject() instanceof ConversionSubject.Click byId) {
            query = connection.prepareStatement(CLICK_BY_ID);
            query.setString(1, byId.clickId().value());
        } else {
            ConversionSubject.ViewerOnEntity viewer = (ConversionSubject.ViewerOnEntity) conversion.subject();
            query = connection.prepareStatement(CLICKS_BY_VIEWER);
            query.setString(1, viewer.viewerKey());
            query.setObject(2, Timestamps.toColumn(policy.windowStart(conversion.occurredAt())));
            query.setObject(3, Timestamps.toColumn(policy.windowEnd(conversion.occurredAt())));
            query.setString(4, viewer.entity().type().code());
            query.setString(5, viewer.entity().id());
        }
        try (query; ResultSet row = query.executeQuery()) {
            while (row.next()) {
                clicks.add(new CandidateClick(new EventId(row.getString(1)), new CampaignId(row.getString(2)),
                        Timestamps.fromColumn(row.getObject(3, OffsetDateTime.class)), row.getBoolean(4), row.getBoolean(5)));
            }
        }
        return clicks;
    }

    private static void insert(Connection connection, Conversion conversion) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
            insert.setString(1, conversion.id().value());
            insert.setString(2, conversion.type().code());
            if (conversion.value().isPresent()) {
                insert.setLong(3, conversion.value().get().cents());
            } else {
                insert.setNull(3, Types.BIGINT);
            }
            insert.setObject(4, Timestamps.toColumn(conversion.occurredAt()));
            insert.setObject(5, Timestamps.toColumn(conversion.recordedAt()));
            insert.setString(6, conversion.subjectHash());
            if (conversion.attribution() instanceof Attribution.Attributed attributed) {
                insert.setString(7, attributed.clickId().value());
                insert.setString(8, attributed.campaignId().value());
                insert.setObject(9, attributed.clickDay());
                insert.setNull(10, Types.VARCHAR);
                insert.setObject(11, Timestamps.toColumn(attributed.clickedAt()));
            } else {
                insert.setNull(7, Types.VARCHAR);
                insert.setNull(8, Types.VARCHAR);
                insert.setNull(9, Types.DATE);
                insert.setString(10, ((Attribution.Unattributed) conversion.attribution()).reason().code());
                insert.setNull(11, Types.TIMESTAMP_WITH_TIMEZONE);
            }
            insert.executeUpdate();
        }
    }

    private static Optional<Conversion> stored(Connection connection, ConversionId id) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(STORED)) {
            query.setString(1, id.value());
            try (ResultSet row = query.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                long value = row.getLong(3);
                Optional<Money> money = row.wasNull() ? Optional.empty() : Optional.of(Money.ofCents(value));
                String clickId = row.getString(7);
                Attribution attribution = clickId == null
                        ? new Attribution.Unattributed(Coded.parse(UnattributedReason.class, "unattributed_reason", row.getString(10)))
                        : new Attribution.Attributed(new EventId(clickId), new CampaignId(row.getString(8)),
                                Timestamps.fromColumn(row.getObject(11, OffsetDateTime.class)), row.getObject(9, LocalDate.class));
                return Optional.of(new Conversion(new ConversionId(row.getString(1)), new ConversionType(row.getString(2)),
                        money, Timestamps.fromColumn(row.getObject(4, OffsetDateTime.class)),
                        Timestamps.fromColumn(row.getObject(5, OffsetDateTime.class)), row.getString(6), attribution));
            }
        }
    }
}
