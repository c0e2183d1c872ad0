package io.promo.app.http;

import static io.promo.app.http.ProblemResponses.accepted;

import io.promo.domain.conversion.Attribution;
import io.promo.domain.conversion.Conversion;
import io.promo.domain.conversion.ConversionRecorded;
import io.promo.domain.conversion.RecordConversion;
import io.promo.domain.conversion.RecordConversionCommand;
import io.promo.domain.shared.InvalidCommandException;
import io.promo.domain.shared.Money;
import java.time.Instant;
import java.util.Locale;

/**
 * Conversions from the marketplace's backend (ADR 0035): what a searcher did after a click, recorded once per id and
 * attributed once. 201 when recorded now, 200 with the stored answer for a replay of the same conversion.
 */
public final class ConversionRoutes implements ApiRoutes {

    // The fields of a conversion, each named once ("viewer" is read by SearchViewer).
    private static final String CONVERSION_ID = "conversion_id";
    private static final String TYPE = "type";
    private static final String VALUE_CENTS = "value_cents";
    private static final String CURRENCY = "currency";
    private static final String OCCURRED_AT = "occurred_at";
    private static final String CLICK_ID = "click_id";
    private static final String VIEWER = "viewer";
    private static final String ENTITY_TYPE = "entity_type";
    private static final String ENTITY_ID = "entity_id";

    private final RecordConversion recordConversion;

    public ConversionRoutes(RecordConversion recordConversion) {
        this.recordConversion = recordConversion;
    }

    @Override
    public void register(ApiRouter router) {
        router.post("/v1/conversions", Access.SEARCH_SERVICE, (ctx, caller) -> {
            JsonBody body = JsonBody.of(ctx).allowOnly(CONVERSION_ID, TYPE, VALUE_CENTS, CURRENCY, OCCURRED_AT, CLICK_ID,
                    VIEWER, ENTITY_TYPE, ENTITY_ID);
            String conversionId = body.text(CONVERSION_ID);
            String type = body.text(TYPE);
            Long valueCents = body.optionalWholeNumber(VALUE_CENTS).orElse(null);
            String currency = body.optionalText(CURRENCY).orElse(null);
            Instant occurredAt = instant(body, OCCURRED_AT);
            String clickId = body.optionalText(CLICK_ID).orElse(null);
            SearchViewer viewer = body.has(VIEWER) ? SearchViewer.read(body.object(VIEWER)) : SearchViewer.NONE;
            String entityType = body.optionalText(ENTITY_TYPE).orElse(null);
            String entityId = body.optionalText(ENTITY_ID).orElse(null);
            body.throwIfInvalid();
            ConversionRecorded recorded = accepted(recordConversion.record(new RecordConversionCommand(conversionId, type,
                    valueCents, currency, occurredAt, clickId, viewer.userId(), viewer.anonymousFingerprint(), entityType,
                    entityId)));
            Respond.json(ctx, recorded.replay() ? 200 : 201,
                    ConversionView.of(recorded.conversion(), recordConversion.settings().currency()));
        });
    }

    private static Instant instant(JsonBody body, String field) {
        String raw = body.text(field);
        if (raw == null) {
            return null;
        }
        try {
            return Dates.instant(field, raw);
        } catch (InvalidCommandException e) {
            e.violations().forEach(v -> body.reject(v.field(), v.message()));
            return null;
        }
    }

    /**
     * A recorded conversion as the marketplace is answered: what it was credited to, or why nothing.
     *
     * @param attribution {@code attributed} or {@code unattributed}
     */
    record ConversionView(String conversionId, String type, Long valueCents, String currency, Instant occurredAt,
            Instant recordedAt, String attribution, String clickId, String campaignId, String clickDay,
            String unattributedReason) {

        static ConversionView of(Conversion conversion, String currency) {
            Long value = conversion.value().map(Money::cents).orElse(null);
            String shownCurrency = value == null ? null : currency.toUpperCase(Locale.ROOT);
            if (conversion.attribution() instanceof Attribution.Attributed attributed) {
                return new ConversionView(conversion.id().value(), conversion.type().code(), value, shownCurrency,
                        conversion.occurredAt(), conversion.recordedAt(), "attributed", attributed.clickId().value(),
                        attributed.campaignId().value(), attributed.clickDay().toString(), null);
            }
            return new ConversionView(conversion.id().value(), conversion.type().code(), value, shownCurrency,
                    conversion.occurredAt(), conversion.recordedAt(), "unattributed", null, null, null,
                    ((Attribution.Unattributed) conversion.attribution()).reason().code());
        }
    }
}
