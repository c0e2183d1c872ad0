package io.promo.app.metrics;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.promo.domain.serving.memory.MemoryReadings;
import io.promo.domain.traffic.ImpressionBuffer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Every metric promo exposes on {@code GET /metrics}, registered here in one place (Prometheus' Java client,
 * text format). Add a metric as a private field registered on {@link #registry} and a method saying what happened:
 * callers record events and never reach a metric itself. The labels are low-cardinality by rule (surface, route
 * template, status, reason: never an id).
 */
public final class PromoMetrics {

    /** Request latency buckets, in seconds: fine below 10 ms, where the decision path must stay. */
    private static final double[] LATENCY_BUCKETS = {
        0.0005, 0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();

    /** Seconds per request, by method, route template ({@code /v1/campaigns/{id}}) and status. */
    private final Histogram requestDuration = Histogram.builder()
            .name("promo_http_request_duration_seconds")
            .help("HTTP request latency by method, route template and status")
            .labelNames("method", "route", "status")
            .classicOnly()
            .classicUpperBounds(LATENCY_BUCKETS)
            .register(registry);

    /** Decisions made, by surface. */
    private final Counter decisions = Counter.builder()
            .name("promo_decisions_total")
            .help("Ad decisions made for search pages, by surface")
            .labelNames("surface")
            .register(registry);

    /** Sponsored positions filled on decided pages, by surface and format. */
    private final Counter sponsoredSlotsFilled = Counter.builder()
            .name("promo_sponsored_slots_filled_total")
            .help("Sponsored positions filled on decided pages, by surface and format")
            .labelNames("surface", "format")
            .register(registry);

    /** Valid clicks billed their cpc. */
    private final Counter clicksBilled = Counter.builder()
            .name("promo_clicks_billed_total")
            .help("Valid clicks billed")
            .register(registry);

    /** Valid clicks logged but billed 0, by reason (daily_budget, total_budget, balance, ...). */
    private final Counter clicksNotBilled = Counter.builder()
            .name("promo_clicks_not_billed_total")
            .help("Valid clicks logged but not billed, by reason")
            .labelNames("reason")
            .register(registry);

    /**
     * Stripe webhook deliveries by event type (the subscribed types, {@code other}, or {@code unread} when
     * the delivery was refused before its type was read) and result. A subscribed type that never arrives
     * is a webhook endpoint not subscribed to it (docs/billing.md, alert in docs/operations.md).
     */
    private final Counter stripeWebhookEvents = Counter.builder()
            .name("promo_stripe_webhook_events_total")
            .help("Stripe webhook deliveries by event type and result")
            .labelNames("type", "result")
            .register(registry);

    /**
     * How many of the event types promo acts on no enabled Stripe webhook endpoint receives, as Stripe answered
     * at start-up: 0 when all are covered, -1 until known (not checked yet, Stripe could not be asked, or the
     * dev gateway, which has no webhooks).
     */
    private final Gauge stripeWebhookTypesUnsubscribed = Gauge.builder()
            .name("promo_stripe_webhook_types_unsubscribed")
            .help("Event types promo acts on that no enabled Stripe webhook endpoint receives (-1: unknown)")
            .register(registry);

    {
        stripeWebhookTypesUnsubscribed.set(-1);
    }

    /** Invalid clicks, by the rule that caught them. */
    private final Counter invalidClicks = Counter.builder()
            .name("promo_invalid_clicks_total")
            .help("Invalid clicks, never billed, by reason")
            .labelNames("reason")
            .register(registry);

    /** Cents billed for clicks. */
    private final Counter spendCents = Counter.builder()
            .name("promo_spend_cents_total")
            .help("Cents billed for valid clicks")
            .register(registry);

    /** Impressions the full buffer refused on the decision path (ADR 0007: dropped and counted, never waited for). */
    private final Counter impressionsDropped = Counter.builder()
            .name("promo_impressions_dropped_total")
            .help("Impressions not logged because the ingestion buffer was full")
            .register(registry);

    /**
     * Requests answered 503 because the database could not do their work: {@code bulkhead_full} (as many requests
     * were doing database work as allowed) or {@code database} (unreachable, a statement or lock timeout).
     */
    private final Counter databaseUnavailable = Counter.builder()
            .name("promo_database_unavailable_total")
            .help("Requests answered 503 because the database could not do their work, by cause")
            .labelNames("cause")
            .register(registry);

    /** A request answered with {@code status} after {@code seconds}; {@code route} is its template or "unmatched". */
    public void requestServed(String method, String route, int status, double seconds) {
        requestDuration.labelValues(method, route, Integer.toString(status)).observe(seconds);
    }

    /** A decision made on {@code surface}, whose page's {@code impressionsDropped} impressions the full buffer refused. */
    public void decisionMade(String surface, long impressionsDropped) {
        this.impressionsDropped.inc(impressionsDropped);
        decisions.labelValues(surface).inc();
    }

    /** A sponsored position of {@code format} filled on a page decided on {@code surface}. */
    public void sponsoredSlotFilled(String surface, String format) {
        sponsoredSlotsFilled.labelValues(surface, format).inc();
    }

    /** A valid click billed {@code cents}. */
    public void clickBilled(long cents) {
        clicksBilled.inc();
        spendCents.inc(cents);
    }

    /** A valid click logged but billed 0, for {@code reason}. */
    public void clickNotBilled(String reason) {
        clicksNotBilled.labelValues(reason).inc();
    }

    /** An invalid click, caught by the rule {@code reason}. */
    public void invalidClick(String reason) {
        invalidClicks.labelValues(reason).inc();
    }

    /** A Stripe webhook delivery of {@code type} ("unread" when refused before its type was read) and its result. */
    public void stripeWebhookDelivered(String type, String result) {
        stripeWebhookEvents.labelValues(type, result).inc();
    }

    /** What Stripe answered at start-up: how many acted-on event types no endpoint receives, -1 when unknown. */
    public void stripeWebhookTypesUnsubscribed(int missing) {
        stripeWebhookTypesUnsubscribed.set(missing);
    }

    /** A request answered 503 because the database could not do its work: {@code bulkhead_full} or {@code database}. */
    public void databaseUnavailable(String cause) {
        databaseUnavailable.labelValues(cause).inc();
    }

    /** Exposes how many requests are doing database work (inside the bulkhead), read at each scrape. */
    public void watchDatabaseRequests(java.util.function.IntSupplier inFlight) {
        GaugeWithCallback.builder()
                .name("promo_database_requests_in_flight")
                .help("HTTP requests doing database work now (the bulkhead's taken permits)")
                .callback(callback -> callback.call(inFlight.getAsInt()))
                .register(registry);
    }

    /** Exposes the impression buffer's depth and its written and lost counts, read at each scrape. */
    public void watch(ImpressionBuffer impressions) {
        GaugeWithCallback.builder()
                .name("promo_ingestion_buffer_depth")
                .help("Impressions waiting in the ingestion buffer")
                .callback(callback -> callback.call(impressions.depth()))
                .register(registry);
        CounterWithCallback.builder()
                .name("promo_impressions_written_total")
                .help("Impressions written to the event log")
                .callback(callback -> callback.call(impressions.written()))
                .register(registry);
        CounterWithCallback.builder()
                .name("promo_impressions_lost_total")
                .help("Impressions given up: their writes kept failing, or the shutdown deadline came first")
                .callback(callback -> callback.call(impressions.lost()))
                .register(registry);
    }

    /**
     * Exposes how decisions read viewer-memory tokens, by {@code reading}: valid, absent, forged, oversized, expired
     * (ADR 0034). A rise in forged tokens is a search service mixing up its viewers' tokens, or someone trying.
     */
    public void watch(MemoryReadings readings) {
        CounterWithCallback.builder()
                .name("promo_viewer_memory_tokens_total")
                .help("Viewer-memory tokens read by decisions that needed them (a frequency-capped candidate), by reading")
                .labelNames("reading")
                .callback(callback -> readings.snapshot().forEach((reading, count) -> callback.call(count, reading.label())))
                .register(registry);
    }

    public PrometheusRegistry registry() {
        return registry;
    }

    public String contentType() {
        return writer.getContentType();
    }

    /** The current values in Prometheus' text exposition format. */
    public byte[] scrape() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(8_192);
        try {
            writer.write(out, registry.scrape());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
