package io.promo.app.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.promo.app.PromoApplication;
import io.promo.app.config.PromoConfig;
import io.promo.persistence.EmbeddedPostgresServer;
import java.security.SecureRandom;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The story the review reproduced against {@code ./promo serve} in dev mode: a top-up key reused with
 * another amount is 409, and after a restart (whose dev gateway remembers nothing) the same key answers
 * the first top-up and credits nothing again (ADR 0015).
 */
class TopUpAcrossRestartHttpTest {

    private static final String ADMIN = "topup-restart-admin-key-0123456789abcdef";

    private EmbeddedPostgresServer database;
    private PromoApplication app;

    @BeforeEach
    void a_database_that_outlives_promo() {
        database = EmbeddedPostgresServer.start();
    }

    @AfterEach
    void stop() {
        if (app != null) {
            app.close();
        }
        database.close();
    }

    private ApiClient start() {
        app = PromoApplication.start(PromoConfig.load(Map.of(
                PromoConfig.DB_URL, database.jdbcUrl(),
                PromoConfig.HTTP_PORT, "0",
                PromoConfig.ADMIN_KEY, ADMIN), Map.of(), new SecureRandom()));
        return new ApiClient("http://127.0.0.1:" + app.port());
    }

    private static ApiClient.Response topUp(ApiClient api, String key, String campaignId, long cents) {
        return api.post("/v1/campaigns/" + campaignId + "/topups", key,
                "{\"amount_cents\":" + cents + ",\"idempotency_key\":\"first-topup\"}");
    }

    @Test
    void a_reused_key_is_a_conflict_with_another_amount_and_the_first_top_up_after_a_restart() {
        ApiClient api = start();
        String advertiserKey = api.post("/v1/advertisers", ADMIN,
                "{\"user_id\":\"usr_lena\",\"default_payment_id\":\"cus_lena/pm_visa\"}").text("api_key");
        String campaignId = api.post("/v1/campaigns", advertiserKey,
                Marketplace.campaignJson("srv_lena_photo", "berlin", 60)).text("campaign_id");

        ApiClient.Response first = topUp(api, advertiserKey, campaignId, 5_000);
        ApiClient.Response otherAmount = topUp(api, advertiserKey, campaignId, 7_000);
        app.close();
        api = start();
        ApiClient.Response afterRestart = topUp(api, advertiserKey, campaignId, 5_000);
        ApiClient.Response otherAmountAfterRestart = topUp(api, advertiserKey, campaignId, 7_000);

        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        assertThat(otherAmount.status()).as(otherAmount.toString()).isEqualTo(409);
        assertThat(otherAmount.contentType()).startsWith("application/problem+json");
        assertThat(afterRestart.status()).as(afterRestart.toString()).isEqualTo(200);
        assertThat(afterRestart.json()).isEqualTo(first.json());
        assertThat(otherAmountAfterRestart.status()).isEqualTo(409);
        assertThat(api.get("/v1/campaigns/" + campaignId + "/balance", advertiserKey).json().path("balance_cents").asLong())
                .isEqualTo(5_000);
        assertThat(api.get("/v1/campaigns/" + campaignId + "/ledger", advertiserKey).json().path("entries").size())
                .isEqualTo(1);
    }
}
