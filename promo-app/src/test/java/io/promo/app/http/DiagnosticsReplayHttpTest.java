package io.promo.app.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * "Why not shown" for a page the caller replays over a real port: the diagnostics route takes the search's organic
 * matches (the parameter repeated) and page size, so a campaign that lost its position to higher-ranked rivals is told
 * OUTRANKED with the bid that would have won, without the rivals named, and a campaign its advertiser's other
 * campaigns crowded off the page is told ADVERTISER_SLOTS. Without the matches, the route diagnoses a search that
 * matched the campaign's entity alone, as before.
 */
class DiagnosticsReplayHttpTest {

    private static final String USER_AGENT = "Mozilla/5.0 (X11; Linux x86_64) DiagnosticsReplayTest/1.0";

    private final Marketplace market = new Marketplace();
    private final ApiClient api = market.api;

    @Test
    void an_outranked_campaign_is_told_the_bid_to_win_for_the_page_it_replays_and_not_the_rivals() throws Exception {
        String city = cityWithPolicy(2);
        String high = Marketplace.unique("srv");
        String middle = Marketplace.unique("srv");
        String low = Marketplace.unique("srv");
        Marketplace.Advertiser lena = market.advertiser();
        Marketplace.Advertiser omar = market.advertiser();
        Marketplace.Advertiser mia = market.advertiser();
        String highCampaign = market.activeCampaign(lena, high, city, 100);
        String middleCampaign = market.activeCampaign(omar, middle, city, 80);
        String lowCampaign = market.activeCampaign(mia, low, city, 50);
        List<String> page = List.of(low, "srv_plain_a", high, "srv_plain_b", middle);
        assertThat(sponsoredUntil(city, page, 2)).containsExactlyInAnyOrder(highCampaign, middleCampaign);

        JsonNode replayed = diagnose(mia, lowCampaign, city, page);
        assertThat(replayed.path("shown").asBoolean()).as(replayed.toString()).isFalse();
        assertThat(replayed.path("deciding_reason").asText()).isEqualTo("OUTRANKED");
        String outranked = detail(replayed, "OUTRANKED");
        // Three new campaigns share the CTR prior, so 81¢ is the least bid above the lowest shown one's 80¢.
        assertThat(outranked).contains("bid to win: a cpc of 81¢")
                .doesNotContain(highCampaign).doesNotContain(middleCampaign).contains("another advertiser's campaign");

        JsonNode alone = diagnose(mia, lowCampaign, city, null);
        assertThat(alone.path("shown").asBoolean()).as("matched alone, nobody outranks it: " + alone).isTrue();
    }

    @Test
    void a_campaign_its_advertisers_other_campaigns_crowd_off_the_page_is_told_advertiser_slots() throws Exception {
        String city = cityWithPolicy(3);
        Marketplace.Advertiser studio = market.advertiser();
        Marketplace.Advertiser rival = market.advertiser();
        List<String> entities = new ArrayList<>();
        List<String> studioCampaigns = new ArrayList<>();
        for (long cpc : new long[] {100, 95, 90}) {
            String entity = Marketplace.unique("srv");
            entities.add(entity);
            studioCampaigns.add(market.activeCampaign(studio, entity, city, cpc));
        }
        String rivalEntity = Marketplace.unique("srv");
        String rivalCampaign = market.activeCampaign(rival, rivalEntity, city, 60);
        List<String> page = new ArrayList<>(entities);
        page.add(rivalEntity);
        // Organic results to fill the page: the layout's below-the-fold positions start at 5.
        for (int i = 0; i < 6; i++) {
            page.add("srv_plain_" + i);
        }
        assertThat(sponsoredUntil(city, page, 3)).as("two of the studio's, then the rival's (at most 2 per advertiser)")
                .containsExactlyInAnyOrder(studioCampaigns.get(0), studioCampaigns.get(1), rivalCampaign);

        JsonNode crowded = diagnose(studio, studioCampaigns.get(2), city, page);
        assertThat(crowded.path("shown").asBoolean()).as(crowded.toString()).isFalse();
        assertThat(crowded.path("deciding_reason").asText()).isEqualTo("ADVERTISER_SLOTS");
    }

