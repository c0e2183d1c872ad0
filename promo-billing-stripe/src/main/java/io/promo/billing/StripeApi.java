package io.promo.billing;

import com.stripe.StripeClient;
import com.stripe.exception.ApiConnectionException;
import com.stripe.exception.StripeException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URISyntaxException;
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
     * A failed call as an operator reads it: the base promo called (without any credentials it carries), and the
     * network's reason when no answer came or Stripe's own message (which carries the request id) when one did. A
     * timeout is not "could not be reached": the request may have arrived, and Stripe may have acted on it.
     */
    String failure(Exception e) {
        String shown = shownBase();
        if (e instanceof ApiConnectionException) {
            Throwable network = e.getCause();
            String reason = network == null ? "no answer"
                    : network.getMessage() != null ? network.getMessage() : network.getClass().getSimpleName();
            return network instanceof SocketTimeoutException
                    ? "Stripe at " + shown + " did not answer in time: " + reason
                    : "Stripe at " + shown + " could not be reached: " + reason;
        }
        if (e instanceof StripeException) {
            return "Stripe at " + shown + " answered: " + e.getMessage();
        }
        return String.valueOf(e.getMessage());
    }

    /** The base as messages show it: a proxy's {@code user:password@} and any query left out. */
    private String shownBase() {
        try {
            return new URI(base.getScheme(), null, base.getHost(), base.getPort(), base.getPath(), null, null).toString();
        } catch (URISyntaxException e) {
            return base.getScheme() + "://" + base.getHost();
        }
    }
}
