package io.promo.domain.shared;

/** The id of an advertiser ({@code padv_}, see {@link IdPrefix#ADVERTISER}). */
public record AdvertiserId(String value) {
    public AdvertiserId {
        IdPrefix.ADVERTISER.require(value);
    }

    public static AdvertiserId parse(String field, String value) {
        return new AdvertiserId(IdPrefix.ADVERTISER.parse(field, value));
    }

    @Override
    public String toString() {
        return value;
    }
}