    @Test
    void a_repeated_match_or_a_page_size_that_is_no_number_or_out_of_range_is_a_400_naming_it() throws Exception {
        String city = cityWithPolicy(2);
        Marketplace.Advertiser lena = market.advertiser();
        String entity = Marketplace.unique("srv");
        String campaign = market.activeCampaign(lena, entity, city, 60);
        assertThat(sponsoredUntil(city, List.of(entity), 1)).containsExactly(campaign);
        String base = "/v1/campaigns/" + campaign + "/diagnostics?city=" + city + "&query=portrait";
        for (String[] bad : new String[][] {
            {"&organic_matches=srv_a&organic_matches=srv_b&organic_matches=srv_a", "organic_matches"},
            {"&page_size=twenty", "page_size"},
            {"&page_size=0", "page_size"},
            {"&page_size=101", "page_size"},
            {"&user_id=usr_a&anon_fingerprint=fp_a", "viewer"}}) {
            ApiClient.Response refused = api.get(base + bad[0], lena.key());
            assertThat(refused.status()).as(bad[0] + " " + refused).isEqualTo(400);
            assertThat(refused.body()).as(bad[0]).contains("\"" + bad[1] + "\"");
        }
    }

    @Test
    void a_page_longer_than_the_request_line_the_server_reads_is_a_problem_saying_so() {
        Marketplace.Advertiser lena = market.advertiser();
        String campaign = market.campaign(lena, Marketplace.unique("srv"), "berlin", 60);
        StringBuilder path = new StringBuilder("/v1/campaigns/" + campaign + "/diagnostics?city=berlin");
        for (int i = 0; path.length() <= JettyProblems.REQUEST_HEAD_BYTES; i++) {
            path.append("&organic_matches=srv_a_long_entity_id_").append(i);
        }

        ApiClient.Response refused = api.get(path.toString(), lena.key());

        assertThat(refused.status()).as(refused.toString()).isIn(414, 431);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.json().path("detail").asText()).contains("8 KiB").doesNotContain("null");
    }

    private String cityWithPolicy(int density) {
        String city = Marketplace.unique("city").toLowerCase();
        ApiClient.Response policy = api.put("/v1/policies", TestServer.ADMIN_KEY, """
                {"surface":"people_search","city":"%s","cpc_floor_cents":30,"max_density_top20":%d,"max_above_fold":1}"""
                .formatted(city, density));
        assertThat(policy.status()).as(policy.toString()).isEqualTo(200);
        return city;
    }

    /** The campaigns the page sponsors, once the serving index has them all (it is rebuilt every second). */
    private List<String> sponsoredUntil(String city, List<String> organic, int expected) throws InterruptedException {
        String request = """
                {"surface":"people_search","city":"%s","query":"portrait",
                 "viewer":{"anon_fingerprint":"fp_replay"},"client":{"ip":"203.0.113.50","user_agent":"%s"},
                 "organic_matches":[%s]}""".formatted(city, USER_AGENT,
                organic.stream().map(id -> "\"" + id + "\"").collect(Collectors.joining(",")));
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (true) {
            List<String> sponsored = new ArrayList<>();
            api.post("/v1/decisions", TestServer.SERVICE_KEY, request).json().path("results").forEach(result -> {
                if (result.path("sponsored").asBoolean()) {
                    sponsored.add(result.path("campaign_id").asText());
                }
            });
            if (sponsored.size() == expected) {
                return sponsored;
            }
            assertThat(Instant.now()).as("the page never sponsors " + expected + ": " + sponsored).isBefore(deadline);
            Thread.sleep(100);
        }
    }

    private JsonNode diagnose(Marketplace.Advertiser owner, String campaignId, String city, List<String> organic) {
        StringBuilder path = new StringBuilder("/v1/campaigns/" + campaignId + "/diagnostics?city=" + city
                + "&query=portrait&anon_fingerprint=fp_replay");
        if (organic != null) {
            organic.forEach(id -> path.append("&organic_matches=").append(id));
        }
        ApiClient.Response response = api.get(path.toString(), owner.key());
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json();
    }

    private static String detail(JsonNode diagnosis, String check) {
        for (JsonNode item : diagnosis.path("checks")) {
            if (item.path("check").asText().equals(check)) {
                return item.path("detail").asText();
            }
        }
        throw new AssertionError("no " + check + " in " + diagnosis);
    }
}
