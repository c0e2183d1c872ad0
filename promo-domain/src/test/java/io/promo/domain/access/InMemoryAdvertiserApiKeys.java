package io.promo.domain.access;

import io.promo.domain.shared.AdvertiserId;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Fake for fast domain tests; {@link AdvertiserApiKeysContract} keeps it honest. */
public final class InMemoryAdvertiserApiKeys implements AdvertiserApiKeys {

    private final Map<AdvertiserId, StoredApiKey> byAdvertiser = new HashMap<>();

    @Override
    public synchronized void replace(StoredApiKey key) {
        byAdvertiser.put(key.advertiserId(), key);
    }

    @Override
    public synchronized Optional<StoredApiKey> findByKeyId(String keyId) {
        return byAdvertiser.values().stream().filter(key -> key.keyId().equals(keyId)).findFirst();
    }
}
