package io.promo.domain.traffic;

import io.promo.domain.shared.Base64Url;
import io.promo.domain.shared.CampaignId;
import io.promo.domain.shared.CityCode;
import io.promo.domain.shared.EventId;
import io.promo.domain.shared.IdPrefix;
import io.promo.domain.shared.Money;
import io.promo.domain.shared.RoleCode;
import io.promo.domain.shared.Surface;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Signs and verifies click tokens: compact, URL-safe, HMAC-SHA256, validated without a lookup.
 *
 * <p>A token reads {@code v2.<key id>.<payload>.<signature>}: the payload is the claims joined by
 * {@code ~} in base64url, the signature an HMAC-SHA256 over {@code v2.<key id>.<payload>}, also
 * base64url. A {@code v1} token, signed before tokens carried the bid, has one claim fewer and still
 * verifies: its bid reads as its price (no savings), so links on screens during an upgrade still bill.
 * Tokens are signed with the first key; every key still accepted verifies ({@link KeyRing}), so a key can rotate
 * without breaking the links already on screens. A token lives {@link #DEFAULT_LIFETIME} unless
 * configured otherwise. Verification never throws on bad input: it says why.
 */
public final class ClickTokenSigner {

    public static final Duration DEFAULT_LIFETIME = Duration.ofMinutes(30);
    /** A served-at this far ahead of our clock is tolerated as skew between app nodes. */
    public static final Duration CLOCK_SKEW = Duration.ofMinutes(1);
    /** Real tokens are ~250 characters; anything much longer is not worth decoding. */
    public static final int MAX_TOKEN_LENGTH = 1_024;

    private static final String VERSION = "v2";
    /** Tokens before the bid: 8 claims, the bid left out. */
    private static final String VERSION_WITHOUT_BID = "v1";
    private static final char SEPARATOR = '~';

    /** {@code v2.<key id>.}: what every token this signer writes starts with, and its MAC input too. */
    private final byte[] signingPrefix;
    private final KeyRing<Hmac> keys;
    private final Duration lifetime;
    private final Clock clock;

    /**
     * @param keys the newest key first: it signs; all of them verify while {@link SigningKey#acceptsAt} holds
     */
    public ClickTokenSigner(List<SigningKey> keys, Duration lifetime, Clock clock) {
        this.keys = new KeyRing<>(keys, key -> new Hmac(key.secret()));
        if (lifetime.isNegative() || lifetime.isZero()) {
            throw new IllegalArgumentException("a token lifetime is positive: " + lifetime);
        }
        this.signingPrefix = ascii(VERSION + "." + this.keys.signingKeyId() + ".");
        this.lifetime = lifetime;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public String sign(ClickClaims claims) {
        // One builder for the claims (ASCII ids, codes and numbers) and one array for the token: the signer runs for
        // every sponsored result of every page, and the strings of a join and four concatenations showed in its profile.
        StringBuilder payload = new StringBuilder(256)
                .append(claims.impressionId().value()).append(SEPARATOR)
                .append(claims.campaignId().value()).append(SEPARATOR)
                .append(claims.cpc().cents()).append(SEPARATOR)
                .append(claims.bid().cents()).append(SEPARATOR)
                .append(claims.servedAt().toEpochMilli()).append(SEPARATOR)
                .append(claims.surface().code()).append(SEPARATOR)
                .append(claims.city().value()).append(SEPARATOR);
        if (claims.role().isPresent()) {
            payload.append(claims.role().get().value());
        }
        payload.append(SEPARATOR).append(claims.querySignature());
        byte[] encoded = Base64Url.ENCODER.encode(ascii(payload.toString()));
        byte[] signature = Base64Url.ENCODER.encode(keys.signingMac().sign(signingPrefix, encoded));
        byte[] token = Arrays.copyOf(signingPrefix, signingPrefix.length + encoded.length + 1 + signature.length);
        System.arraycopy(encoded, 0, token, signingPrefix.length, encoded.length);
        token[signingPrefix.length + encoded.length] = '.';
        System.arraycopy(signature, 0, token, signingPrefix.length + encoded.length + 1, signature.length);
        return new String(token, StandardCharsets.US_ASCII);
    }

    public TokenVerification verify(String token) {
        return check(token, true);
    }

    /**
     * The claims of a token we signed, whatever its age: for logging an expired click under the campaign and
     * impression it really came from. Empty for anything a key of ours did not sign.
     */
    public Optional<ClickClaims> authenticClaims(String token) {
        return check(token, false) instanceof TokenVerification.Valid valid ? Optional.of(valid.claims()) : Optional.empty();
    }

    private TokenVerification check(String token, boolean checkTime) {
        if (token == null || token.isEmpty() || token.length() > MAX_TOKEN_LENGTH) {
            return rejected(TokenRejection.MALFORMED);
        }
        String[] parts = token.split("\\.", -1);
        if (parts.length != 4 || !VERSION.equals(parts[0]) && !VERSION_WITHOUT_BID.equals(parts[0])) {
            return rejected(TokenRejection.MALFORMED);
        }
        Instant now = clock.instant();
        Hmac mac = keys.verifierAt(parts[1], now);
        if (mac == null) {
            return rejected(TokenRejection.UNKNOWN_KEY);
        }
        byte[] signature = Base64Url.decodeCanonical(parts[3]);
        if (signature == null) {
            // Bytes in another spelling than the one we wrote are not our signature; no base64 at all is no token.
            return rejected(Base64Url.decodesLeniently(parts[3]) ? TokenRejection.BAD_SIGNATURE : TokenRejection.MALFORMED);
        }
        byte[] expected = mac.sign(ascii(parts[0] + "." + parts[1] + "." + parts[2]));
        if (!MessageDigest.isEqual(expected, signature)) {
            return rejected(TokenRejection.BAD_SIGNATURE);
        }
        Optional<ClickClaims> claims = Optional.ofNullable(Base64Url.decodeCanonical(parts[2])).flatMap(payload -> parseClaims(payload, VERSION.equals(parts[0])));
        if (claims.isEmpty()) {
            return rejected(TokenRejection.MALFORMED);
        }
        Instant servedAt = claims.get().servedAt();
        if (!checkTime) {
            return new TokenVerification.Valid(claims.get(), parts[1]);
        }
        if (servedAt.isAfter(now.plus(CLOCK_SKEW))) {
            return rejected(TokenRejection.NOT_YET_VALID);
        }
        if (servedAt.plus(lifetime).isBefore(now)) {
            return rejected(TokenRejection.EXPIRED);
        }
        return new TokenVerification.Valid(claims.get(), parts[1]);
    }

    /** Our own, correctly signed payload should always parse; anything else is treated as malformed. */
    private static Optional<ClickClaims> parseClaims(byte[] payloadBytes, boolean withBid) {
        String[] read = new String(payloadBytes, StandardCharsets.US_ASCII).split(String.valueOf(SEPARATOR), -1);
        if (read.length != (withBid ? 9 : 8)) {
            return Optional.empty();
        }
        // A v1 payload lacks the bid after the price: read the price in its place.
        String[] fields = withBid ? read : new String[] {read[0], read[1], read[2], read[2], read[3], read[4], read[5],
            read[6], read[7]};
        if (!IdPrefix.EVENT.matches(fields[0])
                || !IdPrefix.CAMPAIGN.matches(fields[1])) {
            return Optional.empty();
        }
        try {
            return Optional.of(new ClickClaims(
                    new EventId(fields[0]),
                    new CampaignId(fields[1]),
                    Money.ofCents(Long.parseLong(fields[2])),
                    Money.ofCents(Long.parseLong(fields[3])),
                    Instant.ofEpochMilli(Long.parseLong(fields[4])),
                    Surface.parse("surface", fields[5]),
                    new CityCode(fields[6]),
                    fields[7].isEmpty() ? Optional.empty() : Optional.of(new RoleCode(fields[7])),
                    fields[8]));
        } catch (RuntimeException unparseable) {
            return Optional.empty();
        }
    }

    private static TokenVerification rejected(TokenRejection reason) {
        return new TokenVerification.Rejected(reason);
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
