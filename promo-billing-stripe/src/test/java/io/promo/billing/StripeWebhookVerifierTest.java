package io.promo.billing;

import static org.assertj.core.api.Assertions.assertThat;

import com.stripe.net.Webhook;
import io.promo.domain.testing.MutableClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StripeWebhookVerifierTest {

    private static final String SECRET = "whsec_test_current";
    private static final String OLD_SECRET = "whsec_test_previous";
    private static final String PAYLOAD = "{\"id\":\"evt_1\",\"object\":\"event\",\"type\":\"customer.created\"}";

    private final MutableClock clock = MutableClock.at("2026-11-27T10:00:00Z");
    private final StripeWebhookVerifier verifier =
            new StripeWebhookVerifier(List.of(SECRET), StripeWebhookVerifier.DEFAULT_TOLERANCE, clock);

    private Optional<String> refusal(StripeWebhookVerifier v, String payload, String header) {
        return v.refusal(payload.getBytes(StandardCharsets.UTF_8), header);
    }

    @Test
    void a_body_signed_with_the_secret_just_now_is_accepted() {
        assertThat(refusal(verifier, PAYLOAD, StripeEvents.signature(PAYLOAD, SECRET, clock.instant()))).isEmpty();
    }

    @Test
    void a_header_made_by_stripe_java_is_accepted_so_the_scheme_is_stripes() throws Exception {
        String header = Webhook.Signature.generateSignatureHeader(PAYLOAD, SECRET, clock.instant().getEpochSecond());

        assertThat(refusal(verifier, PAYLOAD, header)).isEmpty();
    }

    @Test
    void a_tampered_body_is_refused() {
        String header = StripeEvents.signature(PAYLOAD, SECRET, clock.instant());

        assertThat(refusal(verifier, PAYLOAD.replace("customer.created", "payment_intent.succeeded"), header))
                .hasValueSatisfying(r -> assertThat(r).contains("no signature matches"));
        assertThat(refusal(verifier, PAYLOAD + " ", header)).isPresent();
    }

    @Test
    void a_body_signed_with_another_secret_is_refused() {
        assertThat(refusal(verifier, PAYLOAD, StripeEvents.signature(PAYLOAD, "whsec_attacker", clock.instant())))
                .isPresent();
    }

    @Test
    void a_signature_older_than_the_tolerance_is_refused_and_one_just_within_it_accepted() {
        Instant signedAt = clock.instant();
        String header = StripeEvents.signature(PAYLOAD, SECRET, signedAt);

        clock.set(signedAt.plusSeconds(300));
        assertThat(refusal(verifier, PAYLOAD, header)).isEmpty();
        clock.set(signedAt.plusSeconds(301));
        assertThat(refusal(verifier, PAYLOAD, header)).hasValueSatisfying(r -> assertThat(r).contains("301 s old"));
    }

    @Test
    void a_signature_from_too_far_in_the_future_is_refused() {
        String header = StripeEvents.signature(PAYLOAD, SECRET, clock.instant().plus(Duration.ofMinutes(10)));

        assertThat(refusal(verifier, PAYLOAD, header)).hasValueSatisfying(r -> assertThat(r).contains("in the future"));
    }

    @Test
    void during_a_rotation_the_old_and_the_new_secret_are_both_accepted_and_no_other() {
        StripeWebhookVerifier rotating = new StripeWebhookVerifier(List.of(SECRET, OLD_SECRET),
                StripeWebhookVerifier.DEFAULT_TOLERANCE, clock);

        assertThat(refusal(rotating, PAYLOAD, StripeEvents.signature(PAYLOAD, SECRET, clock.instant()))).isEmpty();
        assertThat(refusal(rotating, PAYLOAD, StripeEvents.signature(PAYLOAD, OLD_SECRET, clock.instant()))).isEmpty();
        assertThat(refusal(rotating, PAYLOAD,
                StripeEvents.signatureWithBoth(PAYLOAD, OLD_SECRET, SECRET, clock.instant()))).isEmpty();
        assertThat(refusal(rotating, PAYLOAD, StripeEvents.signature(PAYLOAD, "whsec_unknown", clock.instant())))
                .isPresent();
        assertThat(refusal(verifier, PAYLOAD, StripeEvents.signature(PAYLOAD, OLD_SECRET, clock.instant())))
                .as("once the old secret is removed, it is refused").isPresent();
    }

    @Test
    void malformed_headers_are_refused_with_a_reason_not_an_exception() {
        String v1 = StripeEvents.hmacHex(SECRET, clock.instant().getEpochSecond() + "." + PAYLOAD);

        assertThat(refusal(verifier, PAYLOAD, null)).hasValue("no Stripe-Signature header");
        assertThat(refusal(verifier, PAYLOAD, "")).isPresent();
        assertThat(refusal(verifier, PAYLOAD, "v1=" + v1)).hasValueSatisfying(r -> assertThat(r).contains("no timestamp"));
        assertThat(refusal(verifier, PAYLOAD, "t=abc,v1=" + v1)).hasValueSatisfying(r -> assertThat(r).contains("not a number"));
        assertThat(refusal(verifier, PAYLOAD, "t=" + clock.instant().getEpochSecond()))
                .hasValueSatisfying(r -> assertThat(r).contains("no v1 signature"));
        assertThat(refusal(verifier, PAYLOAD, "t=" + clock.instant().getEpochSecond() + ",v1=zz-not-hex")).isPresent();
        assertThat(refusal(verifier, PAYLOAD, "t=" + clock.instant().getEpochSecond() + ",v0=" + v1)).isPresent();
        assertThat(refusal(verifier, PAYLOAD, ",,=,t,v1")).isPresent();
    }
}
