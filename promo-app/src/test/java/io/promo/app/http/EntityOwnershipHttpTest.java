package io.promo.app.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * I10 over HTTP: an advertiser promotes only entities its marketplace user owns. The test server runs in dev
 * mode, where the first promoter of an entity nobody registered claims it (ADR 0017); the marketplace's
 * registration through {@code PUT /v1/entities/{type}/{id}} is the source of truth.
 */
class EntityOwnershipHttpTest {

    private final Marketplace market = new Marketplace();
    private final ApiClient api = market.api;
    private Marketplace.Advertiser lena;
    private Marketplace.Advertiser marco;
    private String lenasPhoto;

    @BeforeEach
    void lena_promotes_her_photo_profile() {
        lena = market.advertiser();
        marco = market.advertiser();
        lenasPhoto = Marketplace.unique("srv");
        market.campaign(lena, lenasPhoto, "berlin", 60);
    }

    @Test
    void another_advertiser_cannot_promote_an_entity_claimed_by_the_first_promoter() {
        Map<String, String> before = TestServer.databaseSnapshot();

        ApiClient.Response outbid = api.post("/v1/campaigns", marco.key(), Marketplace.campaignJson(lenasPhoto, "berlin", 90));

        assertThat(outbid.status()).as(outbid.toString()).isEqualTo(422);
        assertThat(fields(outbid)).containsExactly("target_entity_id");
        assertThat(outbid.body()).doesNotContain(lena.userId()).doesNotContain(lena.id());
        assertThat(TestServer.databaseSnapshot()).isEqualTo(before);
    }

    @Test
    void an_admin_authoring_for_an_advertiser_is_held_to_the_same_rule() {
        ApiClient.Response created = api.post("/v1/campaigns", TestServer.ADMIN_KEY,
                Marketplace.campaignJson(lenasPhoto, "berlin", 90).replaceFirst("\\{", "{\"advertiser_id\":\"" + marco.id() + "\","));

        assertThat(created.status()).as(created.toString()).isEqualTo(422);
        assertThat(fields(created)).containsExactly("target_entity_id");
    }

    @Test
    void the_marketplaces_registration_decides_who_may_promote_an_entity() {
        String marcosStudio = Marketplace.unique("std");

        ApiClient.Response registered = api.put("/v1/entities/studio/" + marcosStudio, TestServer.SERVICE_KEY,
                "{\"owner_user_id\":\"" + marco.userId() + "\"}");
        ApiClient.Response byLena = api.post("/v1/campaigns", lena.key(), studioCampaign(marcosStudio));
        ApiClient.Response byMarco = api.post("/v1/campaigns", marco.key(), studioCampaign(marcosStudio));

        assertThat(registered.status()).as(registered.toString()).isEqualTo(200);
        assertThat(registered.text("owner_user_id")).isEqualTo(marco.userId());
        assertThat(byLena.status()).as(byLena.toString()).isEqualTo(422);
        assertThat(byMarco.status()).as(byMarco.toString()).isEqualTo(201);
    }

    @Test
    void a_registration_transfers_an_entity_claimed_in_dev_mode() {
        ApiClient.Response transferred = api.put("/v1/entities/service_profile/" + lenasPhoto, TestServer.SERVICE_KEY,
                "{\"owner_user_id\":\"" + marco.userId() + "\"}");

        assertThat(transferred.status()).isEqualTo(200);
        assertThat(api.post("/v1/campaigns", marco.key(), Marketplace.campaignJson(lenasPhoto, "berlin", 90)).status())
                .isEqualTo(201);
        assertThat(api.post("/v1/campaigns", lena.key(), Marketplace.campaignJson(lenasPhoto, "berlin", 60)).status())
                .isEqualTo(422);
    }

    @Test
    void after_a_transfer_the_former_owners_diagnostics_never_name_the_new_owners_campaign_or_score() {
        String lenas = api.get("/v1/campaigns?advertiser_id=" + lena.id(), lena.key()).json().path("campaigns").get(0)
                .path("campaign_id").asText();
        assertThat(api.put("/v1/entities/service_profile/" + lenasPhoto, TestServer.SERVICE_KEY,
                "{\"owner_user_id\":\"" + marco.userId() + "\"}").status()).isEqualTo(200);
        String marcos = market.campaign(marco, lenasPhoto, "berlin", 90);
        for (var owner : List.of(Map.entry(lena, lenas), Map.entry(marco, marcos))) {
            market.fund(owner.getKey(), owner.getValue(), 2_000);
            assertThat(api.post("/v1/campaigns/" + owner.getValue() + "/activate", owner.getKey().key(), null).status())
                    .isEqualTo(200);
        }
        TestServer.app().servingIndex().refresh();

        String asLena = api.get("/v1/campaigns/" + lenas + "/diagnostics?city=berlin&query=portrait", lena.key()).body();
        String asAdmin = api.get("/v1/campaigns/" + lenas + "/diagnostics?city=berlin&query=portrait",
                TestServer.ADMIN_KEY).body();

        assertThat(asAdmin).contains(marcos).contains("\"deciding_reason\":\"OUTRANKED\"");
        assertThat(asLena).contains("\"deciding_reason\":\"OUTRANKED\"").contains("another advertiser")
                .doesNotContain(marcos).doesNotContain(" vs ");
    }

    @Test
    void only_the_marketplaces_service_key_registers_owners() {
        Map<String, String> before = TestServer.databaseSnapshot();
        String body = "{\"owner_user_id\":\"" + marco.userId() + "\"}";

        assertThat(api.put("/v1/entities/service_profile/" + lenasPhoto, marco.key(), body).status()).isEqualTo(403);
        assertThat(api.put("/v1/entities/service_profile/" + lenasPhoto, TestServer.ADMIN_KEY, body).status()).isEqualTo(403);
        assertThat(TestServer.databaseSnapshot()).isEqualTo(before);
    }

    private static String studioCampaign(String studioId) {
        return Marketplace.campaignJson(studioId, "berlin", 60)
                .replace("\"service_profile\"", "\"studio\"").replace("people_search", "studio_search");
    }

    private static List<String> fields(ApiClient.Response response) {
        List<String> fields = new ArrayList<>();
        response.json().path("errors").forEach(error -> fields.add(error.path("field").asText()));
        return fields;
    }
}
