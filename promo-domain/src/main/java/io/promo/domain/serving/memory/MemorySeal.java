package io.promo.domain.serving.memory;

import io.promo.domain.shared.CampaignId;

/**
 * Out port: the keyed functions a viewer-memory token needs. The traffic package answers it
 * ({@code io.promo.domain.traffic.MemoryTokenSeal}) with the click tokens' signing keys (so they rotate together) and
 * the deployment's hash secret.
 */
public interface MemorySeal {

    /** The key new tokens are sealed with. */
    String signingKeyId();

    /**
     * A 16-byte MAC of {@code message} under key {@code keyId} (a keyed PRF: {@code traffic.MemoryTokenSeal} uses two
     * SipHash-2-4), or null when that key is unknown or retired.
     */
    byte[] mac(String keyId, byte[] message);

    /**
     * A keyed 32-bit hash of a campaign id: what a token holds instead of the id, so that a token shows nobody which
     * campaigns a viewer saw, and cannot be made to name a campaign without the secret.
     */
    int campaignHash(CampaignId campaign);
}
