package io.promo.domain.funding;

import io.promo.domain.ledger.IdempotencyKey;
import io.promo.domain.shared.CampaignId;
import io.promo.domain.shared.Money;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A processor for domain tests: answers what the test scripted (success by default), charges once per
 * idempotency key as a processor does, and remembers its payments for {@link #findPayment}.
 */
public final class FakePaymentGateway implements PaymentGateway {

    private final Deque<ChargeOutcome> scripted = new ArrayDeque<>();
    private final Map<String, ChargeOutcome> byKey = new ConcurrentHashMap<>();
    private final Map<String, PaymentLookup> payments = new ConcurrentHashMap<>();
    private final List<ChargeRequest> requests = new ArrayList<>();
    private final AtomicInteger sequence = new AtomicInteger();
    private volatile PaymentLookup lookupOverride;

    /** The next charge answers {@code outcome} instead of succeeding. */
    public synchronized FakePaymentGateway thenAnswer(ChargeOutcome outcome) {
        scripted.add(outcome);
        return this;
    }

    /** Every lookup answers {@code lookup} (e.g. {@link PaymentLookup.Unavailable}). */
    public void lookupsAnswer(PaymentLookup lookup) {
        lookupOverride = lookup;
    }

    /** A payment the processor knows about, made outside this fake's {@link #charge}. */
    public void knowsPayment(String paymentRef, Optional<CampaignId> campaign, Money amount) {
        payments.put(paymentRef, new PaymentLookup.Found(paymentRef, campaign, amount, "usd"));
    }

    @Override
    public String processor() {
        return IdempotencyKey.STRIPE;
    }

    @Override
    public synchronized ChargeOutcome charge(ChargeRequest request) {
        requests.add(request);
        ChargeOutcome earlier = byKey.get(request.idempotencyKey());
        if (earlier != null) {
            return earlier;
        }
        ChargeOutcome outcome = scripted.isEmpty()
                ? new ChargeOutcome.Succeeded("pi_fake_" + sequence.incrementAndGet())
                : scripted.poll();
        // A processor replays a key's answer; a temporary failure did not use the key up.
        if (!(outcome instanceof ChargeOutcome.FailedTemporarily)) {
            byKey.put(request.idempotencyKey(), outcome);
        }
        if (outcome instanceof ChargeOutcome.Succeeded succeeded) {
            payments.put(succeeded.processorRef(), new PaymentLookup.Found(succeeded.processorRef(),
                    Optional.ofNullable(request.metadata().get(ChargeRequest.CAMPAIGN_ID)).map(CampaignId::new),
                    request.amount(), request.currency()));
        }
        return outcome;
    }

    @Override
    public PaymentLookup findPayment(String paymentRef) {
        PaymentLookup override = lookupOverride;
        if (override != null) {
            return override;
        }
        return payments.getOrDefault(paymentRef, new PaymentLookup.NotFound(paymentRef));
    }

    public synchronized List<ChargeRequest> requests() {
        return List.copyOf(requests);
    }

    /** How many distinct charges the processor made: one per idempotency key that succeeded. */
    public long successfulCharges() {
        return byKey.values().stream().filter(o -> o instanceof ChargeOutcome.Succeeded).count();
    }
}
