package io.promo.domain.funding;

import io.promo.domain.advertiser.PaymentReference;
import io.promo.domain.shared.AdvertiserId;
import io.promo.domain.shared.Money;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One off-session charge of an advertiser's saved payment method.
 *
 * @param paymentMethod  the advertiser's {@code default_payment_id}: for Stripe {@code cus_…/pm_…}
 * @param currency       ISO 4217 code in lower case, as Stripe spells it ({@code usd})
 * @param idempotencyKey the processor's idempotency key: the same key never charges twice
 * @param metadata       what the processor stores beside the payment ({@link #CAMPAIGN_ID},
 *                       {@link #TOPUP_REQUEST_ID}) and sends back in its webhooks
 */
public record ChargeRequest(AdvertiserId advertiserId, PaymentReference paymentMethod, Money amount, String currency,
        String idempotencyKey, Map<String, String> metadata) {

    /** Metadata key: the campaign the money is for; webhooks find the campaign through it. */
    public static final String CAMPAIGN_ID = "campaign_id";
    /** Metadata key: the top-up request (the idempotency key promo derived), for support. */
    public static final String TOPUP_REQUEST_ID = "topup_request_id";

    private static final Pattern CURRENCY = Pattern.compile("[a-z]{3}");
    /** Stripe accepts idempotency keys of up to 255 characters. */
    public static final int MAX_IDEMPOTENCY_KEY_LENGTH = 255;

    public ChargeRequest {
        Objects.requireNonNull(advertiserId, "advertiserId");
        Objects.requireNonNull(paymentMethod, "paymentMethod");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        requireCurrency(currency);
        metadata = Map.copyOf(metadata);
        if (!amount.isPositive() || !amount.fitsColumn()) {
            throw new IllegalArgumentException("a charge must be positive and fit amount_cents: " + amount);
        }
        if (idempotencyKey.isBlank() || idempotencyKey.length() > MAX_IDEMPOTENCY_KEY_LENGTH) {
            throw new IllegalArgumentException("idempotency key must have 1 to " + MAX_IDEMPOTENCY_KEY_LENGTH
                    + " characters: " + idempotencyKey);
        }
    }

    /** Checks a deployment's currency code: three lower-case letters. */
    public static String requireCurrency(String currency) {
        if (currency == null || !CURRENCY.matcher(currency).matches()) {
            throw new IllegalArgumentException("not a lower-case ISO 4217 currency code: " + currency);
        }
        return currency;
    }
}
