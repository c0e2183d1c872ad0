package io.promo.domain.access;

import io.promo.domain.shared.AdvertiserId;
import java.util.Optional;

/**
 * Use case: which advertiser, if any, a presented API key belongs to. The key id finds the stored row; the
 * hashes are then compared in constant time, so the answer's timing tells nothing about the secret.
 */
public final class AuthenticateAdvertiser {

    private final AdvertiserApiKeys keys;

    public AuthenticateAdvertiser(AdvertiserApiKeys keys) {
        this.keys = keys;
    }

    public Optional<AdvertiserId> authenticate(String presented) {
        Optional<ApiKey> key = ApiKey.parse(presented);
        if (key.isEmpty()) {
            return Optional.empty();
        }
        String presentedHash = key.get().sha256();
        return keys.findByKeyId(key.get().keyId())
                .filter(stored -> ApiKey.sameHash(stored.sha256(), presentedHash))
                .map(StoredApiKey::advertiserId);
    }
}
