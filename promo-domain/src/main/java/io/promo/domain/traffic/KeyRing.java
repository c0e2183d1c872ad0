package io.promo.domain.traffic;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The rule of key rotation, for every token promo signs (click tokens, viewer-memory tokens): the deployment's signing
 * keys, newest first, each with the MAC made from it; the first key signs, and every key verifies while it is still
 * accepted ({@link SigningKey#acceptsAt}), so a key rotates without breaking the tokens already on screens.
 *
 * @param <M> what a key signs and verifies with ({@link Hmac}, a pair of {@link SipHash}, …), made once per key
 */
final class KeyRing<M> {

    private final String signingKeyId;
    private final M signingMac;
    private final Map<String, Keyed<M>> byId = new HashMap<>();

    /** A key and the MAC made from it. */
    private record Keyed<M>(SigningKey key, M mac) {
    }

    /** @param keys the newest first; none may share a key id */
    KeyRing(List<SigningKey> keys, Function<SigningKey, M> macOf) {
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("at least one signing key");
        }
        for (SigningKey key : keys) {
            if (byId.put(key.keyId(), new Keyed<>(key, macOf.apply(key))) != null) {
                throw new IllegalArgumentException("two signing keys named " + key.keyId());
            }
        }
        this.signingKeyId = keys.get(0).keyId();
        this.signingMac = byId.get(signingKeyId).mac();
    }

    String signingKeyId() {
        return signingKeyId;
    }

    M signingMac() {
        return signingMac;
    }

    /** The MAC of the key named {@code keyId} if that key verifies at {@code now}; null if it is unknown or retired. */
    M verifierAt(String keyId, Instant now) {
        Keyed<M> keyed = byId.get(keyId);
        return keyed == null || !keyed.key().acceptsAt(now) ? null : keyed.mac();
    }
}
