package io.promo.domain.conversion;

import io.promo.domain.shared.Money;
import io.promo.domain.shared.RowVersion;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A conversion checked and ready for the log, not yet attributed: what {@link ConversionLog#record} is handed.
 *
 * @param subject     whom to credit; the log loads its candidate clicks. Never stored: a viewer's id or fingerprint
 *                    is not kept with the conversion (I9), only {@code subjectHash}
 * @param subjectHash a keyed hash of the subject, so a replay naming another click or viewer is told apart (409)
 */
public record ConversionToRecord(ConversionId id, ConversionType type, Optional<Money> value, Instant occurredAt,
        Instant recordedAt, ConversionSubject subject, String subjectHash) {

    public ConversionToRecord {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(subjectHash, "subjectHash");
        occurredAt = RowVersion.stored(Objects.requireNonNull(occurredAt, "occurredAt"));
        recordedAt = RowVersion.stored(Objects.requireNonNull(recordedAt, "recordedAt"));
        value.ifPresent(money -> {
            if (money.isNegative()) {
                throw new IllegalArgumentException("a conversion value is not negative: " + money);
            }
        });
    }

    /** This conversion as recorded, credited as {@code attribution} says. */
    public Conversion attributed(Attribution attribution) {
        return new Conversion(id, type, value, occurredAt, recordedAt, subjectHash, attribution);
    }
}
