package io.promo.app.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.promo.embedded.AdRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Decision scenarios, one suite run twice: through {@code POST /v1/decisions} ({@link DecisionScenariosOverHttpTest})
 * and in process through promo-embedded's public serving client ({@link DecisionScenariosInProcessTest}), expecting
 * the same pages, the ids of the moment (served at, impression ids, click tokens) aside. Both decide on the test
 * JVM's database ({@link TestServer}), which the scenarios author through the HTTP API, each in a city of its own.
 */
abstract class DecisionScenarios {

    /** A page as both paths answer it, without what differs per decision. */
    record Page(String surface, String role, String city, String queryHash, List<Position> results) {
        List<Position> sponsored() {
            return results.stream().filter(Position::sponsored).toList();
        }
    }

    /** One position; {@code clickToken} says whether a sponsored one carries a token (its value is per decision). */
    record Position(int position, String entityId, boolean sponsored, String campaignId, String format, Long cpcCents,
            boolean clickToken) {
        static Position organic(int position, String entityId) {
            return new Position(position, entityId, false, null, null, null, false);
        }

        static Position sponsored(int position, String entityId, String campaignId, long cpcCents) {
            return new Position(position, entityId, true, campaignId, "featured", cpcCents, true);
        }
    }

    /** Decides {@code request} on the path under test. */
    abstract Page decide(AdRequest request);

    /** The fields the path under test names when it refuses {@code request} (empty if it decides it). */
    abstract Set<String> refusedFields(AdRequest request);

    /** Makes the deciding promo's serving index see what was authored so far. */
    abstract void catchUp();

    private final Marketplace market = new Marketplace();

    private static AdRequest.Builder search(String city, String query, List<String> organic) {
        return AdRequest.builder("people_search", city).query(query).anonymousViewer("fp_scenario")
                .client("203.0.113.9", "Mozilla/5.0 scenarios").organicMatches(organic);
    }

    /** An advertiser's funded, active campaign (keywords portrait and headshot), authored over HTTP. */
    String activeCampaign(String entity, String city, long cpcCents) {
        Marketplace.Advertiser owner = market.advertiser();
        String campaign = market.campaign(owner, entity, city, cpcCents);
        market.fund(owner, campaign, 5_000);
        ApiClient.Response activated = market.api.post("/v1/campaigns/" + campaign + "/activate", owner.key(), null);
        assertThat(activated.status()).as(activated.toString()).isEqualTo(200);
        return campaign;
    }

    private static String city() {
        return Marketplace.unique("city").toLowerCase();
    }

    @Test
    void a_funded_campaign_takes_the_top_slot_and_leaves_its_organic_place() {
        String city = city();
        String lena = Marketplace.unique("srv_lena");
        String campaign = activeCampaign(lena, city, 60);
        catchUp();

        Page page = decide(search(city, "portrait photographer", List.of("srv_anna", lena, "srv_bo")).build());

        assertThat(page.surface()).isEqualTo("people_search");
        assertThat(page.city()).isEqualTo(city);
        assertThat(page.role()).isNull();
        assertThat(page.queryHash()).isNotBlank();
        assertThat(page.results()).containsExactly(
                Position.sponsored(1, lena, campaign, 60),
                Position.organic(2, "srv_anna"),
                Position.organic(3, "srv_bo"));
    }

    @Test
    void of_two_campaigns_the_higher_bid_ranks_first() {
        String city = city();
        String low = Marketplace.unique("srv_low");
        String high = Marketplace.unique("srv_high");
        String lowCampaign = activeCampaign(low, city, 40);
        String highCampaign = activeCampaign(high, city, 90);
        catchUp();
        List<String> organic = new ArrayList<>();
        for (int i = 1; i <= 12; i++) {
            organic.add("srv_organic_" + i);
        }
        organic.add(4, low);
        organic.add(9, high);

        Page page = decide(search(city, "headshot", organic).pageSize(10).build());

        assertThat(page.results()).hasSize(10);
        assertThat(page.sponsored()).extracting(Position::campaignId).containsExactly(highCampaign, lowCampaign);
        assertThat(page.sponsored()).allSatisfy(position -> assertThat(position.clickToken()).isTrue());
        assertThat(page.results()).extracting(Position::position).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
        assertThat(page.results()).extracting(Position::entityId).doesNotHaveDuplicates();
    }

    @Test
    void a_query_matching_no_keyword_of_the_campaign_leaves_the_page_organic() {
        String city = city();
        String lena = Marketplace.unique("srv_lena");
        activeCampaign(lena, city, 60); // keywords: portrait, headshot
        catchUp();

        Page page = decide(search(city, "wedding", List.of(lena, "srv_anna")).build());
        Page matching = decide(search(city, "Headshot studio", List.of(lena, "srv_anna")).build());

        assertThat(page.results()).containsExactly(Position.organic(1, lena), Position.organic(2, "srv_anna"));
        assertThat(matching.sponsored()).extracting(Position::entityId).containsExactly(lena);
    }

