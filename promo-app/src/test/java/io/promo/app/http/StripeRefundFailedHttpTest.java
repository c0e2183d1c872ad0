package io.promo.app.http;

import static io.promo.app.http.StripeConfiguredPromo.WEBHOOK_SECRET;
import static io.promo.app.http.StripeConfiguredPromo.sign;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code refund.failed} over HTTP, on PostgreSQL: the refund's money is taken and given back as a keyed pair of
 * adjustments, once however often the event arrives. The campaign is found by its top-up in the ledger, so Stripe's
 * API (a closed port here) is never asked.
 */
class StripeRefundFailedHttpTest {

    private final StripeConfiguredPromo promo = new StripeConfiguredPromo("usr_refund_failed", "srv_refund_failed");

    @AfterEach
    void stop() {
        promo.close();
    }

    @Test
    void a_refund_that_failed_is_taken_and_given_back_in_the_ledger_once() {
        String paid = promo.succeeded("evt_rf_1", "pi_rf_1", 5_000);
        assertThat(promo.deliver(paid, sign(paid, WEBHOOK_SECRET)).status()).isEqualTo(200);
        String refund = """
                {"id":"re_rf_1","object":"refund","amount":1000,"currency":"usd","charge":"ch_rf_1",
                 "payment_intent":"pi_rf_1","status":"failed","failure_reason":"lost_or_stolen_card",
                 "created":1795000000,"metadata":{}}""";
        String failed = StripeConfiguredPromo.event("evt_rf_2", "refund.failed", refund);
        // The same failure in another event: only the ledger's keys, not the stored event, keep it once.
        String failedAgain = StripeConfiguredPromo.event("evt_rf_3", "refund.failed", refund);

        ApiClient.Response first = promo.deliver(failed, sign(failed, WEBHOOK_SECRET));
        ApiClient.Response again = promo.deliver(failedAgain, sign(failedAgain, WEBHOOK_SECRET));

        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        assertThat(again.status()).isEqualTo(200);
        assertThat(promo.api.get("/v1/campaigns/" + promo.campaignId + "/balance", promo.advertiserKey).json()
                .path("balance_cents").asLong()).as("taken and given back").isEqualTo(5_000);
        List<String> reasons = new ArrayList<>();
        JsonNode entries = promo.api.get("/v1/campaigns/" + promo.campaignId + "/ledger", promo.advertiserKey).json()
                .path("entries");
        entries.forEach(entry -> reasons.add(entry.path("reason").asText()));
        assertThat(reasons).hasSize(3)
                .anySatisfy(reason -> assertThat(reason).isEqualTo("refund re_rf_1 of charge ch_rf_1"))
                .anySatisfy(reason -> assertThat(reason).contains("re_rf_1").contains("failed")
                        .contains("lost_or_stolen_card"));
    }
}
