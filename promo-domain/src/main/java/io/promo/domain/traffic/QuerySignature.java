package io.promo.domain.traffic;

import io.promo.domain.shared.TextNormalizer;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * The normalized query's keyed signature ({@code query_hash}): equal for "Wedding  Photographer" and
 * "wedding photographer", useless for recovering either without the deployment's hash secret.
 * 128 bits of HMAC-SHA256, in hex.
 */
public final class QuerySignature {

    private static final int BYTES = 16;

    private final Hmac hmac;

    public QuerySignature(byte[] hashSecret) {
        if (hashSecret.length < SigningKey.MIN_SECRET_BYTES) {
            throw new IllegalArgumentException("a hash secret has at least " + SigningKey.MIN_SECRET_BYTES + " bytes");
        }
        this.hmac = new Hmac(hashSecret);
    }

    public String of(String query) {
        byte[] mac = hmac.sign(TextNormalizer.normalize(query == null ? "" : query).getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(mac, 0, BYTES);
    }
}
