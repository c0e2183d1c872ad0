package io.promo.domain.traffic;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * The keyed hashes promo stores instead of a viewer's ip address, user agent and anonymous fingerprint (I9):
 * HMAC-SHA256 under the deployment's hash secret, 128 bits in hex. Equal inputs give equal hashes, so
 * duplicate and burst checks still work; without the secret nobody can test a guessed ip against a
 * stored hash (a plain SHA-256 of the 2^32 IPv4 addresses is reversed in minutes). Each kind of value
 * is hashed under its own label, so an ip and a user agent that happen to be equal hash differently.
 */
public final class ClientHasher {

    private static final int BYTES = 16;

    private final Hmac hmac;

    public ClientHasher(byte[] hashSecret) {
        if (hashSecret == null || hashSecret.length < SigningKey.MIN_SECRET_BYTES) {
            throw new IllegalArgumentException("a hash secret has at least " + SigningKey.MIN_SECRET_BYTES + " bytes");
        }
        this.hmac = new Hmac(hashSecret);
    }

    public String ip(String ip) {
        return hash("ip", ip == null ? "" : ip.trim());
    }

    public String userAgent(String userAgent) {
        return hash("ua", userAgent == null ? "" : userAgent);
    }

    /** The search service already sends a fingerprint hash; it is keyed again so ours cannot be joined with theirs. */
    public String fingerprint(String fingerprintHash) {
        return hash("fp", fingerprintHash == null ? "" : fingerprintHash);
    }

    /** What a conversion named (a click, or a viewer key and an entity), so that a replay naming another is told apart. */
    public String conversionSubject(String subject) {
        return hash("cs", subject == null ? "" : subject);
    }

    private String hash(String label, String value) {
        byte[] mac = hmac.sign((label + '\u0000' + value).getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(mac, 0, BYTES);
    }
}
