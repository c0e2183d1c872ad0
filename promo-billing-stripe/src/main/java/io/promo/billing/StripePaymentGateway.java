package io.promo.billing;

import com.stripe.exception.ApiConnectionException;
import com.stripe.exception.ApiException;
import com.stripe.exception.AuthenticationException;
import com.stripe.exception.CardException;
import com.stripe.exception.IdempotencyException;
import com.stripe.exception.InvalidRequestException;
import com.stripe.exception.RateLimitException;
import com.stripe.exception.StripeException;
import com.stripe.model.PaymentIntent;
import com.stripe.model.StripeError;
import com.stripe.net.RequestOptions;
import com.stripe.param.PaymentIntentCreateParams;
import io.promo.domain.funding.ChargeOutcome;
import io.promo.domain.funding.ChargeRequest;
import io.promo.domain.funding.PaymentGateway;
import io.promo.domain.funding.PaymentLookup;
import io.promo.domain.ledger.IdempotencyKey;
import io.promo.domain.shared.Money;
import java.lang.System.Logger.Level;
import java.net.SocketTimeoutException;
import java.util.Optional;

/**
 * {@link PaymentGateway} on Stripe's PaymentIntents API through stripe-java. A top-up is one
 * PaymentIntent created and confirmed off-session for the advertiser's saved customer and payment method,
 * with promo's idempotency key: stripe-java repeats it after a connection error, a timeout, a 409 or a
 * 5xx with the same key, so Stripe charges once. Card data never passes through promo: it only names
 * Stripe's customer ({@code cus_…}) and payment method ({@code pm_…}).
 */
public final class StripePaymentGateway implements PaymentGateway {

    private static final System.Logger LOG = System.getLogger(StripePaymentGateway.class.getName());

    private final StripeApi stripe;

    public StripePaymentGateway(StripeSettings settings) {
        this(StripeApi.connect(settings));
    }

    StripePaymentGateway(StripeApi stripe) {
        this.stripe = stripe;
    }

    @Override
    public String processor() {
        return IdempotencyKey.STRIPE;
    }

    @Override
    public ChargeOutcome charge(ChargeRequest request) {
        Optional<SavedPaymentMethod> saved = SavedPaymentMethod.parse(request.paymentMethod().value());
        if (saved.isEmpty()) {
            LOG.log(Level.WARNING, "advertiser {0} has default_payment_id {1}, not a Stripe cus_…/pm_… pair",
                    request.advertiserId(), request.paymentMethod());
            return new ChargeOutcome.Declined("payment_method_unusable", PersonMessages.UNUSABLE_PAYMENT_METHOD);
        }
        PaymentIntentCreateParams.Builder params = PaymentIntentCreateParams.builder()
                .setAmount(request.amount().cents())
                .setCurrency(request.currency())
                .setCustomer(saved.get().customer())
                .setPaymentMethod(saved.get().paymentMethod())
                .setOffSession(true)
                .setConfirm(true)
                .setDescription("promo top-up" + Optional.ofNullable(request.metadata().get(ChargeRequest.CAMPAIGN_ID))
                        .map(c -> " for campaign " + c).orElse(""));
        request.metadata().forEach(params::putMetadata);
        RequestOptions options = RequestOptions.builder().setIdempotencyKey(request.idempotencyKey()).build();
        try {
            return fromStatus(stripe.client().v1().paymentIntents().create(params.build(), options));
        } catch (CardException e) {
            return fromCardError(e);
        } catch (IdempotencyException e) {
            return new ChargeOutcome.KeyReused(messageOf(e));
        } catch (RateLimitException e) {
            LOG.log(Level.WARNING, "Stripe rate-limited a top-up: {0}", stripe.failure(e));
            return new ChargeOutcome.FailedTemporarily("Stripe is limiting our request rate; try again in a minute");
        } catch (ApiConnectionException e) {
            boolean timeout = e.getCause() instanceof SocketTimeoutException;
            LOG.log(Level.WARNING, "top-up {0}: {1}", request.idempotencyKey(), stripe.failure(e));
            return new ChargeOutcome.FailedTemporarily(timeout
                    ? "Stripe did not answer in time; whether the card was charged is not known yet — retry with the same idempotency key"
                    : "Stripe could not be reached; retry with the same idempotency key");
        } catch (AuthenticationException e) { // PermissionException (a restricted key lacking rights) is one too
            LOG.log(Level.ERROR, "Stripe refused the configured API key (an operator must check it): {0}",
                    stripe.failure(e));
            return new ChargeOutcome.FailedTemporarily("payments are unavailable right now; try again later");
        } catch (InvalidRequestException e) {
            if (isAboutThePaymentMethod(e)) {
                return new ChargeOutcome.Declined("payment_method_unusable", PersonMessages.UNUSABLE_PAYMENT_METHOD);
            }
            LOG.log(Level.ERROR, "Stripe refused a top-up request as invalid (a promo bug or configuration): {0}",
                    stripe.failure(e));
            return new ChargeOutcome.FailedTemporarily("payments are unavailable right now; try again later");
        } catch (ApiException e) {
            LOG.log(Level.WARNING, "Stripe API error on a top-up: {0}", stripe.failure(e));
            return new ChargeOutcome.FailedTemporarily("Stripe had an error; retry with the same idempotency key");
        } catch (StripeException e) {
            LOG.log(Level.ERROR, "unexpected Stripe error on a top-up: {0}", stripe.failure(e));
            return new ChargeOutcome.FailedTemporarily("payments are unavailable right now; try again later");
        }
    }

