package io.promo.domain.funding;

import io.promo.domain.shared.Coded;
import io.promo.domain.shared.RowVersion;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A processor event promo has acted on, kept so that a redelivery is recognised and an operator can
 * see what each event did.
 *
 * @param detail what happened, for a person: the entries written, why it was unmatched, …
 */
public record ProcessedPaymentEvent(String eventId, String type, Result result, Optional<String> detail,
        Instant processedAt) {

    public static final int MAX_DETAIL_LENGTH = 1_000;

    public ProcessedPaymentEvent {
        if (eventId == null || !PaymentEvent.EVENT_ID.matcher(eventId).matches()) {
            throw new IllegalArgumentException("not a payment event id: " + eventId);
        }
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(result, "result");
        detail = Objects.requireNonNull(detail, "detail")
                .map(d -> d.length() > MAX_DETAIL_LENGTH ? d.substring(0, MAX_DETAIL_LENGTH) : d);
        processedAt = RowVersion.stored(Objects.requireNonNull(processedAt, "processedAt"));
    }

    /** What an event did. */
    public enum Result implements Coded {
        /** Money moved (or had already moved): a top-up or adjustment is in the ledger. */
        APPLIED("applied"),
        /** Noted without money: a failed payment. */
        NOTED("noted"),
        /** A type promo does not act on. */
        IGNORED("ignored"),
        /** About money promo cannot place: no or an unknown campaign, another currency. An operator looks. */
        UNMATCHED("unmatched");

        private final String code;

        Result(String code) {
            this.code = code;
        }

        @Override
        public String code() {
            return code;
        }

        public static Result parse(String field, String code) {
            return Coded.parse(Result.class, field, code);
        }
    }
}
