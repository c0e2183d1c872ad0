package io.promo.billing;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * How promo talks to Stripe's API.
 *
 * @param apiKey            a secret key ({@code sk_live_…}, {@code sk_test_…}) or a restricted key with write
 *                          access to PaymentIntents and read access to Charges and Refunds
 * @param apiBase           {@code https://api.stripe.com}, or a local server in tests
 * @param connectTimeout    to open a connection
 * @param readTimeout       to wait for an answer; a top-up request waits up to
 *                          {@code (maxNetworkRetries + 1) × readTimeout} plus back-off
 * @param maxNetworkRetries how often stripe-java repeats a request after a connection error, a timeout,
 *                          a 409 or a 5xx, always with the same idempotency key
 */
public record StripeSettings(String apiKey, URI apiBase, Duration connectTimeout, Duration readTimeout,
        int maxNetworkRetries) {

    public static final URI LIVE_API_BASE = URI.create("https://api.stripe.com");

    public StripeSettings {
        Objects.requireNonNull(apiKey, "apiKey");
        Objects.requireNonNull(apiBase, "apiBase");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(readTimeout, "readTimeout");
        if (apiKey.isBlank()) {
            throw new IllegalArgumentException("the Stripe API key is blank");
        }
        if (!"https".equals(apiBase.getScheme()) && !"http".equals(apiBase.getScheme()) || apiBase.getHost() == null) {
            throw new IllegalArgumentException("the Stripe API base must be an http(s) URL: " + apiBase);
        }
        if (connectTimeout.isNegative() || connectTimeout.isZero() || readTimeout.isNegative() || readTimeout.isZero()) {
            throw new IllegalArgumentException("timeouts must be positive");
        }
        if (maxNetworkRetries < 0 || maxNetworkRetries > 5) {
            throw new IllegalArgumentException("maxNetworkRetries must be between 0 and 5: " + maxNetworkRetries);
        }
    }

    /** Stripe's live API, 5 s to connect, 20 s to answer, 2 retries. */
    public static StripeSettings forKey(String apiKey) {
        return new StripeSettings(apiKey, LIVE_API_BASE, Duration.ofSeconds(5), Duration.ofSeconds(20), 2);
    }

    public StripeSettings withApiBase(URI base) {
        return new StripeSettings(apiKey, base, connectTimeout, readTimeout, maxNetworkRetries);
    }

    public StripeSettings withTimeouts(Duration connect, Duration read) {
        return new StripeSettings(apiKey, apiBase, connect, read, maxNetworkRetries);
    }

    public StripeSettings withMaxNetworkRetries(int retries) {
        return new StripeSettings(apiKey, apiBase, connectTimeout, readTimeout, retries);
    }

    /** The key stays out of logs and exception messages. */
    @Override
    public String toString() {
        return "StripeSettings[apiKey=" + apiKey.substring(0, Math.min(8, apiKey.length())) + "…, apiBase=" + apiBase
                + ", connectTimeout=" + connectTimeout + ", readTimeout=" + readTimeout
                + ", maxNetworkRetries=" + maxNetworkRetries + "]";
    }
}
