package io.promo.domain.shared;

/** The id of a campaign ({@code pcmp_}, see {@link IdPrefix#CAMPAIGN}). */
public record CampaignId(String value) {
    public CampaignId {
        IdPrefix.CAMPAIGN.require(value);
    }

    public static CampaignId parse(String field, String value) {
        return new CampaignId(IdPrefix.CAMPAIGN.parse(field, value));
    }

    @Override
    public String toString() {
        return value;
    }
}
