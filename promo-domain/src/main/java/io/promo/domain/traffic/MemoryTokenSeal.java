package io.promo.domain.traffic;

import io.promo.domain.serving.memory.MemorySeal;
import io.promo.domain.shared.CampaignId;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The keyed functions of viewer-memory tokens (ADR 0034): their MAC under the click tokens' signing keys, so the two
 * rotate together (the newest key seals; every key still accepted verifies), and campaign hashes under the
 * deployment's hash secret. A memory token's MAC input starts with {@code m1.}, a click token's with {@code v1.} or
 * {@code v2.}: one can never pass for the other.
 */
public final class MemoryTokenSeal implements MemorySeal {

    private static final int MAC_BYTES = 16;
    /** Campaign ids hashed so far: the index is rebuilt every second, and the same campaigns come back every time. */
    private static final int MAX_CACHED = 1 << 20;

    private final String signingKeyId;
    private final Map<String, SigningKey> keys = new LinkedHashMap<>();
    private final Map<String, Hmac> macs = new LinkedHashMap<>();
    private final Hmac campaignHasher;
    private final Clock clock;
    private final Map<String, Integer> campaignHashes = new ConcurrentHashMap<>();

    /**
     * @param keys       the click tokens' keys, the newest first
     * @param hashSecret the deployment's hash secret ({@code PROMO_HASH_SECRET})
     */
    public MemoryTokenSeal(List<SigningKey> keys, byte[] hashSecret, Clock clock) {
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("at least one signing key");
        }
        if (hashSecret == null || hashSecret.length < SigningKey.MIN_SECRET_BYTES) {
            throw new IllegalArgumentException("a hash secret has at least " + SigningKey.MIN_SECRET_BYTES + " bytes");
        }
        this.signingKeyId = keys.get(0).keyId();
        for (SigningKey key : keys) {
            this.keys.put(key.keyId(), key);
            this.macs.put(key.keyId(), new Hmac(key.secret()));
        }
        this.campaignHasher = new Hmac(hashSecret);
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public String signingKeyId() {
        return signingKeyId;
    }

    @Override
    public byte[] mac(String keyId, byte[] message) {
        SigningKey key = keys.get(keyId);
        if (key == null || !key.acceptsAt(clock.instant())) {
            return null;
        }
        return Arrays.copyOf(macs.get(keyId).sign(message), MAC_BYTES);
    }

    @Override
    public int campaignHash(CampaignId campaign) {
        Integer known = campaignHashes.get(campaign.value());
        if (known != null) {
            return known;
        }
        byte[] mac = campaignHasher.sign(("mc\u0000" + campaign.value()).getBytes(StandardCharsets.UTF_8));
        int hash = (mac[0] & 0xFF) << 24 | (mac[1] & 0xFF) << 16 | (mac[2] & 0xFF) << 8 | mac[3] & 0xFF;
        if (campaignHashes.size() >= MAX_CACHED) {
            campaignHashes.clear();
        }
        campaignHashes.put(campaign.value(), hash);
        return hash;
    }
}
