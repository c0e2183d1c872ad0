package io.promo.domain.traffic;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A secret that signs click tokens, named by a key id that travels in each token so keys can rotate:
 * new tokens are signed with the newest key, older keys keep verifying until {@code retiredAt}.
 */
public final class SigningKey {

    /** 256 bits: HMAC-SHA256's block-size advice and what a brute force cannot reach. */
    public static final int MIN_SECRET_BYTES = 32;
    private static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9_-]{1,16}");

    private final String keyId;
    private final byte[] secret;
    private final Optional<Instant> retiredAt;

    public SigningKey(String keyId, byte[] secret, Optional<Instant> retiredAt) {
        if (keyId == null || !KEY_ID.matcher(keyId).matches()) {
            throw new IllegalArgumentException("a key id is 1-16 letters, digits, '-' or '_': " + keyId);
        }
        if (secret == null || secret.length < MIN_SECRET_BYTES) {
            throw new IllegalArgumentException("a signing secret has at least " + MIN_SECRET_BYTES + " bytes");
        }
        this.keyId = keyId;
        this.secret = secret.clone();
        this.retiredAt = Objects.requireNonNull(retiredAt, "retiredAt");
    }

    public static SigningKey active(String keyId, byte[] secret) {
        return new SigningKey(keyId, secret, Optional.empty());
    }

    public String keyId() {
        return keyId;
    }

    byte[] secret() {
        return secret.clone();
    }

    public boolean acceptsAt(Instant now) {
        return retiredAt.map(now::isBefore).orElse(true);
    }

    @Override
    public String toString() {
        return "SigningKey[" + keyId + ", secret hidden" + retiredAt.map(r -> ", retired at " + r).orElse("") + "]";
    }
}
