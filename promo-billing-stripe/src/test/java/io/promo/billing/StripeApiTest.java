package io.promo.billing;

import static org.assertj.core.api.Assertions.assertThat;

import com.stripe.exception.ApiConnectionException;
import com.stripe.exception.ApiException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class StripeApiTest {

    private final StripeApi stripe = StripeApi.connect(new StripeSettings("sk_test_x", URI.create("http://127.0.0.1:12111"),
            Duration.ofSeconds(1), Duration.ofSeconds(1), 0));

    @Test
    void no_answer_names_the_base_called_and_the_network_reason_not_stripe_java_s_default_host() {
        ApiConnectionException refused = new ApiConnectionException("IOException during API request to Stripe"
                + " (https://api.stripe.com): Connection refused Please check your internet connection",
                new ConnectException("Connection refused"));

        assertThat(stripe.failure(refused))
                .isEqualTo("Stripe at http://127.0.0.1:12111 could not be reached: Connection refused");
    }

    @Test
    void no_answer_in_time_says_so_for_stripe_may_have_acted() {
        ApiConnectionException timedOut = new ApiConnectionException("IOException during API request to Stripe"
                + " (https://api.stripe.com): Read timed out", new SocketTimeoutException("Read timed out"));

        assertThat(stripe.failure(timedOut))
                .isEqualTo("Stripe at http://127.0.0.1:12111 did not answer in time: Read timed out");
    }

    @Test
    void credentials_in_the_configured_base_are_never_shown() {
        StripeApi behindAProxy = StripeApi.connect(new StripeSettings("sk_test_x",
                URI.create("https://egress:s3cret@stripe-proxy.internal:8443/stripe"), Duration.ofSeconds(1),
                Duration.ofSeconds(1), 0));

        assertThat(behindAProxy.failure(new ApiConnectionException("refused", new ConnectException("Connection refused"))))
                .isEqualTo("Stripe at https://stripe-proxy.internal:8443/stripe could not be reached: Connection refused");
    }

    @Test
    void an_answer_names_the_base_and_keeps_stripe_s_message_with_its_request_id() {
        ApiException error = new ApiException("Something went wrong", "req_123", "api_error", 500, null);

        assertThat(stripe.failure(error)).startsWith("Stripe at http://127.0.0.1:12111 answered: Something went wrong")
                .contains("req_123");
    }

    @Test
    void a_failure_outside_stripe_java_keeps_its_message() {
        assertThat(stripe.failure(new IllegalStateException("page 2 unreadable"))).isEqualTo("page 2 unreadable");
    }
}
