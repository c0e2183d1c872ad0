package io.promo.domain.access;

import io.promo.domain.shared.AdvertiserId;
import io.promo.domain.shared.RowVersion;
import java.time.Instant;
import java.util.Objects;
import java.util.regex.Pattern;

/** An advertiser's key as stored: its id, whose it is, and the SHA-256 of the key, never the key itself. */
public record StoredApiKey(String keyId, AdvertiserId advertiserId, String sha256, Instant issuedAt) {

    private static final Pattern KEY_ID = Pattern.compile("[0-9a-z]{16}");
    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

    public StoredApiKey {
        Objects.requireNonNull(advertiserId, "advertiserId");
        if (keyId == null || !KEY_ID.matcher(keyId).matches()) {
            throw new IllegalArgumentException("not an API key id: " + keyId);
        }
        if (sha256 == null || !SHA256_HEX.matcher(sha256).matches()) {
            throw new IllegalArgumentException("not a SHA-256 in hex");
        }
        issuedAt = RowVersion.stored(Objects.requireNonNull(issuedAt, "issuedAt"));
    }

    public static StoredApiKey of(ApiKey key, AdvertiserId advertiserId, Instant issuedAt) {
        return new StoredApiKey(key.keyId(), advertiserId, key.sha256(), issuedAt);
    }
}
