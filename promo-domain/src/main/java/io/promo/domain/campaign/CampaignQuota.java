package io.promo.domain.campaign;

/**
 * How many campaigns one advertiser may have that have not ended: one key must not be able to flood the
 * serving index, which every node rebuilds from all campaigns each refresh interval. Drafts count: they are in the
 * index (diagnostics explain them) as much as active ones. An ended campaign no longer counts, so ending one makes
 * room for another.
 *
 * <p>{@link CampaignRepository#insertWithinQuota} counts and inserts under a lock on the advertiser, so concurrent
 * creates cannot pass the limit together.
 */
public record CampaignQuota(int maxNotEnded) {

    /** Enough for a studio with a campaign per role, city and season; far below what slows the index (ADR 0013). */
    public static final CampaignQuota DEFAULT = new CampaignQuota(1_000);

    public CampaignQuota {
        if (maxNotEnded < 1) {
            throw new IllegalArgumentException("an advertiser may have at least one campaign: " + maxNotEnded);
        }
    }

    /** Whether a campaign in {@code status} takes one of its advertiser's places. */
    public static boolean counts(CampaignStatus status) {
        return status != CampaignStatus.ENDED;
    }

    /** Whether an advertiser with {@code counted} campaigns that {@link #counts count} may create another. */
    public boolean allowsAnother(long counted) {
        return counted < maxNotEnded;
    }

    /** The refusal's sentence, naming the limit. */
    String refusal(Object advertiserId) {
        return "advertiser " + advertiserId + " has reached the campaign quota: at most " + maxNotEnded
                + " campaigns that have not ended per advertiser; end one before creating another";
    }
}