    @Test
    void phrase_exact_and_negative_keywords_decide_which_queries_show_the_campaign() {
        String city = city();
        String lena = Marketplace.unique("srv_lena");
        Marketplace.Advertiser owner = market.advertiser();
        String campaign = market.campaign(owner, lena, city, 60);
        ApiClient.Response patched = market.api.patch("/v1/campaigns/" + campaign, owner.key(),
                "{\"keyword_targets\":[\"\\\"Portrait Photographer\\\"\",\"[headshot]\",\"-cheap\"]}");
        assertThat(patched.status()).as(patched.toString()).isEqualTo(200);
        market.fund(owner, campaign, 5_000);
        assertThat(market.api.post("/v1/campaigns/" + campaign + "/activate", owner.key(), null).status()).isEqualTo(200);
        catchUp();

        List<String> shownFor = new ArrayList<>();
        for (String query : List.of("best portrait photographer", "photographer portrait", "Headshot", "headshot studio",
                "cheap portrait photographer", "portrait-photographer!")) {
            if (!decide(search(city, query, List.of("srv_anna", lena)).build()).sponsored().isEmpty()) {
                shownFor.add(query);
            }
        }

        assertThat(shownFor).containsExactly("best portrait photographer", "Headshot", "portrait-photographer!");
    }

    @Test
    void a_studio_with_five_promoted_photographers_takes_two_positions_and_leaves_the_third_to_a_rival() {
        String city = city();
        ApiClient.Response policy = market.api.put("/v1/policies", TestServer.ADMIN_KEY, "{\"surface\":\"people_search\","
                + "\"city\":\"" + city + "\",\"cpc_floor_cents\":25,\"max_density_top20\":3,\"max_above_fold\":3}");
        assertThat(policy.status()).as(policy.toString()).isEqualTo(200);
        Marketplace.Advertiser studio = market.advertiser();
        List<String> organic = new ArrayList<>();
        List<String> studioCampaigns = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            String photographer = Marketplace.unique("srv_photographer");
            String campaign = market.campaign(studio, photographer, city, 90 + i);
            market.fund(studio, campaign, 5_000);
            assertThat(market.api.post("/v1/campaigns/" + campaign + "/activate", studio.key(), null).status()).isEqualTo(200);
            organic.add(photographer);
            studioCampaigns.add(campaign);
        }
        String rival = Marketplace.unique("srv_rival");
        String rivalCampaign = activeCampaign(rival, city, 40);
        organic.add(rival);
        catchUp();

        Page page = decide(search(city, "portrait", organic).build());

        assertThat(page.sponsored()).extracting(Position::campaignId)
                .containsExactly(studioCampaigns.get(4), studioCampaigns.get(3), rivalCampaign);
    }

    @Test
    void without_candidates_the_page_is_the_organic_matches_in_their_order() {
        String city = city();

        Page page = decide(search(city, "portrait", List.of("srv_c", "srv_a", "srv_b")).build());

        assertThat(page.results()).containsExactly(Position.organic(1, "srv_c"), Position.organic(2, "srv_a"),
                Position.organic(3, "srv_b"));
    }

    @Test
    void a_paused_campaign_is_not_shown() {
        String city = city();
        String lena = Marketplace.unique("srv_lena");
        Marketplace.Advertiser owner = market.advertiser();
        String campaign = market.campaign(owner, lena, city, 60);
        market.fund(owner, campaign, 5_000);
        assertThat(market.api.post("/v1/campaigns/" + campaign + "/activate", owner.key(), null).status()).isEqualTo(200);
        assertThat(market.api.post("/v1/campaigns/" + campaign + "/pause", owner.key(), null).status()).isEqualTo(200);
        catchUp();

        Page page = decide(search(city, "portrait", List.of(lena, "srv_anna")).build());

        assertThat(page.results()).containsExactly(Position.organic(1, lena), Position.organic(2, "srv_anna"));
    }

    @Test
    void a_broken_request_is_refused_naming_each_broken_field() {
        String city = city();

        assertThat(refusedFields(AdRequest.builder("people", city).anonymousViewer("fp_scenario")
                .client("203.0.113.9", "Mozilla/5.0").organicMatches(List.of("srv_a")).build()))
                .contains("surface");
        assertThat(refusedFields(search(city, "portrait", List.of("srv_a", "srv_a")).build()))
                .contains("organic_matches");
        assertThat(refusedFields(search(city, "portrait", List.of("srv_a")).pageSize(101).build()))
                .contains("page_size");
        assertThat(refusedFields(search(city, "portrait", List.of("srv_a")).build())).isEmpty();
    }
}
