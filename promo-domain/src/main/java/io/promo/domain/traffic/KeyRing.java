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
    private final Map<String, SigningKey> keys = new HashMap<>();
    private final Map<String, M> macs = new HashMap<>();

    /** @param keys the newest first; none may share a key id */
    KeyRing(List<SigningKey> keys, Function<SigningKey, M> macOf) {
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("at least one signing key");
        }
        for (SigningKey key : keys) {
            if (this.keys.put(key.keyId(), key) != null) {
                throw new IllegalArgumentException("two signing keys named " + key.keyId());
            }
            macs.put(key.keyId(), macOf.apply(key));
        }
        this.signingKeyId = keys.get(0).keyId();
        this.signingMac = macs.get(signingKeyId);
    }

    String signingKeyId() {
        return signingKeyId;
    }

    M signingMac() {
        return signingMac;
    }

    /** The MAC of the key named {@code keyId} if that key verifies at {@code now}; null if it is unknown or retired. */
    M verifierAt(String keyId, Instant now) {
        SigningKey key = keys.get(keyId);
        return key == null || !key.acceptsAt(now) ? null : macs.get(keyId);
    }
}
