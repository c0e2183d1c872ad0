package io.promo.domain.traffic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** I9: promo stores keyed hashes of a viewer's ip, user agent and fingerprint, and the duplicate checks still work on them. */
class ClientHasherTest {

    private static final byte[] SECRET = "hash-secret-of-at-least-thirty-two-bytes!".getBytes(StandardCharsets.US_ASCII);

    private final ClientHasher hasher = new ClientHasher(SECRET);

    @Test
    void equal_values_hash_equal_and_different_values_differently_for_every_kind() {
        assertThat(hasher.ip("203.0.113.7")).isEqualTo(hasher.ip("203.0.113.7")).isNotEqualTo(hasher.ip("203.0.113.8"));
        assertThat(hasher.userAgent("Mozilla/5.0 A")).isEqualTo(hasher.userAgent("Mozilla/5.0 A"))
                .isNotEqualTo(hasher.userAgent("Mozilla/5.0 B"));
        assertThat(hasher.fingerprint("fp_1")).isEqualTo(hasher.fingerprint("fp_1")).isNotEqualTo(hasher.fingerprint("fp_2"));
    }

    @Test
    void a_hash_is_128_bits_of_hex_and_never_the_value_itself() {
        for (String hash : new String[] {hasher.ip("203.0.113.7"), hasher.userAgent("curl/8.5.0"), hasher.fingerprint("fp_1")}) {
            assertThat(hash).matches("[0-9a-f]{32}");
        }
        assertThat(hasher.fingerprint("0123456789abcdef0123456789abcdef"))
                .as("the search service's fingerprint hash is keyed again").isNotEqualTo("0123456789abcdef0123456789abcdef");
    }

    @Test
    void each_kind_of_value_is_hashed_under_its_own_label() {
        assertThat(Set.of(hasher.ip("same"), hasher.userAgent("same"), hasher.fingerprint("same"))).hasSize(3);
    }

    @Test
    void a_missing_value_hashes_like_an_empty_one_and_an_ip_ignores_surrounding_blanks() {
        assertThat(hasher.userAgent(null)).isEqualTo(hasher.userAgent(""));
        assertThat(hasher.fingerprint(null)).isEqualTo(hasher.fingerprint(""));
        assertThat(hasher.ip(null)).isEqualTo(hasher.ip(" "));
        assertThat(hasher.ip(" 203.0.113.7 ")).isEqualTo(hasher.ip("203.0.113.7"));
    }

    @Test
    void without_the_secret_the_hashes_cannot_be_reproduced() {
        byte[] other = SECRET.clone();
        other[0] ^= 1;

        assertThat(new ClientHasher(other).ip("203.0.113.7")).isNotEqualTo(hasher.ip("203.0.113.7"));
    }

    @Test
    void a_hash_secret_has_at_least_32_bytes() {
        byte[] shortest = Arrays.copyOf(SECRET, SigningKey.MIN_SECRET_BYTES);

        assertThat(new ClientHasher(shortest).ip("203.0.113.7")).hasSize(32);
        assertThatThrownBy(() -> new ClientHasher(Arrays.copyOf(SECRET, SigningKey.MIN_SECRET_BYTES - 1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ClientHasher(null)).isInstanceOf(IllegalArgumentException.class);
    }

    /**
     * The stored form, spelt out with the JDK's own HMAC: hashes stored by earlier builds (burst counts, conversions'
     * subjects) must keep matching the ones this build computes.
     */
    @Test
    void a_hash_is_the_first_16_bytes_of_an_hmac_of_the_label_a_nul_and_the_value() throws Exception {
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec(SECRET, "HmacSHA256"));
        java.util.function.Function<String, String> reference = input -> java.util.HexFormat.of()
                .formatHex(mac.doFinal(input.getBytes(StandardCharsets.UTF_8)), 0, 16);

        assertThat(hasher.ip(" 203.0.113.7 ")).isEqualTo(reference.apply("ip\u0000203.0.113.7"));
        assertThat(hasher.userAgent("Mozilla/5.0 é")).isEqualTo(reference.apply("ua\u0000Mozilla/5.0 é"));
        assertThat(hasher.fingerprint("fp_1")).isEqualTo(reference.apply("fp\u0000fp_1"));
        assertThat(hasher.conversionSubject(null)).isEqualTo(reference.apply("cs\u0000"));
    }
}
