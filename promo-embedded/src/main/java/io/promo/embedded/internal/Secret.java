package io.promo.embedded.internal;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;

/**
 * A configured secret (a key or an HMAC secret): its value never appears in {@link #toString()}, so a
 * configuration can be logged. {@code generated} marks one made up at start in dev mode.
 */
public record Secret(String value, boolean generated) {

    /** HMAC-SHA256 and API keys want 256 bits: 32 characters of configuration at least. */
    public static final int MIN_LENGTH = 32;

    public Secret {
        Objects.requireNonNull(value, "value");
    }

    static Secret generate(SecureRandom random) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return new Secret(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes), true);
    }

    public byte[] bytes() {
        return value.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return generated ? "(generated)" : "(set, hidden)";
    }
}
