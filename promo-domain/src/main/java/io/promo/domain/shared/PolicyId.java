package io.promo.domain.shared;

/** The id of a policy ({@code ppol_}, see {@link IdPrefix#POLICY}). */
public record PolicyId(String value) {
    public PolicyId {
        IdPrefix.POLICY.require(value);
    }

    public static PolicyId parse(String field, String value) {
        return new PolicyId(IdPrefix.POLICY.parse(field, value));
    }

    @Override
    public String toString() {
        return value;
    }
}
