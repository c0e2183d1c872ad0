package io.promo.domain.traffic;

import io.promo.domain.serving.memory.MemorySeal;
import io.promo.domain.shared.CampaignId;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The keyed functions of viewer-memory tokens (ADR 0034): their MAC under the click tokens' signing keys, so the two
 * rotate together (the newest key seals; every key still accepted verifies), and campaign hashes under the
 * deployment's hash secret.
 *
 * <p>The MAC is two SipHash-2-4 tags under two 128-bit keys derived from the signing key (HMAC-SHA256 of a label,
 * once per key): 128 bits, at a tenth of an HMAC's cost on the decision path, which reads and writes a token per
 * search. The labels are the memory token's own, so these keys never sign a click token, and a memory token's MAC
 * input starts with {@code m1.}, a click token's with {@code v1.} or {@code v2.}: one can never pass for the other.
 */
public final class MemoryTokenSeal implements MemorySeal {

    private static final int MAC_BYTES = 16;
    /** Campaign ids hashed so far: the index is rebuilt every second, and the same campaigns come back every time. */
    private static final int MAX_CACHED = 1 << 20;

    /** Per key, two SipHash-2-4 under keys derived from it. */
    private final KeyRing<SipHash[]> keys;
    private final Hmac campaignHasher;
    private final Clock clock;
    private final Map<String, Integer> campaignHashes = new ConcurrentHashMap<>();

    /**
     * @param keys       the click tokens' keys, the newest first
     * @param hashSecret the deployment's hash secret ({@code PROMO_HASH_SECRET})
     */
    public MemoryTokenSeal(List<SigningKey> keys, byte[] hashSecret, Clock clock) {
        if (hashSecret == null || hashSecret.length < SigningKey.MIN_SECRET_BYTES) {
            throw new IllegalArgumentException("a hash secret has at least " + SigningKey.MIN_SECRET_BYTES + " bytes");
        }
        this.keys = new KeyRing<>(keys, key -> {
            Hmac derive = new Hmac(key.secret());
            return new SipHash[] {
                new SipHash(Arrays.copyOf(derive.sign(ascii("promo memory token mac 1")), 16)),
                new SipHash(Arrays.copyOf(derive.sign(ascii("promo memory token mac 2")), 16))};
        });
        this.campaignHasher = new Hmac(hashSecret);
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public String signingKeyId() {
        return keys.signingKeyId();
    }

    @Override
    public byte[] mac(String keyId, byte[] message) {
        SipHash[] sips = keys.verifierAt(keyId, clock.instant());
        if (sips == null) {
            return null;
        }
        byte[] tag = new byte[MAC_BYTES];
        put(tag, 0, sips[0].hash(message, 0, message.length));
        put(tag, 8, sips[1].hash(message, 0, message.length));
        return tag;
    }

    private static void put(byte[] out, int at, long value) {
        for (int i = 0; i < 8; i++) {
            out[at + i] = (byte) (value >>> (56 - 8 * i));
        }
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
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
