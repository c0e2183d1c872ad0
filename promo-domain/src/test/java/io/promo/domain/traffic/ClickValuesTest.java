package io.promo.domain.traffic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.promo.domain.ledger.NotBilledReason;
import io.promo.domain.serving.DecisionRequest;
import io.promo.domain.serving.Viewer;
import io.promo.domain.shared.EventId;
import io.promo.domain.shared.InvalidCommandException;
import io.promo.domain.shared.Money;
import io.promo.domain.shared.Surface;
import io.promo.domain.testing.TestData;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The values of the click path: each exists only when valid, and none prints a viewer's data (I9). */
class ClickValuesTest {

    private static final byte[] SECRET = "token-secret-of-at-least-thirty-two-bytes".getBytes(StandardCharsets.US_ASCII);
    private static final Duration MINUTE = Duration.ofMinutes(1);

    @Test
    void click_rules_accept_no_repeat_window_a_burst_of_one_and_room_for_one_ip() {
        ClickRules strictest = new ClickRules(Duration.ZERO, 1, Duration.ofMillis(1), 1);

        assertThat(strictest.ipBurstLimit()).isEqualTo(1);
        assertThatThrownBy(() -> new ClickRules(Duration.ofSeconds(-1), 1, MINUTE, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ClickRules(MINUTE, 0, MINUTE, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ClickRules(MINUTE, 1, Duration.ZERO, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ClickRules(MINUTE, 1, MINUTE.negated(), 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ClickRules(MINUTE, 1, MINUTE, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void a_signing_secret_has_at_least_32_bytes_and_a_key_never_prints_it() {
        byte[] shortest = Arrays.copyOf(SECRET, SigningKey.MIN_SECRET_BYTES);
        Instant retirement = Instant.parse("2026-12-01T00:00:00Z");

        assertThat(SigningKey.active("k1", shortest)).hasToString("SigningKey[k1, secret hidden]");
        assertThat(new SigningKey("k0", shortest, Optional.of(retirement)))
                .hasToString("SigningKey[k0, secret hidden, retired at 2026-12-01T00:00:00Z]");
        assertThatThrownBy(() -> SigningKey.active("k1", Arrays.copyOf(SECRET, SigningKey.MIN_SECRET_BYTES - 1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void a_click_command_never_prints_the_token_ip_or_user_agent() {
        ClickCommand signedIn = new ClickCommand("v1.k1.payload.sig", "usr_1", null, "203.0.113.7", "curl/8.5.0");
        ClickCommand anonymous = new ClickCommand(null, null, "fp_secret", "203.0.113.7", "curl/8.5.0");
        ClickCommand nobody = new ClickCommand("t", null, null, null, null);

        assertThat(signedIn).hasToString("ClickCommand[token of 17 chars, viewer usr_1]");
        assertThat(anonymous).hasToString("ClickCommand[token of 0 chars, viewer anonymous]");
        assertThat(nobody).hasToString("ClickCommand[token of 1 chars, viewer missing]");
    }

    @Test
    void only_a_click_that_cost_something_is_billed() {
        EventId id = TestData.IDS.newEventId();

        assertThat(new ClickResult(id, EventType.CLICK, 1, Optional.empty()).billed()).isTrue();
        assertThat(new ClickResult(id, EventType.CLICK, 0, Optional.of("daily_budget")).billed()).isFalse();
    }

    @Test
    void a_served_page_needs_the_clients_ip_and_user_agent_of_sane_length_and_never_prints_them() {
        DecisionRequest request = new DecisionRequest(Surface.PEOPLE_SEARCH, Optional.empty(), TestData.BERLIN, "portrait",
                Viewer.anonymous("fp-1"), 20, List.of("srv_a"));
        String longestIp = "1".repeat(ClickRules.MAX_IP_LENGTH);
        String longestAgent = "M".repeat(ClickRules.MAX_USER_AGENT_LENGTH);

        assertThat(new ServeCommand(request, longestIp, longestAgent)).hasToString("ServeCommand[PEOPLE_SEARCH, berlin, client hidden]");
        assertThatThrownBy(() -> new ServeCommand(request, longestIp + "1", longestAgent))
                .isInstanceOf(InvalidCommandException.class).hasMessageContaining("client.ip");
        assertThatThrownBy(() -> new ServeCommand(request, longestIp, longestAgent + "M"))
                .isInstanceOf(InvalidCommandException.class).hasMessageContaining("client.user_agent");
    }

    @Test
    void a_query_signature_needs_a_32_byte_secret_and_reads_a_missing_query_as_empty() {
        QuerySignature signature = new QuerySignature(Arrays.copyOf(SECRET, SigningKey.MIN_SECRET_BYTES));

        assertThat(signature.of(null)).isEqualTo(signature.of("")).isNotEqualTo(signature.of("portrait"));
        assertThatThrownBy(() -> new QuerySignature(Arrays.copyOf(SECRET, SigningKey.MIN_SECRET_BYTES - 1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void event_types_are_stored_as_the_seeds_codes() {
        assertThat(Arrays.stream(EventType.values()).map(EventType::code)).containsExactly("impression", "click", "invalid_click");
    }

    @Test
    void a_days_valid_clicks_are_the_billed_and_the_not_billed_ones_and_invalid_ones_are_summed_apart() {
        DayTraffic day = new DayTraffic(LocalDate.of(2026, 11, 27), 100, 4, Map.of(NotBilledReason.DAILY_BUDGET, 2L, NotBilledReason.BALANCE, 1L),
                Map.of(InvalidClickReason.BOT_USER_AGENT, 3L, InvalidClickReason.IP_BURST, 5L), Money.ofCents(200), 0, Money.ZERO);

        assertThat(day.validClicks()).isEqualTo(7);
        assertThat(day.invalidClickCount()).isEqualTo(8);
    }
}
