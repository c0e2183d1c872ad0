package io.promo.billing;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks Stripe's {@code Stripe-Signature} header against the raw request body, before anything reads
 * the body: {@code t=<unix seconds>,v1=<hex HMAC-SHA256(secret, t + "." + body)>[,v1=…]}, Stripe's v1
 * scheme (the same one stripe-java's {@code Webhook.Signature} checks).
 *
 * <p>Written here rather than delegated to stripe-java for three reasons: the clock is injectable for
 * tests, a timestamp too far in the future is refused as well as one too old, and a malformed header is
 * an answer rather than a runtime exception. Signatures are compared in constant time. Several secrets
 * are accepted at once, so an endpoint's secret can be rotated (Stripe signs with both during the
 * overlap it is told to keep).
 */
public final class StripeWebhookVerifier {

    /** Stripe's default: a signed request older than 5 minutes is refused (replay protection). */
    public static final Duration DEFAULT_TOLERANCE = Duration.ofSeconds(300);

    private final List<byte[]> secrets;
    private final Duration tolerance;
    private final Clock clock;

    public StripeWebhookVerifier(List<String> secrets, Duration tolerance, Clock clock) {
        Objects.requireNonNull(tolerance, "tolerance");
        Objects.requireNonNull(clock, "clock");
        if (secrets.isEmpty()) {
            throw new IllegalArgumentException("a webhook verifier needs at least one signing secret");
        }
        this.secrets = secrets.stream().map(s -> {
            if (s == null || s.isBlank()) {
                throw new IllegalArgumentException("a webhook signing secret is blank");
            }
            return s.getBytes(StandardCharsets.UTF_8);
        }).toList();
        this.tolerance = tolerance;
        this.clock = clock;
    }

    /** Empty when {@code rawBody} is what Stripe signed, recently; otherwise why it is refused. */
    public Optional<String> refusal(byte[] rawBody, String signatureHeader) {
        if (signatureHeader == null || signatureHeader.isBlank()) {
            return Optional.of("no Stripe-Signature header");
        }
        Long timestamp = null;
        List<byte[]> signatures = new ArrayList<>();
        for (String item : signatureHeader.split(",")) {
            int eq = item.indexOf('=');
            if (eq <= 0) {
                continue;
            }
            String name = item.substring(0, eq).trim();
            String value = item.substring(eq + 1).trim();
            if (name.equals("t")) {
                try {
                    timestamp = Long.parseLong(value);
                } catch (NumberFormatException e) {
                    return Optional.of("the Stripe-Signature timestamp is not a number");
                }
            } else if (name.equals("v1")) {
                decodeHex(value).ifPresent(signatures::add);
            }
        }
        if (timestamp == null) {
            return Optional.of("the Stripe-Signature header has no timestamp");
        }
        if (signatures.isEmpty()) {
            return Optional.of("the Stripe-Signature header has no v1 signature");
        }
        if (!signedByAnySecret(timestamp, rawBody, signatures)) {
            return Optional.of("no signature matches the body with any configured secret");
        }
        long age = clock.instant().getEpochSecond() - timestamp;
        if (Math.abs(age) > tolerance.toSeconds()) {
            return Optional.of("the signature's timestamp is " + Math.abs(age) + " s " + (age > 0 ? "old" : "in the future")
                    + ", more than the " + tolerance.toSeconds() + " s tolerated");
        }
        return Optional.empty();
    }

    private boolean signedByAnySecret(long timestamp, byte[] body, List<byte[]> signatures) {
        byte[] prefix = (timestamp + ".").getBytes(StandardCharsets.UTF_8);
        boolean found = false;
        for (byte[] secret : secrets) {
            byte[] expected = hmac(secret, prefix, body);
            for (byte[] signature : signatures) {
                // No early exit: the time taken does not tell which secret or signature matched.
                found |= MessageDigest.isEqual(expected, signature);
            }
        }
        return found;
    }

    private static byte[] hmac(byte[] secret, byte[] prefix, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            mac.update(prefix);
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    private static Optional<byte[]> decodeHex(String value) {
        try {
            return Optional.of(HexFormat.of().parseHex(value));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
