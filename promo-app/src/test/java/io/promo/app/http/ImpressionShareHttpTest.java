package io.promo.app.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/**
 * Impression share over a real port: the searches a campaign was a candidate for, read back in its report after the
 * counts are flushed; a campaign that is no more than a draft loses every one to its status; a day before anything
 * was counted answers zeros.
 */
class ImpressionShareHttpTest {

    private final Marketplace market = new Marketplace();
    private final ApiClient api = market.api;

    @Test
    void the_report_shows_the_share_of_candidate_auctions_shown_and_why_the_others_were_lost() throws Exception {
        String city = Marketplace.unique("city").toLowerCase();
        String entity = Marketplace.unique("srv");
        Marketplace.Advertiser lena = market.advertiser();
        String draft = market.campaign(lena, entity, city, 50);
        String active = market.campaign(lena, entity, city, 60);
        market.fund(lena, active, 5000);
        assertThat(api.post("/v1/campaigns/" + active + "/activate", lena.key(), null).status()).isEqualTo(200);
        String request = """
                {"surface":"people_search","city":"%s","query":"portrait",
                 "viewer":{"anon_fingerprint":"fp_share"},"client":{"ip":"203.0.113.9","user_agent":"share-test"},
                 "organic_matches":["srv_a","%s","srv_b"]}""".formatted(city, entity);
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (!api.post("/v1/decisions", TestServer.SERVICE_KEY, request).json().path("results").get(0)
                .path("sponsored").asBoolean()) {
            assertThat(Instant.now()).as("the campaign is never sponsored").isBefore(deadline);
            Thread.sleep(100);
        }
        for (int i = 0; i < 3; i++) {
            api.post("/v1/decisions", TestServer.SERVICE_KEY, request);
        }
        TestServer.app().flushImpressionShare();

        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        JsonNode shown = report(lena, active, today.minusDays(1), today);
        JsonNode auctions = shown.path("days").get(1).path("auctions");
        assertThat(auctions.path("candidate_auctions").asLong()).as(auctions.toString()).isGreaterThanOrEqualTo(4);
        assertThat(auctions.path("impressions").asLong()).isEqualTo(auctions.path("candidate_auctions").asLong());
        assertThat(auctions.path("impression_share").asDouble()).isEqualTo(1.0);
        assertThat(shown.path("auctions")).isEqualTo(auctions);
        JsonNode yesterday = shown.path("days").get(0).path("auctions");
        assertThat(yesterday.path("candidate_auctions").asLong()).as("a day before anything was counted").isZero();
        assertThat(yesterday.path("impression_share").asDouble()).isZero();

        JsonNode lost = report(lena, draft, today, today).path("days").get(0).path("auctions");
        assertThat(lost.path("candidate_auctions").asLong()).as(lost.toString())
                .isGreaterThanOrEqualTo(auctions.path("candidate_auctions").asLong());
        assertThat(lost.path("lost_to_status").asDouble()).isEqualTo(1.0);
        assertThat(lost.path("impression_share").asDouble()).isZero();

        JsonNode advertiser = api.get("/v1/advertisers/" + lena.id() + "/report?from=" + today + "&to=" + today,
                lena.key()).json();
        assertThat(advertiser.path("auctions").path("candidate_auctions").asLong())
                .isEqualTo(auctions.path("candidate_auctions").asLong() + lost.path("candidate_auctions").asLong());
        assertThat(advertiser.path("campaigns").get(0).path("auctions").has("lost_to_rank")).isTrue();
    }

    private JsonNode report(Marketplace.Advertiser owner, String campaignId, LocalDate from, LocalDate to) {
        ApiClient.Response response = api.get("/v1/campaigns/" + campaignId + "/report?from=" + from + "&to=" + to,
                owner.key());
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json();
    }
}
