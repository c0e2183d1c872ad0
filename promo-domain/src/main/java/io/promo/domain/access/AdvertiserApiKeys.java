package io.promo.domain.access;

import io.promo.domain.shared.AdvertiserId;
import java.util.Optional;

/** Out port: each advertiser's current API key, stored as a hash. An advertiser has at most one key. */
public interface AdvertiserApiKeys {

    /** Stores {@code key} as its advertiser's key, replacing (and so revoking) any earlier one. */
    void replace(StoredApiKey key);

    Optional<StoredApiKey> findByKeyId(String keyId);
}
