package io.promo.domain.conversion;

import io.promo.domain.shared.Money;
import io.promo.domain.shared.RowVersion;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A recorded conversion: an immutable fact (the log is append-only), attributed once, when it was recorded. A click
 * credited later does not change it; reports leave such a click's conversions out (ADR 0035).
 *
 * @param value       in the deployment's currency; empty when the marketplace sent none
 * @param subjectHash a keyed hash of the click or viewer and entity it named (no raw viewer data, I9)
 */
public record Conversion(ConversionId id, ConversionType type, Optional<Money> value, Instant occurredAt,
        Instant recordedAt, String subjectHash, Attribution attribution) {

    public Conversion {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(subjectHash, "subjectHash");
        Objects.requireNonNull(attribution, "attribution");
        occurredAt = RowVersion.stored(Objects.requireNonNull(occurredAt, "occurredAt"));
        recordedAt = RowVersion.stored(Objects.requireNonNull(recordedAt, "recordedAt"));
    }

    /**
     * The fields in which {@code replay}, sent under this conversion's id, differs from it (their request names);
     * empty when it is the same conversion sent again.
     */
    public List<String> differencesFrom(ConversionToRecord replay) {
        List<String> fields = new ArrayList<>();
        if (!type.equals(replay.type())) {
            fields.add("type");
        }
        if (!value.equals(replay.value())) {
            fields.add("value_cents");
        }
        if (!occurredAt.equals(replay.occurredAt())) {
            fields.add("occurred_at");
        }
        if (!subjectHash.equals(replay.subjectHash())) {
            fields.add(replay.subject() instanceof ConversionSubject.Click ? "click_id" : "viewer");
        }
        return fields;
    }
}
