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
    private static final byte[] IP = label("ip");
    private static final byte[] UA = label("ua");
    private static final byte[] FP = label("fp");
    private static final byte[] CS = label("cs");

    private final Hmac hmac;

    public ClientHasher(byte[] hashSecret) {
        if (hashSecret == null || hashSecret.length < SigningKey.MIN_SECRET_BYTES) {
            throw new IllegalArgumentException("a hash secret has at least " + SigningKey.MIN_SECRET_BYTES + " bytes");
        }
        this.hmac = new Hmac(hashSecret);
    }

    public String ip(String ip) {
        return hash(IP, ip == null ? "" : ip.trim());
    }

    public String userAgent(String userAgent) {
        return hash(UA, userAgent == null ? "" : userAgent);
    }

    /** The search service already sends a fingerprint hash; it is keyed again so ours cannot be joined with theirs. */
    public String fingerprint(String fingerprintHash) {
        return hash(FP, fingerprintHash == null ? "" : fingerprintHash);
    }

    /** What a conversion named (a click, or a viewer key and an entity), so that a replay naming another is told apart. */
    public String conversionSubject(String subject) {
        return hash(CS, subject == null ? "" : subject);
    }

    private String hash(byte[] label, String value) {
        byte[] mac = hmac.sign(label, value.getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(mac, 0, BYTES);
    }

    /** The MAC input's start for one kind of value: its label and a NUL (no label contains one). */
    private static byte[] label(String label) {
        return (label + '\u0000').getBytes(StandardCharsets.UTF_8);
    }
}
