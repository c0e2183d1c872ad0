package io.promo.app.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.promo.domain.campaign.CampaignQuota;
import io.promo.domain.shared.SortableRandomIdGenerator;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * One advertiser key cannot flood the serving index: at the default quota, creating one more campaign
 * is a 422 problem naming the limit, and ending one makes room again.
 */
class CampaignQuotaHttpTest {

    private final Marketplace market = new Marketplace();
    private final ApiClient api = market.api;

    @Test
    void an_advertiser_with_the_default_quota_of_campaigns_not_ended_is_refused_another_with_422_naming_the_limit()
            throws Exception {
        Marketplace.Advertiser flooder = market.advertiser();
        List<String> drafts = insertDrafts(flooder.id(), CampaignQuota.DEFAULT.maxNotEnded());

        ApiClient.Response refused = api.post("/v1/campaigns", flooder.key(),
                Marketplace.campaignJson(Marketplace.unique("srv"), "berlin", 60));

        assertThat(refused.status()).as(refused.toString()).isEqualTo(422);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.text("detail")).contains("campaign quota").contains("at most 1000").contains(flooder.id());
        assertThat(campaignsOf(flooder.id())).isEqualTo(CampaignQuota.DEFAULT.maxNotEnded());

        ApiClient.Response ended = api.post("/v1/campaigns/" + drafts.get(0) + "/end", flooder.key(), null);
        assertThat(ended.status()).as(ended.toString()).isEqualTo(200);
        ApiClient.Response created = api.post("/v1/campaigns", flooder.key(),
                Marketplace.campaignJson(Marketplace.unique("srv"), "berlin", 60));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
    }

    /** Drafts written straight to the database: a thousand HTTP round trips would only slow the build. */
    private static List<String> insertDrafts(String advertiserId, int count) throws Exception {
        SortableRandomIdGenerator ids = new SortableRandomIdGenerator(Clock.systemUTC());
        List<String> campaignIds = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            campaignIds.add(ids.newCampaignId().value());
        }
        try (Connection connection = TestServer.app().dataSource().getConnection();
             PreparedStatement insert = connection.prepareStatement("""
                     insert into promo_campaign (campaign_id, advertiser_id, target_entity_type, target_entity_id, name,
                       surface, format, city_targets, status, start_date, cpc_cents, daily_budget_cents)
                     select id, ?, 'service_profile', 'srv_' || id, 'flood', 'people_search', 'featured', '{berlin}',
                       'draft', current_date, 60, 1500
                     from unnest(?) as ids(id)
                     """)) {
            insert.setString(1, advertiserId);
            insert.setArray(2, connection.createArrayOf("text", campaignIds.toArray()));
            insert.executeUpdate();
        }
        return campaignIds;
    }

    private static long campaignsOf(String advertiserId) throws Exception {
        try (Connection connection = TestServer.app().dataSource().getConnection();
             PreparedStatement count = connection.prepareStatement(
                     "select count(*) from promo_campaign where advertiser_id = ?")) {
            count.setString(1, advertiserId);
            try (ResultSet row = count.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }
}
