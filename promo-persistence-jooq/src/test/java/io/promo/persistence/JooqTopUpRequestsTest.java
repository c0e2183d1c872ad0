package io.promo.persistence;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.promo.domain.advertiser.AdvertiserRepository;
import io.promo.domain.campaign.CampaignRepository;
import io.promo.domain.funding.TopUpRequests;
import io.promo.domain.funding.TopUpRequestsContract;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JooqTopUpRequestsTest extends TopUpRequestsContract {

    @Override
    protected TopUpRequests requests() {
        return PostgresFixture.repositories().topUpRequests();
    }

    @Override
    protected AdvertiserRepository advertisers() {
        return PostgresFixture.repositories().advertisers();
    }

    @Override
    protected CampaignRepository campaigns() {
        return PostgresFixture.repositories().campaigns();
    }

    @Override
    protected void emptyStorage() {
        PostgresFixture.emptyDatabase();
    }

    /** A final answer is what a key answers forever: the database refuses to change or remove it, whoever asks. */
    @ParameterizedTest
    @ValueSource(strings = {
        "update promo_topup_request set amount_cents = 7000",
        "update promo_topup_request set state = 'pending', processor_ref = null",
        "delete from promo_topup_request",
        "truncate promo_topup_request"
    })
    void a_final_request_cannot_be_changed_or_removed(String statement) throws SQLException {
        try (Connection connection = TestDatabase.dataSource().getConnection();
             Statement sql = connection.createStatement()) {
            sql.execute("insert into promo_advertiser (advertiser_id, user_id, status) values ('padv_1', 'usr_1', 'active')");
            sql.execute("insert into promo_campaign (campaign_id, advertiser_id, target_entity_type, target_entity_id,"
                    + " name, surface, format, city_targets, status, start_date, cpc_cents, daily_budget_cents)"
                    + " values ('pcmp_1', 'padv_1', 'service_profile', 'srv_1', 'n', 'people_search', 'featured',"
                    + " '{berlin}', 'draft', date '2026-11-27', 50, 1000)");
            sql.execute("insert into promo_topup_request (campaign_id, client_key, amount_cents, state, attempt,"
                    + " in_flight_until, processor_ref, created_at) values ('pcmp_1', 'req-1', 5000, 'charged', 1, now(),"
                    + " 'pi_1', now())");
        }

        assertThatThrownBy(() -> {
            try (Connection connection = TestDatabase.dataSource().getConnection();
                 Statement sql = connection.createStatement()) {
                sql.execute(statement);
            }
        }).isInstanceOf(SQLException.class).hasMessageContaining("cannot be changed or removed");
    }
}
