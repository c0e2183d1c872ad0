package io.promo.app.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;

/** Builds data through the API as an admin and advertisers would; every name is unique to the test run. */
final class Marketplace {

    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    final ApiClient api;

    /** On the test JVM's shared promo ({@link TestServer}). */
    Marketplace() {
        this(TestServer.client());
    }

    /** On a promo of the test's own, started with {@link TestServer}'s admin and service keys. */
    Marketplace(ApiClient api) {
        this.api = api;
    }

    record Advertiser(String id, String key, String userId) {
    }

    static String unique(String prefix) {
        return prefix + "_" + Long.toString(System.nanoTime(), 36) + SEQUENCE.incrementAndGet();
    }

    Advertiser advertiser() {
        String userId = unique("usr");
        ApiClient.Response created = api.post("/v1/advertisers", TestServer.ADMIN_KEY,
                "{\"user_id\":\"" + userId + "\",\"default_payment_id\":\"cus_" + userId + "/pm_visa\"}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return new Advertiser(created.text("advertiser_id"), created.text("api_key"), userId);
    }

    /** A draft people_search campaign in {@code city} promoting {@code entityId}; answers its id. */
    String campaign(Advertiser owner, String entityId, String city, long cpcCents) {
        ApiClient.Response created = api.post("/v1/campaigns", owner.key(), campaignJson(entityId, city, cpcCents));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.text("campaign_id");
    }

    static String campaignJson(String entityId, String city, long cpcCents) {
        return """
                {"target_entity_type":"service_profile","target_entity_id":"%s","name":"Portraits in %s",
                 "surface":"people_search","format":"featured","city_targets":["%s"],
                 "keyword_targets":["Portrait","headshot"],"start_date":"%s","end_date":null,
                 "cpc_cents":%d,"daily_budget_cents":1500,"total_budget_cents":30000,"pacing_mode":"accelerated"}
                """.formatted(entityId, city, city, LocalDate.now(ZoneOffset.UTC), cpcCents);
    }

    /** {@link #campaign}, funded with 5,000 cents and activated; answers its id. */
    String activeCampaign(Advertiser owner, String entityId, String city, long cpcCents) {
        String campaignId = campaign(owner, entityId, city, cpcCents);
        fund(owner, campaignId, 5000);
        ApiClient.Response activated = api.post("/v1/campaigns/" + campaignId + "/activate", owner.key(), null);
        assertThat(activated.status()).as(activated.toString()).isEqualTo(200);
        return campaignId;
    }

    void fund(Advertiser owner, String campaignId, long cents) {
        ApiClient.Response topUp = api.post("/v1/campaigns/" + campaignId + "/topups", owner.key(),
                "{\"amount_cents\":" + cents + ",\"idempotency_key\":\"" + unique("topup") + "\"}");
        assertThat(topUp.status()).as(topUp.toString()).isEqualTo(200);
    }
}
