package io.promo.domain.funding;

import io.promo.domain.ledger.IdempotencyKey;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A processor that remembers no idempotency key: every charge is a new payment. It stands for Stripe
 * after its ~24 h key retention, for a restarted {@code DevPaymentGateway}, or for another node's gateway,
 * so that a test sees whether promo alone keeps a client's key to one charge.
 */
final class ForgetfulPaymentGateway implements PaymentGateway {

    private final AtomicInteger charges = new AtomicInteger();
    private final List<ChargeRequest> requests = new ArrayList<>();
    private final CountDownLatch release;

    ForgetfulPaymentGateway() {
        this(new CountDownLatch(0));
    }

    /** Each charge waits for {@code release}, so that a test can hold a charge in flight. */
    ForgetfulPaymentGateway(CountDownLatch release) {
        this.release = release;
    }

    @Override
    public String processor() {
        return IdempotencyKey.STRIPE;
    }

    @Override
    public ChargeOutcome charge(ChargeRequest request) {
        synchronized (this) {
            requests.add(request);
        }
        try {
            if (!release.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the test never released the charge");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return new ChargeOutcome.Succeeded("pi_forgetful_" + charges.incrementAndGet());
    }

    @Override
    public PaymentLookup findPayment(String paymentRef) {
        return new PaymentLookup.NotFound(paymentRef);
    }

    /** How many payments were made: each charge call is one. */
    int charges() {
        return charges.get();
    }

    synchronized List<ChargeRequest> requests() {
        return List.copyOf(requests);
    }
}