    @Override
    public PaymentLookup findPayment(String paymentRef) {
        try {
            PaymentIntent intent = stripe.client().v1().paymentIntents().retrieve(paymentRef);
            return new PaymentLookup.Found(intent.getId(), StripeMetadata.campaignOf(intent.getMetadata()),
                    Money.ofCents(intent.getAmount()), intent.getCurrency());
        } catch (InvalidRequestException e) {
            if (Integer.valueOf(404).equals(e.getStatusCode()) || "resource_missing".equals(e.getCode())) {
                return new PaymentLookup.NotFound(paymentRef);
            }
            return new PaymentLookup.Unavailable(stripe.failure(e));
        } catch (StripeException e) {
            return new PaymentLookup.Unavailable(stripe.failure(e));
        }
    }

    private static ChargeOutcome fromStatus(PaymentIntent intent) {
        String status = intent.getStatus();
        if ("succeeded".equals(status)) {
            return new ChargeOutcome.Succeeded(intent.getId());
        }
        if ("requires_action".equals(status) && intent.getClientSecret() != null) {
            return new ChargeOutcome.RequiresAction(intent.getId(), intent.getClientSecret());
        }
        if ("requires_payment_method".equals(status)) {
            StripeError error = intent.getLastPaymentError();
            String code = error == null ? "payment_failed" : firstOf(error.getDeclineCode(), error.getCode(), "payment_failed");
            return new ChargeOutcome.Declined(code, PersonMessages.forDecline(code,
                    error == null ? null : error.getMessage()));
        }
        if (!"processing".equals(status)) {
            // requires_capture or requires_confirmation cannot follow confirm=true with automatic capture;
            // the webhook will tell the end. Saying "pending" keeps the advertiser from paying twice.
            LOG.log(Level.WARNING, "PaymentIntent {0} is {1} after confirmation", intent.getId(), status);
        }
        return new ChargeOutcome.Processing(intent.getId());
    }

    private static ChargeOutcome fromCardError(CardException e) {
        StripeError error = e.getStripeError();
        PaymentIntent intent = error == null ? null : error.getPaymentIntent();
        if ("authentication_required".equals(e.getCode()) || "authentication_required".equals(e.getDeclineCode())) {
            if (intent != null && intent.getId() != null && intent.getClientSecret() != null) {
                return new ChargeOutcome.RequiresAction(intent.getId(), intent.getClientSecret());
            }
        }
        String code = firstOf(e.getDeclineCode(), e.getCode(), "card_declined");
        return new ChargeOutcome.Declined(code, PersonMessages.forDecline(code, error == null ? null : error.getMessage()));
    }

    private static boolean isAboutThePaymentMethod(InvalidRequestException e) {
        String param = e.getStripeError() == null ? null : e.getStripeError().getParam();
        return "payment_method".equals(param) || "customer".equals(param)
                || "payment_method_unexpected_state".equals(e.getCode());
    }

    private static String messageOf(StripeException e) {
        return e.getStripeError() != null && e.getStripeError().getMessage() != null
                ? e.getStripeError().getMessage()
                : String.valueOf(e.getMessage());
    }

    private static String firstOf(String... candidates) {
        for (String candidate : candidates) {
            if (candidate != null && !candidate.isBlank()) {
                return candidate;
            }
        }
        throw new IllegalArgumentException("no candidate");
    }

    /** An advertiser's {@code default_payment_id}: {@code cus_…/pm_…}. */
    record SavedPaymentMethod(String customer, String paymentMethod) {
        static Optional<SavedPaymentMethod> parse(String defaultPaymentId) {
            String[] parts = defaultPaymentId.split("/", -1);
            if (parts.length != 2 || !parts[0].startsWith("cus_") || !parts[1].startsWith("pm_")) {
                return Optional.empty();
            }
            return Optional.of(new SavedPaymentMethod(parts[0], parts[1]));
        }
    }
}
