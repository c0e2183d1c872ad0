package io.promo.billing;

import io.promo.domain.funding.ChargeOutcome;
import io.promo.domain.funding.ChargeRequest;
import io.promo.domain.funding.PaymentGateway;
import io.promo.domain.funding.PaymentLookup;
import io.promo.domain.shared.CampaignId;
import io.promo.domain.shared.IdPrefix;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * FOR LOCAL RUNS ONLY: a payment gateway that charges nobody and succeeds at once, so promo can be
 * tried without a Stripe account. Its payments are {@code dev_pi_…} and its ledger source is
 * {@value #PROCESSOR}, so they never pass for Stripe's. Like Stripe it answers a repeated idempotency key
 * with the first answer. {@link Billing#forConfig} refuses it in production mode.
 */
public final class DevPaymentGateway implements PaymentGateway {

    /** The ledger's {@code processor} for payments this gateway pretends to make. */
    public static final String PROCESSOR = "promo_dev";

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Map<String, String> paymentByKey = new ConcurrentHashMap<>();
    private final Map<String, PaymentLookup.Found> payments = new ConcurrentHashMap<>();

    @Override
    public String processor() {
        return PROCESSOR;
    }

    @Override
    public ChargeOutcome charge(ChargeRequest request) {
        String ref = paymentByKey.computeIfAbsent(request.idempotencyKey(), key -> {
            byte[] bytes = new byte[12];
            RANDOM.nextBytes(bytes);
            String id = "dev_pi_" + HexFormat.of().formatHex(bytes);
            payments.put(id, new PaymentLookup.Found(id, campaignOf(request), request.amount(), request.currency()));
            return id;
        });
        return new ChargeOutcome.Succeeded(ref);
    }

    @Override
    public PaymentLookup findPayment(String paymentRef) {
        PaymentLookup found = payments.get(paymentRef);
        return found != null ? found : new PaymentLookup.NotFound(paymentRef);
    }

    private static Optional<CampaignId> campaignOf(ChargeRequest request) {
        return Optional.ofNullable(request.metadata().get(ChargeRequest.CAMPAIGN_ID))
                .filter(IdPrefix.CAMPAIGN::matches)
                .map(CampaignId::new);
    }
}
