package io.promo.persistence;

import io.promo.domain.serving.ranking.CtrCounts;
import io.promo.domain.shared.CampaignId;
import io.promo.domain.traffic.CtrFeed;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import javax.sql.DataSource;

/**
 * {@link CtrFeed} over plain JDBC: one grouped statement over the per-day counts ({@code promo_traffic_daily},
 * ADR 0006), never over the events; read once per serving-index refresh.
 */
public final class JdbcCtrFeed implements CtrFeed {

    private static final String CTR_COUNTS = """
            select campaign_id, coalesce(sum(events) filter (where type = 'impression'), 0),
                   coalesce(sum(events) filter (where type = 'click'), 0)
            from promo_traffic_daily where budget_day >= ? and type in ('impression', 'click')
            group by campaign_id
            """;

    private final DataSource dataSource;

    public JdbcCtrFeed(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public Map<CampaignId, CtrCounts> countsSince(LocalDate firstDay) {
        return JdbcTransactions.read(dataSource, "CTR counts", connection -> {
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
}
