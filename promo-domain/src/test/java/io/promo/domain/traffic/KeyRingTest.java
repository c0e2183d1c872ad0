package io.promo.domain.traffic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Key rotation as both kinds of token apply it: the newest key signs, every key verifies until it retires. */
class KeyRingTest {

    private static final byte[] SECRET = "a-secret-of-at-least-thirty-two-bytes!!".getBytes(StandardCharsets.US_ASCII);
    private static final Instant RETIRED = Instant.parse("2026-12-04T12:00:00Z");

    private final KeyRing<String> ring = new KeyRing<>(List.of(SigningKey.active("new", SECRET),
            new SigningKey("old", SECRET, Optional.of(RETIRED))), key -> "mac of " + key.keyId());

    @Test
    void the_newest_key_signs_and_every_key_verifies_until_it_retires() {
        assertThat(ring.signingKeyId()).isEqualTo("new");
        assertThat(ring.signingMac()).isEqualTo("mac of new");
        assertThat(ring.verifierAt("old", RETIRED.minusSeconds(1))).isEqualTo("mac of old");
        assertThat(ring.verifierAt("old", RETIRED)).isNull();
        assertThat(ring.verifierAt("new", RETIRED.plusSeconds(86_400))).isEqualTo("mac of new");
        assertThat(ring.verifierAt("other", RETIRED)).isNull();
    }

    @Test
    void a_ring_has_a_key_and_no_two_keys_share_an_id() {
        assertThatThrownBy(() -> new KeyRing<>(List.of(), key -> key))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least one signing key");
        assertThatThrownBy(() -> new KeyRing<>(List.of(SigningKey.active("k", SECRET), SigningKey.active("k", SECRET)),
                key -> key)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("two signing keys named k");
    }
}
