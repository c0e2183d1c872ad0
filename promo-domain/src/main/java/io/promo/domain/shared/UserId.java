package io.promo.domain.shared;

/** The id of a marketplace user ({@code usr_}, see {@link IdPrefix#USER}). */
public record UserId(String value) {
    public UserId {
        IdPrefix.USER.require(value);
    }

    public static UserId parse(String field, String value) {
        return new UserId(IdPrefix.USER.parse(field, value));
    }

    @Override
    public String toString() {
        return value;
    }
}
