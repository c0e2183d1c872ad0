package io.promo.persistence;

import io.promo.domain.conversion.ConversionReportSource;
import io.promo.domain.conversion.ConversionType;
import io.promo.domain.conversion.DayConversions;
import io.promo.domain.ledger.IdempotencyKey;
import io.promo.domain.shared.CampaignId;
import io.promo.domain.shared.Money;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;

/**
 * {@link ConversionReportSource} over plain JDBC: a campaign's per-day conversion counts ({@code promo_conversion_daily})
 * less the conversions of its clicks credited as invalid since (found from the ledger's credits, which are few), two
 * statements on one connection merged by day and type.
 */
public final class JdbcConversionReportSource implements ConversionReportSource {

    private static final String DAY_COUNTS = """
            select budget_day, type, conversions, value_cents from promo_conversion_daily
            where campaign_id = ? and budget_day between ? and ?
            """;

    private static final String CREDITED = """
            select c.click_budget_day, c.type, count(*), coalesce(sum(c.value_cents), 0)
            from promo_budget_ledger l
            join promo_conversion c on c.click_id = l.processor_ref
            where l.processor = '%s' and l.kind = 'credit' and l.campaign_id = ?
              and c.click_budget_day between ? and ?
            group by c.click_budget_day, c.type
            """.formatted(IdempotencyKey.INVALID_CLICK_CREDIT);

    private final DataSource dataSource;

    public JdbcConversionReportSource(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public List<DayConversions> daily(CampaignId campaignId, LocalDate from, LocalDate to) {
        return JdbcTransactions.read(dataSource, "conversions of " + campaignId, connection -> {
            Map<LocalDate, Map<ConversionType, DayConversions.TypeTotals>> days = new TreeMap<>();
            read(connection, DAY_COUNTS, campaignId, from, to, (day, type, totals) ->
                    days.computeIfAbsent(day, d -> new HashMap<>()).merge(type, totals, DayConversions.TypeTotals::plus));
            read(connection, CREDITED, campaignId, from, to, (day, type, totals) ->
                    days.computeIfAbsent(day, d -> new HashMap<>()).merge(type, totals,
                            (counted, credited) -> counted.minus(credited)));
            List<DayConversions> result = new ArrayList<>();
            days.forEach((day, byType) -> {
                byType.values().removeIf(totals -> totals.conversions() == 0);
                if (!byType.isEmpty()) {
                    result.add(new DayConversions(day, byType));
                }
            });
            return result;
        });
    }

    private interface Row {
        void accept(LocalDate day, ConversionType type, DayConversions.TypeTotals totals);
    }

    private static void read(Connection connection, String sql, CampaignId campaignId, LocalDate from, LocalDate to,
            Row row) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(sql)) {
            query.setString(1, campaignId.value());
            query.setObject(2, from);
            query.setObject(3, to);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    row.accept(rows.getObject(1, LocalDate.class), new ConversionType(rows.getString(2)),
                            new DayConversions.TypeTotals(rows.getLong(3), Money.ofCents(rows.getLong(4))));
                }
            }
        }
    }
}
