package io.promo.domain.traffic;

import static io.promo.domain.testing.TestData.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.promo.domain.shared.EventId;
import io.promo.domain.shared.UserId;
import io.promo.domain.testing.TestData;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TrafficEventTest {

    private static TrafficEvent event(String ipHash, String uaHash, Optional<UserId> user, Optional<String> anon,
            Map<String, Object> extra) {
        EventId id = TestData.IDS.newEventId();
        return new TrafficEvent(id, EventType.CLICK, TestData.IDS.newCampaignId(), id, Optional.empty(), TestData.BERLIN,
                "ab", user, anon, ipHash, uaHash, NOW, extra);
    }

    @Test
    void only_hashes_fit_the_client_columns() {
        assertThatThrownBy(() -> event("203.0.113.7", "ab", Optional.empty(), Optional.empty(), Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ipHash");
        assertThatThrownBy(() -> event("ab", "Mozilla/5.0", Optional.empty(), Optional.empty(), Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("uaHash");
        assertThatThrownBy(() -> event("ab", "ab", Optional.empty(), Optional.of("raw fingerprint"), Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("anonFpHash");
        assertThatThrownBy(() -> event("ab", "ab", Optional.of(new UserId("usr_1")), Optional.of("ab"), Map.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void extra_json_is_valid_json_in_insertion_order_with_strings_escaped() {
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("reason", "a \"quoted\" \\ reason\n");
        extra.put("billed_cents", 75L);

        assertThat(event("ab", "cd", Optional.empty(), Optional.empty(), extra).extraJson())
                .isEqualTo("{\"reason\":\"a \\\"quoted\\\" \\\\ reason\\u000a\",\"billed_cents\":75}");
        assertThat(event("ab", "cd", Optional.empty(), Optional.empty(), Map.of()).extraJson()).isEqualTo("{}");
    }

    @Test
    void extra_json_holds_only_simple_keys_to_strings_and_longs() {
        assertThatThrownBy(() -> event("ab", "cd", Optional.empty(), Optional.empty(), Map.of("Bad Key", "x")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> event("ab", "cd", Optional.empty(), Optional.empty(), Map.of("position", 3)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void the_bot_list_refuses_a_broken_pattern_and_ignores_comments() {
        assertThat(BotUserAgents.fromLines(List.of("# comment", "", "  crawler  ")).size()).isEqualTo(1);
        assertThat(BotUserAgents.standard().size()).isGreaterThan(50);
        assertThatThrownBy(() -> BotUserAgents.fromLines(List.of("bot(")))
                .isInstanceOf(java.util.regex.PatternSyntaxException.class);
        assertThatThrownBy(() -> BotUserAgents.fromLines(List.of("# only a comment")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
