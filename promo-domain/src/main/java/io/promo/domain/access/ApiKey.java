package io.promo.domain.access;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An advertiser's API key as handed out once: {@code pak_<key id>.<secret>}. The key id (80 random bits)
 * finds the stored row; the secret (256 random bits) is what proves possession. Only
 * {@link #sha256()} of the whole key is ever stored, and it is compared in constant time.
 */
public final class ApiKey {

    private static final Pattern FORM = Pattern.compile("pak_([0-9a-z]{16})\\.([A-Za-z0-9_-]{43})");
    private static final char[] KEY_ID_ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz".toCharArray();
    private static final int SECRET_BYTES = 32;

    private final String keyId;
    private final String value;

    private ApiKey(String keyId, String value) {
        this.keyId = keyId;
        this.value = value;
    }

    /** A new key from {@code random} (a {@link SecureRandom} in production). */
    public static ApiKey generate(SecureRandom random) {
        StringBuilder keyId = new StringBuilder(16);
        for (int i = 0; i < 16; i++) {
            keyId.append(KEY_ID_ALPHABET[random.nextInt(KEY_ID_ALPHABET.length)]);
        }
        byte[] secret = new byte[SECRET_BYTES];
        random.nextBytes(secret);
        String id = keyId.toString();
        return new ApiKey(id, "pak_" + id + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(secret));
    }

    /** The key a caller presented, if it has the form of one; says nothing about whether it is valid. */
    public static Optional<ApiKey> parse(String presented) {
        if (presented == null) {
            return Optional.empty();
        }
        Matcher matcher = FORM.matcher(presented);
        return matcher.matches() ? Optional.of(new ApiKey(matcher.group(1), presented)) : Optional.empty();
    }

    /** True when {@code presented} has the form of an advertiser key (and so is neither an admin nor a service key). */
    public static boolean looksLikeOne(String presented) {
        return presented != null && FORM.matcher(presented).matches();
    }

    public String keyId() {
        return keyId;
    }

    /** The full key, to hand to the advertiser once; never log or store it. */
    public String reveal() {
        return value;
    }

    /** What is stored: SHA-256 of the whole key, in hex. A plain hash suffices: the key has 256 random bits. */
    public String sha256() {
        return sha256Hex(value);
    }

    /** SHA-256 of {@code text} (UTF-8), in lower-case hex. */
    public static String sha256Hex(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** Compares two hashes in time that does not depend on where they differ. */
    public static boolean sameHash(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.US_ASCII), b.getBytes(StandardCharsets.US_ASCII));
    }

    @Override
    public String toString() {
        return "ApiKey[" + keyId + ", secret hidden]";
    }
}
