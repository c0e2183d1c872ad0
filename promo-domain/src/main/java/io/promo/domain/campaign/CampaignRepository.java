package io.promo.domain.campaign;

import io.promo.domain.shared.Actor;
import io.promo.domain.shared.AdvertiserId;
import io.promo.domain.shared.CampaignId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Out port: the campaign table. */
public interface CampaignRepository {

    /** Stores a new campaign; its id must be new and its advertiser must exist. */
    void insert(Campaign campaign);

    /**
     * Stores a new campaign if its advertiser has room for it under {@code quota} ({@link CampaignQuota#counts}),
     * counted and inserted under a lock on the advertiser so that concurrent creates cannot pass the limit together;
     * false, and nothing written, when the quota is used up.
     */
    boolean insertWithinQuota(Campaign campaign, CampaignQuota quota);

    Optional<Campaign> findById(CampaignId id);

    /**
     * The campaign if {@code actor} may see it (I8). Use cases answer "not found" either way, so a
     * tenant cannot even learn that another tenant's id exists.
     */
    default Optional<Campaign> findVisibleTo(Actor actor, CampaignId id) {
        return findById(id).filter(campaign -> actor.mayAccess(campaign.advertiserId()));
    }

    /** The advertiser's campaigns, oldest first. */
    List<Campaign> findByAdvertiser(AdvertiserId advertiserId);

    /** Every campaign, oldest first. */
    List<Campaign> findAll();

    /**
     * Stores {@code changed} if the stored row still has {@code updated_at = expectedVersion};
     * false (and nothing written) when another writer got there first or the row is gone.
     */
    boolean updateIfUnchanged(Campaign changed, Instant expectedVersion);
}
