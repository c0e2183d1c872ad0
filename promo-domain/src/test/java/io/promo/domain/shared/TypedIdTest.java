package io.promo.domain.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class TypedIdTest {

    @Test
    void an_id_with_its_own_prefix_parses_to_the_typed_id() {
        assertThat(CampaignId.parse("campaign_id", "pcmp_01jd8x")).isEqualTo(new CampaignId("pcmp_01jd8x"));
        assertThat(AdvertiserId.parse("advertiser_id", "padv_abc").value()).isEqualTo("padv_abc");
        assertThat(PolicyId.parse("policy_id", "ppol_abc").value()).isEqualTo("ppol_abc");
        assertThat(UserId.parse("user_id", "usr_Some-Marketplace_Id").value()).isEqualTo("usr_Some-Marketplace_Id");
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"padv_abc", "pcmp_", "pcmp", "PCMP_abc", "pcmp_-abc", "pcmp_ab c", "xpcmp_abc", ""})
    void a_malformed_id_is_an_invalid_command_naming_the_field(String raw) {
        assertThatThrownBy(() -> CampaignId.parse("campaign_id", raw))
                .isInstanceOfSatisfying(InvalidCommandException.class, e -> {
                    assertThat(e.violations()).extracting(Violation::field).containsExactly("campaign_id");
                    assertThat(e.violations().get(0).message()).contains("pcmp_");
                });
    }

    @Test
    void an_advertiser_id_is_not_a_user_id() {
        assertThatThrownBy(() -> UserId.parse("user_id", "padv_abc"))
                .isInstanceOfSatisfying(InvalidCommandException.class,
                        e -> assertThat(e.violations()).extracting(Violation::field).containsExactly("user_id"));
    }

    @Test
    void a_body_longer_than_100_characters_is_refused() {
        assertThat(IdPrefix.STUDIO.matches("std_" + "a".repeat(100))).isTrue();
        assertThat(IdPrefix.STUDIO.matches("std_" + "a".repeat(101))).isFalse();
    }

    @Test
    void constructing_a_typed_id_from_a_wrong_prefix_is_a_programming_error() {
        assertThatThrownBy(() -> new AdvertiserId("pcmp_abc")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PolicyId(null)).isInstanceOf(IllegalArgumentException.class);
    }
}
