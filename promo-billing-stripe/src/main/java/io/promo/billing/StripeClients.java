package io.promo.billing;

import com.stripe.StripeClient;

/** Builds the one stripe-java client the adapter uses, from {@link StripeSettings}. */
final class StripeClients {

    private StripeClients() {
    }

    static StripeClient create(StripeSettings settings) {
        String base = settings.apiBase().toString();
        return StripeClient.builder()
                .setApiKey(settings.apiKey())
                .setApiBase(base.endsWith("/") ? base.substring(0, base.length() - 1) : base)
                .setConnectTimeout(Math.toIntExact(settings.connectTimeout().toMillis()))
                .setReadTimeout(Math.toIntExact(settings.readTimeout().toMillis()))
                .setMaxNetworkRetries(settings.maxNetworkRetries())
                .build();
    }
}
