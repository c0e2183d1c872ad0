package io.promo.persistence;

import static io.promo.persistence.jooq.generated.Tables.PROMO_STRIPE_WEBHOOK_EVENT;

import io.promo.domain.funding.ProcessedPaymentEvent;
import io.promo.domain.funding.ProcessedPaymentEvents;
import io.promo.persistence.jooq.generated.tables.records.PromoStripeWebhookEventRecord;
import java.util.Optional;
import org.jooq.DSLContext;

/**
 * {@link ProcessedPaymentEvents} on {@code promo_stripe_webhook_event}. Storing is one
 * {@code insert … on conflict do nothing}: of concurrent deliveries of one event exactly one inserts,
 * without locks held across the caller's work.
 */
public final class JooqProcessedPaymentEvents implements ProcessedPaymentEvents {

    private final DSLContext db;

    public JooqProcessedPaymentEvents(DSLContext db) {
        this.db = db;
    }

    @Override
    public boolean markProcessed(ProcessedPaymentEvent event) {
        return db.insertInto(PROMO_STRIPE_WEBHOOK_EVENT)
                .set(PROMO_STRIPE_WEBHOOK_EVENT.EVENT_ID, event.eventId())
                .set(PROMO_STRIPE_WEBHOOK_EVENT.TYPE, event.type())
                .set(PROMO_STRIPE_WEBHOOK_EVENT.RESULT, event.result().code())
                .set(PROMO_STRIPE_WEBHOOK_EVENT.DETAIL, event.detail().orElse(null))
                .set(PROMO_STRIPE_WEBHOOK_EVENT.PROCESSED_AT, Timestamps.toColumn(event.processedAt()))
                .onConflictDoNothing()
                .execute() == 1;
    }

    @Override
    public Optional<ProcessedPaymentEvent> find(String eventId) {
        return db.selectFrom(PROMO_STRIPE_WEBHOOK_EVENT)
                .where(PROMO_STRIPE_WEBHOOK_EVENT.EVENT_ID.eq(eventId))
                .fetchOptional()
                .map(JooqProcessedPaymentEvents::toDomain);
    }

    private static ProcessedPaymentEvent toDomain(PromoStripeWebhookEventRecord row) {
        return new ProcessedPaymentEvent(row.getEventId(), row.getType(),
                ProcessedPaymentEvent.Result.parse("result", row.getResult()), Optional.ofNullable(row.getDetail()),
                Timestamps.fromColumn(row.getProcessedAt()));
    }
}
