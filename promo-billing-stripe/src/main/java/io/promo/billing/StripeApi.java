package io.promo.billing;

import com.stripe.StripeClient;
import com.stripe.exception.ApiConnectionException;
import com.stripe.exception.StripeException;
import java.net.URI;
import java.util.Objects;

/**
 * The one stripe-java client the adapter calls Stripe with, and the API base it calls. What an operator reads of a
 * failed call is written here ({@link #failure}): stripe-java's own text for a connection that failed names
 * {@code https://api.stripe.com} whatever the base is, and sends the reader to Stripe's status page.
 */
record StripeApi(StripeClient client, URI base) {

    StripeApi {
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(base, "base");
    }

    static StripeApi connect(StripeSettings settings) {
        String base = settings.apiBase().toString();
        StripeClient client = StripeClient.builder()
                .setApiKey(settings.apiKey())
                .setApiBase(base.endsWith("/") ? base.substring(0, base.length() - 1) : base)
                .setConnectTimeout(Math.toIntExact(settings.connectTimeout().toMillis()))
                .setReadTimeout(Math.toIntExact(settings.readTimeout().toMillis()))
                .setMaxNetworkRetries(settings.maxNetworkRetries())
                .build();
        return new StripeApi(client, settings.apiBase());
    }

    /**
     * A failed call as an operator reads it: the base promo called, and the network's reason when no answer came
     * (a refused connection, a timeout) or Stripe's own message (which carries the request id) when one did.
     */
    String failure(Exception e) {
        if (e instanceof ApiConnectionException) {
            Throwable network = e.getCause();
            String reason = network == null ? "no answer"
                    : network.getMessage() != null ? network.getMessage() : network.getClass().getSimpleName();
            return "Stripe at " + base + " could not be reached: " + reason;
        }
        if (e instanceof StripeException) {
            return "Stripe at " + base + " answered: " + e.getMessage();
        }
        return String.valueOf(e.getMessage());
    }
}
