package io.promo.domain.traffic;

import static io.promo.domain.testing.TestData.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.promo.domain.campaign.Format;
import io.promo.domain.ledger.NotBilledReason;
import io.promo.domain.shared.EventId;
import io.promo.domain.shared.Money;
import io.promo.domain.shared.Surface;
import io.promo.domain.shared.UserId;
import io.promo.domain.testing.TestData;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TrafficEventTest {

    private static TrafficEvent event(String ipHash, String uaHash, Optional<UserId> user, Optional<String> anon,
            EventDetail detail) {
        EventId id = TestData.IDS.newEventId();
        return new TrafficEvent(id, TestData.IDS.newCampaignId(), id, Optional.empty(), TestData.BERLIN,
                "ab", user, anon, ipHash, uaHash, NOW, detail);
    }

    @Test
    void only_hashes_fit_the_client_columns() {
        assertThatThrownBy(() -> event("203.0.113.7", "ab", Optional.empty(), Optional.empty(), EventDetail.UNCLASSIFIED))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ipHash");
        assertThatThrownBy(() -> event("ab", "Mozilla/5.0", Optional.empty(), Optional.empty(), EventDetail.UNCLASSIFIED))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("uaHash");
        assertThatThrownBy(() -> event("ab", "ab", Optional.empty(), Optional.of("raw fingerprint"), EventDetail.UNCLASSIFIED))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("anonFpHash");
        assertThatThrownBy(() -> event("ab", "ab", Optional.of(new UserId("usr_1")), Optional.of("ab"), EventDetail.UNCLASSIFIED))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void the_type_follows_the_detail_and_a_classified_click_keeps_its_id_and_context() {
        TrafficEvent click = event("ab", "cd", Optional.of(new UserId("usr_1")), Optional.empty(), EventDetail.UNCLASSIFIED);
        assertThat(click.type()).isEqualTo(EventType.CLICK);

        TrafficEvent invalid = click.asInvalid(InvalidClickReason.SELF_CLICK);
        TrafficEvent billed = click.withDetail(new EventDetail.Billed(Money.ofCents(75)));

        assertThat(invalid.type()).isEqualTo(EventType.INVALID_CLICK);
        assertThat(invalid.detail().invalidReason()).contains(InvalidClickReason.SELF_CLICK);
        assertThat(invalid.withDetail(EventDetail.UNCLASSIFIED)).isEqualTo(click);
        assertThat(billed.billedCents()).isEqualTo(75);
        assertThat(billed.detail().notBilledReason()).isEmpty();
        assertThat(click.withDetail(new EventDetail.NotBilled(NotBilledReason.BALANCE)).billedCents()).isZero();
        assertThat(event("ab", "cd", Optional.empty(), Optional.empty(),
                new EventDetail.Served(Surface.PEOPLE_SEARCH, 1, Money.ofCents(50), Format.FEATURED)).type())
                .isEqualTo(EventType.IMPRESSION);
    }

    @Test
    void a_detail_holds_only_what_its_kind_can_say() {
        assertThatThrownBy(() -> new EventDetail.Billed(Money.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new EventDetail.Served(Surface.PEOPLE_SEARCH, 0, Money.ofCents(50), Format.FEATURED))
                .isInstanceOf(IllegalArgumentException.class);
        // Not billable or already spent makes a click invalid, never "billed 0".
        assertThatThrownBy(() -> new EventDetail.NotBilled(NotBilledReason.CAMPAIGN_NOT_BILLABLE))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new EventDetail.NotBilled(NotBilledReason.DUPLICATE))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new EventDetail.Invalid(null)).isInstanceOf(NullPointerException.class);
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
