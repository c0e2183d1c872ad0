package io.promo.domain.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import io.promo.domain.campaign.Campaign;
import io.promo.domain.shared.Money;
import io.promo.domain.shared.RoleCode;
import io.promo.domain.shared.Surface;
import io.promo.domain.testing.TestData;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The click path at its edges: the longest client data still accepted, and how a not-yet-valid click is logged. */
class RecordClickEdgesTest {

    private final TrafficFixture traffic = TrafficFixture.inMemory(TestData.NOW);
    private final Campaign campaign = traffic.activeCampaign(traffic.advertiser(), 10_000, 10_000);
    private int viewers;

    private ClickResult click(String token, String ip, String userAgent) {
        return traffic.recordClick.click(new ClickCommand(token, "usr_edge" + ++viewers, null, ip, userAgent));
    }

    private ClickResult click(String ip, String userAgent) {
        return click(traffic.token(campaign.id(), 50), ip, userAgent);
    }

    private TrafficEvent logged(ClickResult result) {
        return ((InMemoryTrafficLog) traffic.stores.clicks()).events().stream().filter(e -> e.eventId().equals(result.eventId()))
                .findFirst().orElseThrow();
    }

    @Test
    void an_ip_of_exactly_the_maximum_length_is_accepted_and_one_character_more_is_bad_client_data() {
        String longest = "2001:db8::" + "a".repeat(ClickRules.MAX_IP_LENGTH - 10);

        assertThat(click(longest, TrafficFixture.BROWSER).billed()).isTrue();
        assertThat(click(longest + "a", TrafficFixture.BROWSER).reason()).contains(InvalidClickReason.BAD_CLIENT_DATA.code());
    }

    @Test
    void a_user_agent_of_exactly_the_maximum_length_is_accepted_and_one_character_more_is_bad_client_data() {
        String longest = TrafficFixture.BROWSER + " " + "x".repeat(ClickRules.MAX_USER_AGENT_LENGTH - TrafficFixture.BROWSER.length() - 1);

        assertThat(click("203.0.113.7", longest).billed()).isTrue();
        assertThat(click("203.0.113.8", longest + "x").reason()).contains(InvalidClickReason.BAD_CLIENT_DATA.code());
    }

    @Test
    void a_click_on_a_token_served_in_the_future_is_logged_under_the_campaign_and_impression_it_names() {
        ClickClaims claims = new ClickClaims(TestData.IDS.newEventId(), campaign.id(), Money.ofCents(50),
                traffic.clock.instant().plus(Duration.ofMinutes(5)), Surface.PEOPLE_SEARCH, TestData.BERLIN,
                Optional.of(new RoleCode("photographer")), "0123456789abcdef0123456789abcdef");

        ClickResult result = click(traffic.signer.sign(claims), "203.0.113.7", TrafficFixture.BROWSER);

        assertThat(result.reason()).contains(InvalidClickReason.TOKEN_NOT_YET_VALID.code());
        assertThat(logged(result).campaignId()).isEqualTo(campaign.id());
        assertThat(logged(result).impressionId()).isEqualTo(claims.impressionId());
    }

    @Test
    void a_click_with_a_forged_token_is_logged_unattributed() {
        String token = traffic.token(campaign.id(), 50);
        int inSignature = token.length() - 10;
        String forged = token.substring(0, inSignature) + (token.charAt(inSignature) == 'A' ? 'B' : 'A')
                + token.substring(inSignature + 1);

        ClickResult result = click(forged, "203.0.113.7", TrafficFixture.BROWSER);

        assertThat(result.reason()).contains(InvalidClickReason.BAD_SIGNATURE.code());
        assertThat(logged(result).campaignId()).isEqualTo(TrafficEvent.UNATTRIBUTED_CAMPAIGN);
    }
}
