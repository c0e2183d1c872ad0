package io.promo.app.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The other side of {@code BadInputTest}'s refused nulls: every field the API document lets be null is taken as null
 * (ADR 0008, amendment of 2026-12-05), so a route that forgot to declare one ({@code JsonBody.allowNull}) fails here.
 */
class NullableFieldsHttpTest {

    private final Marketplace market = new Marketplace();
    private final ApiClient api = market.api;

    @Test
    void a_campaign_is_created_and_patched_with_its_nullable_fields_null() {
        Marketplace.Advertiser owner = market.advertiser();
        String created = Marketplace.campaignJson(Marketplace.unique("srv"), "berlin", 60)
                .replace("\"total_budget_cents\":30000", "\"total_budget_cents\":null,\"frequency_cap\":null,\"schedule\":null");
        ApiClient.Response campaign = api.post("/v1/campaigns", owner.key(), created);
        assertThat(campaign.status()).as(campaign.toString()).isEqualTo(201);
        assertThat(campaign.json().path("total_budget_cents").isNull()).isTrue();

        ApiClient.Response patched = api.patch("/v1/campaigns/" + campaign.text("campaign_id"), owner.key(),
                "{\"end_date\":null,\"total_budget_cents\":null,\"frequency_cap\":null,\"schedule\":null}");
        assertThat(patched.status()).as(patched.toString()).isEqualTo(200);
    }

    @Test
    void a_policy_and_a_decision_take_their_nullable_fields_null() {
        String city = Marketplace.unique("city").toLowerCase();
        ApiClient.Response policy = api.put("/v1/policies", TestServer.ADMIN_KEY, """
                {"surface":"people_search","role":null,"city":"%s","cpc_floor_cents":10,"max_density_top20":2,
                 "max_above_fold":1,"pricing_mode":null}""".formatted(city));
        assertThat(policy.status()).as(policy.toString()).isEqualTo(200);

        ApiClient.Response decision = api.post("/v1/decisions", TestServer.SERVICE_KEY, """
                {"surface":"people_search","role":null,"city":"%s","memory_token":null,
                 "viewer":{"anon_fingerprint":"fp_nullable"},
                 "client":{"ip":"203.0.113.60","user_agent":"Mozilla/5.0 (X11; Linux x86_64) NullableTest/1.0"},
                 "organic_matches":["srv_a"]}""".formatted(city));
        assertThat(decision.status()).as(decision.toString()).isEqualTo(200);
    }
}
