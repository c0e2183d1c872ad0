package io.promo.domain.shared;

/** The id of an impression or click event ({@code pevt_}, see {@link IdPrefix#EVENT}). */
public record EventId(String value) {
    public EventId {
        IdPrefix.EVENT.require(value);
    }

    public static EventId parse(String field, String value) {
        return new EventId(IdPrefix.EVENT.parse(field, value));
    }

    @Override
    public String toString() {
        return value;
    }
}
