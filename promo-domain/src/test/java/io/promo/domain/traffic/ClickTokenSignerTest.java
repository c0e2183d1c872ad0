package io.promo.domain.traffic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.promo.domain.shared.CampaignId;
import io.promo.domain.shared.CityCode;
import io.promo.domain.shared.EventId;
import io.promo.domain.shared.Money;
import io.promo.domain.shared.RoleCode;
import io.promo.domain.shared.Surface;
import io.promo.domain.testing.MutableClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ClickTokenSignerTest {

    private static final byte[] SECRET_A = "a-secret-of-at-least-thirty-two-bytes!!".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SECRET_B = "another-secret-of-at-least-32-bytes....".getBytes(StandardCharsets.US_ASCII);

    private final MutableClock clock = MutableClock.at("2026-11-27T12:00:00Z");
    private final ClickTokenSigner signer =
            new ClickTokenSigner(List.of(SigningKey.active("k1", SECRET_A)), Duration.ofMinutes(30), clock);
    private final ClickClaims claims = new ClickClaims(new EventId("pevt_01impression"), new CampaignId("pcmp_01campaign"),
            Money.ofCents(75), clock.instant(), Surface.PEOPLE_SEARCH, new CityCode("berlin"),
            Optional.of(new RoleCode("photographer")), "0123456789abcdef0123456789abcdef");

    @Test
    void a_signed_token_verifies_to_the_claims_it_carries() {
        String token = signer.sign(claims);

        assertThat(token).matches("v2\\.k1\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+").hasSizeLessThan(300);
        assertThat(signer.verify(token)).isEqualTo(new TokenVerification.Valid(claims, "k1"));
    }

    /**
     * The wire format, spelt out with the JDK's own HMAC: links already on screens must keep verifying whatever the
     * signer's code becomes, and other nodes of another build must read what this one signs.
     */
    @Test
    void a_token_is_the_documented_wire_format() throws Exception {
        ClickClaims withoutRole = new ClickClaims(claims.impressionId(), claims.campaignId(), Money.ofCents(26),
                Money.ofCents(70), claims.servedAt(), Surface.STUDIO_SEARCH, claims.city(), Optional.empty(),
                claims.querySignature());
        long servedAt = clock.instant().toEpochMilli();

        assertThat(signer.sign(claims)).isEqualTo(reference("pevt_01impression~pcmp_01campaign~75~75~" + servedAt
                + "~people_search~berlin~photographer~0123456789abcdef0123456789abcdef"));
        assertThat(signer.sign(withoutRole)).isEqualTo(reference("pevt_01impression~pcmp_01campaign~26~70~" + servedAt
                + "~studio_search~berlin~~0123456789abcdef0123456789abcdef"));
    }

    private static String reference(String claims) throws Exception {
        Base64.Encoder base64url = Base64.getUrlEncoder().withoutPadding();
        String signed = "v2.k1." + base64url.encodeToString(claims.getBytes(StandardCharsets.US_ASCII));
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec(SECRET_A, "HmacSHA256"));
        return signed + "." + base64url.encodeToString(mac.doFinal(signed.getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void a_token_carries_the_bid_beside_the_price() {
        ClickClaims cleared = new ClickClaims(claims.impressionId(), claims.campaignId(), Money.ofCents(26),
                Money.ofCents(70), claims.servedAt(), claims.surface(), claims.city(), claims.role(), claims.querySignature());

        TokenVerification verified = signer.verify(signer.sign(cleared));

        assertThat(verified).isEqualTo(new TokenVerification.Valid(cleared, "k1"));
        assertThat(((TokenVerification.Valid) verified).claims().bid()).isEqualTo(Money.ofCents(70));
    }

    /** Links on screens while a deployment upgrades were signed without the bid: they still bill, bidding their price. */
    @Test
    void a_v1_token_signed_before_tokens_carried_the_bid_verifies_with_its_price_as_its_bid() {
        Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
        String payload = String.join("~", "pevt_01impression", "pcmp_01campaign", "26",
                Long.toString(clock.instant().toEpochMilli()), "people_search", "berlin", "", "0123456789abcdef");
        String signed = "v1.k1." + base64.encodeToString(payload.getBytes(StandardCharsets.US_ASCII));
        String token = signed + "." + base64.encodeToString(new Hmac(SECRET_A).sign(signed.getBytes(StandardCharsets.US_ASCII)));

        TokenVerification verified = signer.verify(token);

        assertThat(verified).isInstanceOf(TokenVerification.Valid.class);
        ClickClaims old = ((TokenVerification.Valid) verified).claims();
        assertThat(old.cpc()).isEqualTo(Money.ofCents(26));
        assertThat(old.bid()).as("no bid in a v1 token: the price stands for it, so it saved nothing").isEqualTo(Money.ofCents(26));
        assertThat(signer.verify(signed.replaceFirst("^v1", "v2") + token.substring(signed.length())))
                .as("the version is signed: a v1 payload relabelled v2 fails").isInstanceOf(TokenVerification.Rejected.class);
    }

    @Test
    void claims_never_carry_a_price_above_their_bid() {
        assertThatThrownBy(() -> new ClickClaims(claims.impressionId(), claims.campaignId(), Money.ofCents(71),
                Money.ofCents(70), claims.servedAt(), claims.surface(), claims.city(), claims.role(), claims.querySignature()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bid");
    }

    @Test
    void a_token_without_a_role_round_trips_too() {
        ClickClaims studio = new ClickClaims(claims.impressionId(), claims.campaignId(), claims.cpc(), claims.servedAt(),
                Surface.STUDIO_SEARCH, claims.city(), Optional.empty(), claims.querySignature());

        assertThat(signer.verify(signer.sign(studio))).isEqualTo(new TokenVerification.Valid(studio, "k1"));
    }

    @Test
    void a_tampered_payload_fails_its_signature() {
        String token = signer.sign(claims);
        String[] parts = token.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[2]), StandardCharsets.US_ASCII);
        String cheaper = payload.replace("~75~", "~1~");
        String tampered = parts[0] + "." + parts[1] + "."
                + Base64.getUrlEncoder().withoutPadding().encodeToString(cheaper.getBytes(StandardCharsets.US_ASCII))
                + "." + parts[3];

        assertThat(signer.verify(tampered)).isEqualTo(new TokenVerification.Rejected(TokenRejection.BAD_SIGNATURE));
    }

    @Test
    void a_token_forged_with_another_secret_is_rejected() {
        ClickTokenSigner forger = new ClickTokenSigner(List.of(SigningKey.active("k1", SECRET_B)), Duration.ofMinutes(30), clock);

        assertThat(signer.verify(forger.sign(claims))).isEqualTo(new TokenVerification.Rejected(TokenRejection.BAD_SIGNATURE));
    }

    @Test
    void a_token_older_than_its_lifetime_has_expired() {
        String token = signer.sign(claims);

        clock.advance(Duration.ofMinutes(30));
        assertThat(signer.verify(token)).isInstanceOf(TokenVerification.Valid.class);
        clock.advance(Duration.ofMillis(1));
        assertThat(signer.verify(token)).isEqualTo(new TokenVerification.Rejected(TokenRejection.EXPIRED));
    }

    @Test
    void a_token_served_in_the_future_is_not_yet_valid() {
        ClickClaims future = new ClickClaims(claims.impressionId(), claims.campaignId(), claims.cpc(),
                clock.instant().plus(Duration.ofMinutes(5)), claims.surface(), claims.city(), claims.role(),
                claims.querySignature());

        assertThat(signer.verify(signer.sign(future))).isEqualTo(new TokenVerification.Rejected(TokenRejection.NOT_YET_VALID));
    }

    @Test
    void after_a_rotation_old_tokens_verify_until_their_key_is_retired_and_new_ones_use_the_new_key() {
        String oldToken = signer.sign(claims);
        Instant retirement = clock.instant().plus(Duration.ofMinutes(10));
        ClickTokenSigner rotated = new ClickTokenSigner(List.of(SigningKey.active("k2", SECRET_B),
                new SigningKey("k1", SECRET_A, Optional.of(retirement))), Duration.ofMinutes(30), clock);

        assertThat(rotated.sign(claims)).startsWith("v2.k2.");
        assertThat(rotated.verify(oldToken)).isEqualTo(new TokenVerification.Valid(claims, "k1"));
        clock.set(retirement);
        assertThat(rotated.verify(oldToken)).isEqualTo(new TokenVerification.Rejected(TokenRejection.UNKNOWN_KEY));
    }

    @Test
    void a_token_naming_an_unknown_key_is_rejected() {
        String token = signer.sign(claims).replaceFirst("^v2\\.k1\\.", "v2.k9.");

        assertThat(signer.verify(token)).isEqualTo(new TokenVerification.Rejected(TokenRejection.UNKNOWN_KEY));
    }

    @Test
    void garbage_truncated_and_oversize_tokens_are_malformed_and_never_throw() {
        String token = signer.sign(claims);
        for (String bad : new String[] {null, "", "hello", "v1.k1", "v3" + token.substring(2), token + ".x",
                token.substring(0, token.length() - 10) + "!!!!!!!!!!", "v1.k1.%%%.%%%", "x".repeat(5_000)}) {
            TokenVerification verification = signer.verify(bad);
            assertThat(verification).as("token %s", bad).isInstanceOf(TokenVerification.Rejected.class);
        }
        assertThat(signer.verify(token.substring(0, token.length() - 3)))
                .isEqualTo(new TokenVerification.Rejected(TokenRejection.BAD_SIGNATURE));
    }

    @Test
    void random_mutations_of_a_token_are_always_rejected() {
        long seed = Long.getLong("click.token.seed", System.nanoTime());
        Random random = new Random(seed);
        String token = signer.sign(claims);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.~";
        for (int trial = 0; trial < 2_000; trial++) {
            char[] mutated = token.toCharArray();
            int position = random.nextInt(mutated.length);
            char replacement = alphabet.charAt(random.nextInt(alphabet.length()));
            if (mutated[position] == replacement) {
                continue;
            }
            mutated[position] = replacement;
            String candidate = new String(mutated);
            TokenVerification verification = signer.verify(candidate);
            // Base64 has slack bits in a last character: a change there may decode to the same bytes.
            if (verification instanceof TokenVerification.Valid valid) {
                assertThat(valid.claims()).as("seed %d, token %s", seed, candidate).isEqualTo(claims);
            } else {
                assertThat(verification).as("seed %d", seed).isInstanceOf(TokenVerification.Rejected.class);
            }
        }
    }

    @Test
    void keys_must_be_long_enough_and_uniquely_named() {
        assertThatThrownBy(() -> SigningKey.active("k1", "short".getBytes(StandardCharsets.US_ASCII)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ClickTokenSigner(List.of(SigningKey.active("k1", SECRET_A),
                SigningKey.active("k1", SECRET_B)), Duration.ofMinutes(30), clock))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(SigningKey.active("k1", SECRET_A).toString()).doesNotContain("secret-of");
    }

    @Test
    void the_query_signature_is_keyed_and_ignores_case_accents_and_spacing() {
        QuerySignature signatures = new QuerySignature(SECRET_A);

        assertThat(signatures.of("Fotógrafo  de BODAS ")).isEqualTo(signatures.of("fotografo de bodas")).hasSize(32);
        assertThat(new QuerySignature(SECRET_B).of("fotografo de bodas")).isNotEqualTo(signatures.of("fotografo de bodas"));
    }

    @Test
    void authentic_claims_are_read_from_an_expired_token_of_ours_but_never_from_a_tampered_one() {
        String token = signer.sign(claims);
        String[] parts = token.split("\\.");
        String tampered = parts[0] + "." + parts[1] + "." + parts[2] + "." + new StringBuilder(parts[3]).reverse();
        clock.advance(Duration.ofHours(2));

        assertThat(signer.verify(token)).isEqualTo(new TokenVerification.Rejected(TokenRejection.EXPIRED));
        assertThat(signer.authenticClaims(token)).contains(claims);
        assertThat(signer.authenticClaims(tampered)).isEmpty();
        assertThat(signer.authenticClaims("garbage")).isEmpty();
        assertThat(signer.authenticClaims(null)).isEmpty();
    }
}
