package io.promo.persistence;

import io.promo.domain.serving.share.HourlyShare;
import io.promo.domain.serving.share.ImpressionShareLog;
import io.promo.domain.serving.share.ShareCounts;
import io.promo.domain.shared.CampaignId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;

/**
 * {@link ImpressionShareLog} over plain JDBC on {@code promo_impression_share_hourly}: a flush is one upsert of arrays
 * (as the per-day traffic counts are written, ADR 0006), rows sorted by key so that two nodes flushing at once lock
 * them in one order; a report sums a campaign's hours per day.
 */
public final class JdbcImpressionShareLog implements ImpressionShareLog {

    private static final String ADD = """
            insert into promo_impression_share_hourly as t (campaign_id, budget_day, hour, impressions, lost_floor,
                lost_status, lost_budget, lost_pacing, lost_rank, lost_page_caps)
            select * from unnest(cast(? as text[]), cast(? as date[]), cast(? as smallint[]), cast(? as bigint[]),
                                 cast(? as bigint[]), cast(? as bigint[]), cast(? as bigint[]), cast(? as bigint[]),
                                 cast(? as bigint[]), cast(? as bigint[]))
            on conflict (campaign_id, budget_day, hour) do update set
                impressions = t.impressions + excluded.impressions,
                lost_floor = t.lost_floor + excluded.lost_floor,
                lost_status = t.lost_status + excluded.lost_status,
                lost_budget = t.lost_budget + excluded.lost_budget,
                lost_pacing = t.lost_pacing + excluded.lost_pacing,
                lost_rank = t.lost_rank + excluded.lost_rank,
                lost_page_caps = t.lost_page_caps + excluded.lost_page_caps
            """;

    private static final String DAILY = """
            select budget_day, sum(impressions), sum(lost_floor), sum(lost_status), sum(lost_budget), sum(lost_pacing),
                   sum(lost_rank), sum(lost_page_caps)
            from promo_impression_share_hourly
            where campaign_id = ? and budget_day between ? and ?
            group by budget_day
            """;

    private static final Comparator<HourlyShare> BY_KEY = Comparator.comparing((HourlyShare s) -> s.campaignId().value())
            .thenComparing(HourlyShare::day).thenComparingInt(HourlyShare::hour);

    private final DataSource dataSource;

    public JdbcImpressionShareLog(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public void add(List<HourlyShare> counts) {
        if (counts.isEmpty()) {
            return;
        }
        // One row per key: a batch that names a key twice would make the upsert touch a row twice, which PostgreSQL
        // refuses.
        Map<HourlyShare, ShareCounts> merged = new TreeMap<>(BY_KEY);
        for (HourlyShare share : counts) {
            merged.merge(share, share.counts(), ShareCounts::plus);
        }
        int n = merged.size();
        String[] campaigns = new String[n];
        LocalDate[] days = new LocalDate[n];
        Short[] hours = new Short[n];
        Long[][] columns = new Long[7][n];
        int i = 0;
        for (Map.Entry<HourlyShare, ShareCounts> entry : merged.entrySet()) {
            campaigns[i] = entry.getKey().campaignId().value();
            days[i] = entry.getKey().day();
            hours[i] = (short) entry.getKey().hour();
            ShareCounts c = entry.getValue();
            long[] values = {c.impressions(), c.lostToFloor(), c.lostToStatus(), c.lostToBudget(), c.lostToPacing(),
                c.lostToRank(), c.lostToPageCaps()};
            for (int column = 0; column < values.length; column++) {
                columns[column][i] = values[column];
            }
            i++;
        }
        JdbcTransactions.inTransaction(dataSource, "flush of " + n + " impression-share counts", connection -> {
            try (PreparedStatement upsert = connection.prepareStatement(ADD)) {
                upsert.setArray(1, connection.createArrayOf("text", campaigns));
                upsert.setArray(2, connection.createArrayOf("date", days));
                upsert.setArray(3, connection.createArrayOf("int2", hours));
                for (int column = 0; column < columns.length; column++) {
                    upsert.setArray(4 + column, connection.createArrayOf("bigint", columns[column]));
                }
                upsert.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public Map<LocalDate, ShareCounts> daily(CampaignId campaignId, LocalDate from, LocalDate to) {
        return JdbcTransactions.read(dataSource, "impression share of " + campaignId, connection -> read(connection,
                campaignId, from, to));
    }

    private static Map<LocalDate, ShareCounts> read(Connection connection, CampaignId campaignId, LocalDate from,
            LocalDate to) throws SQLException {
        Map<LocalDate, ShareCounts> days = new TreeMap<>();
        try (PreparedStatement query = connection.prepareStatement(DAILY)) {
            query.setString(1, campaignId.value());
            query.setObject(2, from);
            query.setObject(3, to);
            try (ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    days.put(row.getObject(1, LocalDate.class), new ShareCounts(row.getLong(2), row.getLong(3),
                            row.getLong(4), row.getLong(5), row.getLong(6), row.getLong(7), row.getLong(8)));
                }
            }
        }
        return days;
    }
}
