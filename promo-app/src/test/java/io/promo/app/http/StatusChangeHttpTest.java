package io.promo.app.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Over a real port (ADR 0020): a pause, end or suspension counts in the very next decision of the promo that made
 * it, with no refresh interval to wait; a click on an ad served before the change is billed if the campaign was
 * paused and not if it was ended or suspended; diagnostics read right after a click agree with the balance.
 */
class StatusChangeHttpTest {

    private static final String USER_AGENT = "Mozilla/5.0 (X11; Linux x86_64) StatusChangeTest/1";
    private static final AtomicInteger CLIENTS = new AtomicInteger();

    private final Marketplace market = new Marketplace();
    private final ApiClient api = market.api;

    /** A funded, active campaign with the click token of an ad it was served with. */
    private record Served(Marketplace.Advertiser owner, String campaignId, String city, String entity, String token) {
    }

    private Served served() {
        Marketplace.Advertiser owner = market.advertiser();
        String city = Marketplace.unique("city").toLowerCase();
        String entity = Marketplace.unique("srv");
        String campaignId = market.campaign(owner, entity, city, 60);
        market.fund(owner, campaignId, 5000);
        assertThat(api.post("/v1/campaigns/" + campaignId + "/activate", owner.key(), null).status()).isEqualTo(200);
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (Instant.now().isBefore(deadline)) {
            JsonNode first = decide(city, entity);
            if (first.path("sponsored").asBoolean()) {
                return new Served(owner, campaignId, city, entity, first.path("click_token").asText());
            }
            sleep();
        }
        throw new AssertionError("the campaign was never sponsored");
    }

    /** The first result of one decision for a search that only {@code entity}'s campaign can fill. */
    private JsonNode decide(String city, String entity) {
        String request = """
                {"surface":"people_search","role":"photographer","city":"%s","query":"portrait",
                 "viewer":{"anon_fingerprint":"fp_status"},"client":{"ip":"203.0.113.9","user_agent":"%s"},
                 "organic_matches":["srv_a","%s","srv_b"]}""".formatted(city, USER_AGENT, entity);
        ApiClient.Response page = api.post("/v1/decisions", TestServer.SERVICE_KEY, request);
        assertThat(page.status()).as(page.toString()).isEqualTo(200);
        return page.json().path("results").get(0);
    }

    private boolean sponsoredNow(Served served) {
        return decide(served.city(), served.entity()).path("sponsored").asBoolean();
    }

    /** A click from a client of its own, so that neither the ip burst nor the repeated-viewer rule interferes. */
    private JsonNode click(String token) {
        int client = CLIENTS.incrementAndGet();
        ApiClient.Response clicked = api.post("/v1/clicks", TestServer.SERVICE_KEY, """
                {"click_token":"%s","viewer":{"anon_fingerprint":"fp_status_%d"},
                 "client":{"ip":"198.51.100.%d","user_agent":"%s"}}""".formatted(token, client, client % 250 + 1,
                USER_AGENT));
        assertThat(clicked.status()).as(clicked.toString()).isEqualTo(200);
        return clicked.json();
    }

    private JsonNode balance(Served served) {
        return api.get("/v1/campaigns/" + served.campaignId() + "/balance", served.owner().key()).json();
    }

    @Test
    void a_paused_campaign_leaves_the_next_decision_and_a_click_on_an_ad_served_before_is_billed() {
        Served served = served();

        ApiClient.Response paused = api.post("/v1/campaigns/" + served.campaignId() + "/pause", served.owner().key(), null);

        assertThat(paused.text("status")).isEqualTo("paused");
        assertThat(sponsoredNow(served)).as("the next decision, with no refresh interval waited").isFalse();
        JsonNode click = click(served.token());
        assertThat(click.path("type").asText()).as(click.toString()).isEqualTo("click");
        assertThat(click.path("billed_cents").asLong()).as("the lone bidder's price, the 25¢ floor").isEqualTo(25);
        assertThat(balance(served).path("balance_cents").asLong()).isEqualTo(5000 - 25);
    }

    @ParameterizedTest
    @ValueSource(strings = {"end", "suspend"})
    void an_ended_or_suspended_campaign_leaves_the_next_decision_and_a_click_on_an_earlier_ad_is_not_billed(String action) {
        Served served = served();

        ApiClient.Response changed = api.post("/v1/campaigns/" + served.campaignId() + "/" + action, TestServer.ADMIN_KEY,
                null);

        assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
        assertThat(sponsoredNow(served)).isFalse();
        JsonNode click = click(served.token());
        assertThat(click.path("type").asText()).as(click.toString()).isEqualTo("invalid_click");
        assertThat(click.path("reason").asText()).isEqualTo("campaign_not_billable");
        assertThat(click.path("billed_cents").asLong()).isZero();
        assertThat(balance(served).path("balance_cents").asLong()).isEqualTo(5000);
    }

    @Test
    void a_suspended_advertiser_leaves_the_next_decision_and_is_not_billed() {
        Served served = served();

        assertThat(api.post("/v1/advertisers/" + served.owner().id() + "/suspend", TestServer.ADMIN_KEY, null)
                .text("status")).isEqualTo("suspended");

        assertThat(sponsoredNow(served)).isFalse();
        assertThat(click(served.token()).path("reason").asText()).isEqualTo("campaign_not_billable");
    }

    @Test
    void diagnostics_read_right_after_a_click_agree_with_the_balance() {
        Served served = served();
        assertThat(click(served.token()).path("billed_cents").asLong()).as("the lone bidder's price, the 25¢ floor")
                .isEqualTo(25);

        JsonNode balance = balance(served);
        JsonNode diagnosis = api.get("/v1/campaigns/" + served.campaignId() + "/diagnostics?city=" + served.city()
                + "&role=photographer&query=portrait", served.owner().key()).json();

        assertThat(balance.path("balance_cents").asLong()).as("5,000¢ less the lone bidder's 25¢ price").isEqualTo(4975);
        assertThat(check(diagnosis, "BALANCE")).as(diagnosis.toString()).startsWith("balance 4975¢ covers");
        assertThat(check(diagnosis, "DAILY_BUDGET")).as(diagnosis.toString())
                .startsWith("spent " + balance.path("spent_today_cents").asLong() + "¢ of the daily budget");
    }

    private static String check(JsonNode diagnosis, String name) {
        for (JsonNode check : diagnosis.path("checks")) {
            if (check.path("check").asText().equals(name)) {
                return check.path("detail").asText();
            }
        }
        throw new AssertionError("no check " + name + " in " + diagnosis);
    }

    private static void sleep() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
