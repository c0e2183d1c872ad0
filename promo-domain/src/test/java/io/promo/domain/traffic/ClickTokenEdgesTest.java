package io.promo.domain.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import io.promo.domain.shared.CampaignId;
import io.promo.domain.shared.Money;
import io.promo.domain.shared.Surface;
import io.promo.domain.testing.MutableClock;
import io.promo.domain.testing.TestData;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Tokens whose parts are present but unreadable are malformed, never a signature check on garbage. */
class ClickTokenEdgesTest {

    private static final byte[] SECRET = "token-secret-of-at-least-thirty-two-bytes".getBytes(StandardCharsets.US_ASCII);

    private final MutableClock clock = new MutableClock(TestData.NOW);
    private final ClickTokenSigner signer =
            new ClickTokenSigner(List.of(SigningKey.active("k1", SECRET)), Duration.ofMinutes(30), clock);

    private String aToken() {
        return signer.sign(new ClickClaims(TestData.IDS.newEventId(), new CampaignId("pcmp_1"), Money.ofCents(50),
                clock.instant(), Surface.PEOPLE_SEARCH, TestData.BERLIN, Optional.empty(), "0123456789abcdef"));
    }

    private TokenRejection rejection(String token) {
        TokenVerification verification = signer.verify(token);
        assertThat(verification).isInstanceOf(TokenVerification.Rejected.class);
        return ((TokenVerification.Rejected) verification).reason();
    }

    @Test
    void a_token_whose_signature_is_not_base64url_is_malformed() {
        String token = aToken();
        String unsigned = token.substring(0, token.lastIndexOf('.') + 1);

        assertThat(rejection(unsigned + "not*base64!")).isEqualTo(TokenRejection.MALFORMED);
        assertThat(signer.authenticClaims(unsigned + "not*base64!")).isEmpty();
    }

    /** A token we signed ourselves whose claims do not parse (say, from another version of promo) is malformed. */
    @Test
    void a_correctly_signed_token_whose_claims_do_not_parse_is_malformed() {
        Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
        String signed = "v1.k1." + base64.encodeToString("not~the~claims".getBytes(StandardCharsets.US_ASCII));
        String token = signed + "." + base64.encodeToString(new Hmac(SECRET).sign(signed.getBytes(StandardCharsets.US_ASCII)));

        assertThat(rejection(token)).isEqualTo(TokenRejection.MALFORMED);
    }

    @Test
    void a_token_of_up_to_1024_characters_is_checked_on_its_signature_and_a_longer_one_is_malformed_unread() {
        String token = aToken();
        String unsigned = token.substring(0, token.lastIndexOf('.') + 1);
        String longest = unsigned + "A".repeat(ClickTokenSigner.MAX_TOKEN_LENGTH - unsigned.length());

        assertThat(longest).hasSize(ClickTokenSigner.MAX_TOKEN_LENGTH);
        assertThat(rejection(longest)).isEqualTo(TokenRejection.BAD_SIGNATURE);
        assertThat(rejection(longest + "A")).isEqualTo(TokenRejection.MALFORMED);
    }

    /**
     * A 32-byte signature is 43 base64url characters whose last one carries 4 bits: the 2 bits left over are ignored by
     * a lenient decoder, so four spellings of the last character would verify. Only the one the signer wrote does.
     */
    @Test
    void a_token_whose_signature_or_payload_is_spelt_otherwise_than_the_signer_wrote_it_does_not_verify() {
        String token = aToken();
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        int altered = 0;
        for (char other : alphabet.toCharArray()) {
            String otherSignature = token.substring(0, token.length() - 1) + other;
            if (other == token.charAt(token.length() - 1)) {
                continue;
            }
            altered++;
            assertThat(signer.verify(otherSignature)).as(otherSignature).isInstanceOf(TokenVerification.Rejected.class);
            assertThat(signer.authenticClaims(otherSignature)).as(otherSignature).isEmpty();
        }
        assertThat(altered).isEqualTo(63);
        String[] parts = token.split("\\.");
        String payload = parts[2];
        for (char other : alphabet.toCharArray()) {
            if (other == payload.charAt(payload.length() - 1)) {
                continue;
            }
            String otherPayload = parts[0] + "." + parts[1] + "." + payload.substring(0, payload.length() - 1) + other
                    + "." + parts[3];
            assertThat(signer.verify(otherPayload)).as(otherPayload).isInstanceOf(TokenVerification.Rejected.class);
        }
    }
}
