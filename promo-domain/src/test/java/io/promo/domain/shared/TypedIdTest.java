package io.promo.domain.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.Random;
import java.util.regex.Pattern;
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

    /** The form of an id body, as it was specified before the check became a loop (IdPrefix). */
    private static final Pattern BODY = Pattern.compile("[0-9A-Za-z][0-9A-Za-z_-]{0,99}");

    @Test
    void an_id_matches_exactly_when_its_body_has_the_specified_form() {
        String given = System.getProperty("promo.seed");
        long seed = given != null ? Long.parseLong(given.trim()) : new SecureRandom().nextLong();
        Random random = new Random(seed);
        String alphabet = "09azAZ_-. é/\u0000\uD83D:pevt_";
        for (int trial = 0; trial < 200_000; trial++) {
            IdPrefix prefix = IdPrefix.values()[random.nextInt(IdPrefix.values().length)];
            StringBuilder body = new StringBuilder();
            int length = random.nextInt(4) == 0 ? 95 + random.nextInt(10) : random.nextInt(6);
            for (int i = 0; i < length; i++) {
                body.append(random.nextInt(3) == 0 ? alphabet.charAt(random.nextInt(alphabet.length()))
                        : (char) ('a' + random.nextInt(26)));
            }
            String start = switch (random.nextInt(4)) {
                case 0 -> "";
                case 1 -> prefix.prefix();
                case 2 -> IdPrefix.values()[random.nextInt(IdPrefix.values().length)].prefix() + "_";
                default -> prefix.prefix() + "_";
            };
            String id = start + body;
            boolean specified = id.startsWith(prefix.prefix() + "_")
                    && BODY.matcher(id.substring(prefix.prefix().length() + 1)).matches();
            assertThat(prefix.matches(id)).as("%s matches '%s' (seed %d, replay with -Dpromo.seed=%d)", prefix, id,
                    seed, seed).isEqualTo(specified);
        }
    }

    @Test
    void constructing_a_typed_id_from_a_wrong_prefix_is_a_programming_error() {
        assertThatThrownBy(() -> new AdvertiserId("pcmp_abc")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PolicyId(null)).isInstanceOf(IllegalArgumentException.class);
    }
}
