package io.promo.app.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import io.promo.app.PromoApplication;
import io.promo.app.config.PromoConfig;
import io.promo.persistence.EmbeddedPostgresServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code PROMO_CURRENCY} reaches the payment processor: a top-up through the HTTP API on a deployment configured
 * for euros asks Stripe (a stand-in on loopback that records what it is sent) for a PaymentIntent in {@code eur}.
 */
class TopUpInTheConfiguredCurrencyHttpTest {

    private static final String ADMIN = "currency-test-admin-key-0123456789abcdef";

    private final List<String> currenciesCharged = new CopyOnWriteArrayList<>();
    private com.sun.net.httpserver.HttpServer stripe;
    private EmbeddedPostgresServer database;
    private PromoApplication app;

    @AfterEach
    void stop() {
        if (app != null) {
            app.close();
        }
        if (database != null) {
            database.close();
        }
        if (stripe != null) {
            stripe.stop(0);
        }
    }

    @Test
    void a_top_up_charges_in_the_configured_currency() throws IOException {
        stripe = com.sun.net.httpserver.HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        stripe.createContext("/", this::answerAsStripe);
        stripe.start();
        database = EmbeddedPostgresServer.start();
        app = PromoApplication.start(PromoConfig.load(Map.of(
                PromoConfig.DB_URL, database.jdbcUrl(),
                PromoConfig.HTTP_PORT, "0",
                PromoConfig.ADMIN_KEY, ADMIN,
                PromoConfig.CURRENCY, "EUR",
                PromoConfig.STRIPE_SECRET_KEY, "sk_test_promo_currency",
                PromoConfig.STRIPE_API_BASE, "http://127.0.0.1:" + stripe.getAddress().getPort()), Map.of(),
                new SecureRandom()));
        ApiClient api = new ApiClient("http://127.0.0.1:" + app.port());
        String advertiserKey = api.post("/v1/advertisers", ADMIN,
                "{\"user_id\":\"usr_elsa\",\"default_payment_id\":\"cus_elsa/pm_visa\"}").text("api_key");
        String campaignId = api.post("/v1/campaigns", advertiserKey,
                Marketplace.campaignJson("srv_elsa_photo", "berlin", 60)).text("campaign_id");

        ApiClient.Response topUp = api.post("/v1/campaigns/" + campaignId + "/topups", advertiserKey,
                "{\"amount_cents\":5000,\"idempotency_key\":\"in-euros\"}");

        assertThat(topUp.status()).as(topUp.toString()).isEqualTo(200);
        assertThat(topUp.text("status")).isEqualTo("charged");
        assertThat(currenciesCharged).containsExactly("eur");
    }

    /** A PaymentIntent created and succeeded at once, in the currency asked; an empty list of webhook endpoints. */
    private void answerAsStripe(HttpExchange exchange) throws IOException {
        String body;
        if (exchange.getRequestMethod().equals("POST") && exchange.getRequestURI().getPath().equals("/v1/payment_intents")) {
            String currency = form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8))
                    .get("currency");
            currenciesCharged.add(currency);
            body = """
                    {"id":"pi_currency_1","object":"payment_intent","amount":5000,"amount_received":5000,
                     "currency":"%s","status":"succeeded","livemode":false,"created":1795000000,"metadata":{}}"""
                    .formatted(currency);
        } else {
            body = "{\"object\":\"list\",\"url\":\"" + exchange.getRequestURI().getPath() + "\",\"has_more\":false,\"data\":[]}";
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static Map<String, String> form(String encoded) {
        Map<String, String> form = new java.util.HashMap<>();
        for (String pair : encoded.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                form.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return form;
    }
}
