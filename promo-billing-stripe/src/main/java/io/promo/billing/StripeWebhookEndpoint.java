package io.promo.billing;

import com.stripe.model.Event;
import io.promo.domain.funding.HandlePaymentEvent;
import io.promo.domain.funding.PaymentEvent;
import io.promo.domain.funding.PaymentEventOutcome;
import io.promo.domain.funding.ProcessedPaymentEvent;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * {@code POST /v1/stripe/webhook}, without the HTTP: promo-app's HTTP layer hands over the raw body, as
 * received, and the {@code Stripe-Signature} header, and answers with the returned status and message.
 *
 * <ol>
 * <li>The signature is checked on the raw bytes before anything reads them: forged, unsigned or stale
 *     requests get 400 and change nothing.</li>
 * <li>The body is read as a Stripe event: a signed body that is not one (not JSON, no id or type) gets 400.</li>
 * <li>An event id processed before is answered 200 from its stored result, before anything asks Stripe:
 *     a redelivery costs no API call and succeeds while Stripe's API is down.</li>
 * <li>The event is translated to a domain {@link PaymentEvent} (which may ask Stripe's API), and
 *     {@link HandlePaymentEvent} books it once. Every final outcome (applied, noted, ignored, unmatched,
 *     already processed) answers 200, so Stripe stops delivering it; when Stripe's API or the database
 *     could not be reached the answer is 503 and Stripe delivers it again.</li>
 * </ol>
 */
public final class StripeWebhookEndpoint {

    private static final System.Logger LOG = System.getLogger(StripeWebhookEndpoint.class.getName());

    /**
     * The event types promo acts on: Stripe's webhook endpoint must be subscribed to each of them (docs/billing.md).
     * A missing subscription is silent at Stripe's side; the {@code promo_stripe_webhook_events_total} metric
     * counts deliveries by these types so that an operator can see one that never arrives.
     */
    public static final List<String> SUBSCRIBED_EVENT_TYPES = List.of(
            "payment_intent.succeeded",
            "payment_intent.payment_failed",
            "charge.refunded",
            "refund.failed",
            "charge.dispute.created",
            "charge.dispute.funds_withdrawn",
            "charge.dispute.funds_reinstated");

    /** The metric label of every other type: few values, whatever Stripe sends. */
    public static final String OTHER_EVENT_TYPE = "other";

    private final StripeWebhookVerifier verifier;
    private final StripeEventTranslator translator;
    private final HandlePaymentEvent handler;

    StripeWebhookEndpoint(StripeWebhookVerifier verifier, StripeEventTranslator translator, HandlePaymentEvent handler) {
        this.verifier = verifier;
        this.translator = translator;
        this.handler = handler;
    }

    public WebhookResponse handle(byte[] rawBody, String signatureHeader) {
        Optional<String> refusal = verifier.refusal(rawBody, signatureHeader);
        if (refusal.isPresent()) {
            LOG.log(Level.WARNING, "refused a Stripe webhook: {0}", refusal.get());
            return WebhookResponse.badRequest("invalid signature: " + refusal.get(), "signature_refused");
        }
        String body;
        try {
            body = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(rawBody))
                    .toString();
        } catch (CharacterCodingException e) {
            return WebhookResponse.badRequest("the body is not UTF-8", "not_an_event");
        }
        Event stripeEvent;
        try {
            stripeEvent = translator.parse(body);
        } catch (StripeEventTranslator.NotAnEvent e) {
            LOG.log(Level.WARNING, "a signed Stripe webhook is not an event: {0}", e.getMessage());
            return WebhookResponse.badRequest(e.getMessage(), "not_an_event");
        }
        String type = typeLabel(stripeEvent.getType());
        Optional<ProcessedPaymentEvent> earlier;
        try {
            earlier = handler.processedBefore(stripeEvent.getId());
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "Stripe event " + stripeEvent.getId() + " cannot be looked up; Stripe will deliver it again", e);
            return WebhookResponse.retryLater("event " + stripeEvent.getId() + " could not be processed now", type);
        }
        if (earlier.isPresent()) {
            return WebhookResponse.ok(stripeEvent.getId() + ": already processed: " + earlier.get().result().code()
                    + earlier.get().detail().map(detail -> ": " + detail).orElse(""), type, "already_processed");
        }
        PaymentEvent event;
        try {
            event = translator.translate(stripeEvent);
        } catch (StripeEventTranslator.UnreadableEvent e) {
            // Signed by Stripe, so not forged: answering 500 keeps it in Stripe's retries while promo is fixed.
            LOG.log(Level.ERROR, "cannot read a signed Stripe event: {0}", e.getMessage());
            return new WebhookResponse(500, "cannot read the event: " + e.getMessage(), Optional.of(type), "unreadable");
        } catch (StripeEventTranslator.StripeUnavailable e) {
            LOG.log(Level.WARNING, "Stripe webhook deferred: {0}", e.getMessage());
            return WebhookResponse.retryLater(e.getMessage(), type);
        }
        PaymentEventOutcome outcome;
        try {
            outcome = handler.handle(event);
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "Stripe event " + event.eventId() + " failed; Stripe will deliver it again", e);
            return WebhookResponse.retryLater("event " + event.eventId() + " could not be processed now", type);
        }
        if (outcome instanceof PaymentEventOutcome.RetryLater later) {
            LOG.log(Level.WARNING, "Stripe event {0} deferred: {1}", event.eventId(), later.reason());
            return WebhookResponse.retryLater(later.reason(), type);
        }
        if (outcome instanceof PaymentEventOutcome.Unmatched unmatched) {
            LOG.log(Level.WARNING, "Stripe event {0} ({1}) is unmatched and needs an operator: {2}",
                    event.eventId(), event.type(), unmatched.reason());
        }
        return WebhookResponse.ok(event.eventId() + ": " + describe(outcome), type, resultOf(outcome));
    }

    private static String typeLabel(String type) {
        return SUBSCRIBED_EVENT_TYPES.contains(type) ? type : OTHER_EVENT_TYPE;
    }

    private static String resultOf(PaymentEventOutcome outcome) {
        if (outcome instanceof PaymentEventOutcome.Applied) {
            return "applied";
        }
        if (outcome instanceof PaymentEventOutcome.Noted) {
            return "noted";
        }
        if (outcome instanceof PaymentEventOutcome.Ignored) {
            return "ignored";
        }
        if (outcome instanceof PaymentEventOutcome.Unmatched) {
            return "unmatched";
        }
        return "already_processed";
    }

    private static String describe(PaymentEventOutcome outcome) {
        if (outcome instanceof PaymentEventOutcome.Applied applied) {
            return "applied: " + applied.summary();
        }
        if (outcome instanceof PaymentEventOutcome.Noted noted) {
            return "noted: " + noted.summary();
        }
        if (outcome instanceof PaymentEventOutcome.Ignored ignored) {
            return "ignored: type " + ignored.type();
        }
        if (outcome instanceof PaymentEventOutcome.Unmatched unmatched) {
            return "unmatched: " + unmatched.reason();
        }
        return "already processed";
    }
}
