package io.promo.domain.conversion;

import java.time.Instant;

/**
 * A conversion as the marketplace's backend reports it ({@code POST /v1/conversions}); untrusted, checked by
 * {@link RecordConversion}. Give {@code clickId}, or a viewer ({@code userId} or {@code anonymousFingerprint}) with
 * the entity converted on.
 *
 * @param valueCents           the conversion's value in cents, or null
 * @param currency             the value's currency (ISO 4217, any case), required with a value: the deployment's
 * @param clickId              the {@code event_id} that {@code POST /v1/clicks} answered, or null
 * @param anonymousFingerprint the anonymous viewer's fingerprint hash as the search service sends it; keyed again
 *                             before use, never stored
 */
public record RecordConversionCommand(String conversionId, String type, Long valueCents, String currency,
        Instant occurredAt, String clickId, String userId, String anonymousFingerprint, String entityType,
        String entityId) {

    @Override
    public String toString() {
        // Never print the viewer (I9).
        return "RecordConversionCommand[" + conversionId + ", " + type + ", " + valueCents + " " + currency + ", "
                + occurredAt + ", click " + clickId + ", entity " + entityType + "/" + entityId + "]";
    }
}
