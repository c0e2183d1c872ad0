package io.promo.persistence;

import io.promo.domain.ledger.IdempotencyKey;
import io.promo.domain.ledger.NotBilledReason;
import io.promo.domain.shared.CampaignId;
import io.promo.domain.shared.EventId;
import io.promo.domain.shared.Money;
import io.promo.domain.traffic.DayTraffic;
import io.promo.domain.traffic.InvalidClickReason;
import io.promo.domain.traffic.TrafficReportSource;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;

/**
 * {@link TrafficReportSource} over plain JDBC: a campaign's days from the per-day counts ({@code promo_traffic_daily},
 * ADR 0006), its spend from the ledger's day counters and its invalid-click credits from the ledger, three
 * statements on one connection merged by day.
 */
public final class JdbcTrafficReportSource implements TrafficReportSource {

    private static final String DAY_COUNTS = """
            select budget_day, type, outcome, events, savings_cents from promo_traffic_daily
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

    // The bids of billed clicks (ADR 0030); a click billed before bids were logged has no bid_cents.
    private static final String BIDS = """
            select event_id, (extra_json ->> 'bid_cents')::bigint from promo_event
            where event_id = any(?) and campaign_id = ? and type = 'click' and extra_json ->> 'bid_cents' is not null
            """;

    private final DataSource dataSource;
    private final ZoneId budgetZone;

    public JdbcTrafficReportSource(DataSource dataSource, ZoneId budgetZone) {
        this.dataSource = dataSource;
        this.budgetZone = budgetZone;
    }

    @Override
    public List<DayTraffic> daily(CampaignId campaignId, LocalDate from, LocalDate to) {
        return JdbcTransactions.read(dataSource, "daily traffic of " + campaignId, connection -> {
            Map<LocalDate, DayBuilder> days = new TreeMap<>();
            try (PreparedStatement query = connection.prepareStatement(DAY_COUNTS)) {
                query.setString(1, campaignId.value());
                query.setObject(2, from);
                query.setObject(3, to);
                try (ResultSet row = query.executeQuery()) {
                    while (row.next()) {
                        days.computeIfAbsent(row.getObject(1, LocalDate.class), DayBuilder::new)
                                .add(row.getString(2), row.getString(3), row.getLong(4), row.getLong(5));
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
    public Map<EventId, Money> bidsOfBilledClicks(CampaignId campaignId, Collection<EventId> clicks) {
        if (clicks.isEmpty()) {
            return Map.of();
        }
        return JdbcTransactions.read(dataSource, "bids of " + clicks.size() + " clicks of " + campaignId, connection -> {
            Map<EventId, Money> bids = new HashMap<>();
            try (PreparedStatement query = connection.prepareStatement(BIDS)) {
                query.setArray(1, connection.createArrayOf("text", clicks.stream().map(EventId::value).toArray()));
                query.setString(2, campaignId.value());
                try (ResultSet row = query.executeQuery()) {
                    while (row.next()) {
                        bids.put(new EventId(row.getString(1)), Money.ofCents(row.getLong(2)));
                    }
                }
            }
            return bids;
        });
    }

    /** One day of {@link #daily} while its three queries are merged. */
    private static final class DayBuilder {
        private final LocalDate day;
        private long impressions;
        private long billedClicks;
        private final Map<NotBilledReason, Long> notBilled = new EnumMap<>(NotBilledReason.class);
        private final Map<InvalidClickReason, Long> invalid = new EnumMap<>(InvalidClickReason.class);
        private long spent;
        private long creditedClicks;
        private long credited;
        private long savings;

        DayBuilder(LocalDate day) {
            this.day = day;
        }

        void add(String type, String outcome, long events, long savingsCents) {
            savings += savingsCents;
            if (TrafficEventMapper.isImpression(type)) {
                impressions += events;
            } else if (TrafficEventMapper.isClick(type) && outcome.equals(TrafficEventMapper.BILLED)) {
                billedClicks += events;
            } else if (TrafficEventMapper.isClick(type)) {
                notBilled.merge(TrafficEventMapper.notBilledReason(outcome), events, Long::sum);
            } else {
                invalid.merge(TrafficEventMapper.invalidReason(outcome), events, Long::sum);
            }
        }

        DayTraffic build() {
            return new DayTraffic(day, impressions, billedClicks, notBilled, invalid, Money.ofCents(spent),
                    creditedClicks, Money.ofCents(credited), Money.ofCents(savings));
        }
    }
}
