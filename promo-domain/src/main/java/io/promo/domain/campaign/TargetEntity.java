package io.promo.domain.campaign;

import io.promo.domain.shared.InvalidCommandException;
import java.util.Objects;

/** The promoted entity: a service profile ({@code srv_…}) or a studio ({@code std_…}). */
public record TargetEntity(TargetEntityType type, String id) {

    public TargetEntity {
        Objects.requireNonNull(type, "type");
        type.idPrefix().require(id);
    }

    /** Parses untrusted input: the id must carry the prefix of its type. */
    public static TargetEntity parse(String typeCode, String id) {
        TargetEntityType type = TargetEntityType.parse("target_entity_type", typeCode);
        if (!type.idPrefix().matches(id)) {
            throw InvalidCommandException.of("target_entity_id", "a " + type.code() + " id starts with '"
                    + type.idPrefix().prefix() + "_' (got '" + id + "')");
        }
        return new TargetEntity(type, id);
    }

    @Override
    public String toString() {
        return id;
    }
}
