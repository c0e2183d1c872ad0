package io.promo.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import io.promo.domain.ledger.BudgetState;
import io.promo.domain.shared.CampaignId;
import io.promo.domain.testing.TestData;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The serving index reads the budget states of every campaign each refresh, and a new pooled connection's first
 * runs of a statement get a custom plan for the ids actually bound. With the ids bound as text cast to an array,
 * that plan scanned the budget table and parsed the whole array again for every row: with 6,000 campaigns, 18 s
 * per refresh. This asks PostgreSQL, on a fresh connection, how it plans exactly what the adapter sends.
 */
class BudgetStatesQueryPlanTest {

    private static final int CAMPAIGNS = 3_000;
    private static final LocalDate DAY = LocalDate.of(2026, 12, 3);

    @Test
    void the_states_of_thousands_of_campaigns_are_joined_not_tested_row_by_row_against_the_whole_id_array()
            throws SQLException {
        PostgresFixture.emptyDatabase();
        List<CampaignId> ids = insertDraftCampaigns(CAMPAIGNS);
        StatementRecorder recorder = new StatementRecorder(TestDatabase.dataSource());

        PostgresRepositories repositories = new PostgresRepositories(recorder.dataSource(), ZoneOffset.UTC);
        recorder.clear(); // the budget zone check of ADR 0018 runs when the adapters are built

        Map<CampaignId, BudgetState> states = repositories.ledger().states(ids, DAY);

        assertThat(states).hasSize(CAMPAIGNS).containsValue(BudgetState.empty(DAY));
        assertThat(recorder.statements()).as("one round trip").hasSize(1);
        List<String> plan;
        try (Connection fresh = TestDatabase.dataSource().getConnection()) {
            plan = recorder.statements().get(0).explainOn(fresh);
        }
        assertThat(plan).as("the plan of the statement sent:%n%s", abbreviated(plan))
                .noneMatch(line -> line.contains("Filter:") && line.contains("ANY ("));
    }

    private static List<CampaignId> insertDraftCampaigns(int count) throws SQLException {
        String advertiser = TestData.IDS.newAdvertiserId().value();
        List<CampaignId> ids = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            ids.add(TestData.IDS.newCampaignId());
        }
        try (Connection connection = TestDatabase.dataSource().getConnection()) {
            try (PreparedStatement insert = connection.prepareStatement(
                    "insert into promo_advertiser (advertiser_id, user_id, status) values (?, 'usr_plan', 'active')")) {
                insert.setString(1, advertiser);
                insert.executeUpdate();
            }
            try (PreparedStatement insert = connection.prepareStatement("""
                    insert into promo_campaign (campaign_id, advertiser_id, target_entity_type, target_entity_id, name,
                      surface, format, city_targets, status, start_date, cpc_cents, daily_budget_cents)
                    select id, ?, 'service_profile', 'srv_' || id, 'draft', 'people_search', 'featured', '{berlin}',
                      'draft', date '2026-12-01', 50, 1000
                    from unnest(?) as ids(id)
                    """)) {
                insert.setString(1, advertiser);
                insert.setArray(2, connection.createArrayOf("text", ids.stream().map(CampaignId::value).toArray()));
                insert.executeUpdate();
            }
            try (Statement analyze = connection.createStatement()) {
                analyze.execute("analyze");
            }
        }
        return ids;
    }

    private static String abbreviated(List<String> plan) {
        return String.join("\n", plan.stream().map(line -> line.length() > 200 ? line.substring(0, 200) + "…" : line).toList());
    }
}
