package io.promo.domain.campaign;

import io.promo.domain.shared.AdvertiserId;
import io.promo.domain.shared.CampaignId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** A campaign store that hands every call to another: a test overrides the one call it wants to delay or race. */
public abstract class ForwardingCampaignRepository implements CampaignRepository {

    private final CampaignRepository delegate;

    protected ForwardingCampaignRepository(CampaignRepository delegate) {
        this.delegate = delegate;
    }

    @Override
    public void insert(Campaign campaign) {
        delegate.insert(campaign);
    }

    @Override
    public boolean insertWithinQuota(Campaign campaign, CampaignQuota quota) {
        return delegate.insertWithinQuota(campaign, quota);
    }

    @Override
    public Optional<Campaign> findById(CampaignId id) {
        return delegate.findById(id);
    }

    @Override
    public List<Campaign> findByAdvertiser(AdvertiserId advertiserId) {
        return delegate.findByAdvertiser(advertiserId);
    }

    @Override
    public List<Campaign> findAll() {
        return delegate.findAll();
    }

    @Override
    public boolean updateIfUnchanged(Campaign changed, Instant expectedVersion) {
        return delegate.updateIfUnchanged(changed, expectedVersion);
    }
}
